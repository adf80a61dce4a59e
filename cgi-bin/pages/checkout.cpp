// Checkout: shipping address (saved or new), shipping method, the order summary with tax, discount
// and total, then "Place order and pay": the order is placed (stock reserved) and the buyer goes to
// the payment page. Every price is recomputed from the database; the form carries none.
#include "core/crypto.h"
#include "core/errors.h"
#include "core/text.h"
#include "pages/buying.h"

namespace bf::pages {
namespace {

struct Country {
    const char* code;
    const char* name;
};
const Country kCountries[] = {
    {"US", "United States"}, {"CA", "Canada"},    {"GB", "United Kingdom"}, {"IE", "Ireland"},
    {"AU", "Australia"},     {"NZ", "New Zealand"}, {"DE", "Germany"},      {"FR", "France"},
    {"ES", "Spain"},         {"IT", "Italy"},     {"NL", "Netherlands"},    {"SE", "Sweden"},
};

const Field kAddressFields[] = {
    {"full_name", "Full name", "text", "name", "", true, true, 100},
    {"line1", "Street address", "text", "address-line1", "", true, true, 120},
    {"line2", "Apartment, suite, etc.", "text", "address-line2", "Optional.", false, true, 120},
    {"city", "City", "text", "address-level2", "", true, true, 80},
    {"region", "State / region", "text", "address-level1", "Optional.", false, true, 80},
    {"postal_code", "Postal code", "text", "postal-code", "", true, true, 20},
    {"phone", "Phone", "tel", "tel", "Optional: for the carrier.", false, true, 30},
};

// 800 -> "8%", 825 -> "8.25%", 850 -> "8.5%".
std::string percent_text(int64_t bp) {
    std::string s = std::to_string(bp / 100);
    if (const int64_t f = bp % 100; f != 0) {
        s += "." + std::string(f < 10 ? "0" : "") + std::to_string(f);
        if (s.back() == '0') s.pop_back();
    }
    return s + "%";
}

bool valid_key(const std::string& key) {
    if (key.empty() || key.size() > 64) return false;
    for (unsigned char c : key)
        if (!std::isalnum(c) && c != '-' && c != '_') return false;
    return true;
}

store::AddressInput address_from(const http::Request& req) {
    return {req.field("full_name"), req.field("line1"), req.field("line2"), req.field("city"),
            req.field("region"),    req.field("postal_code"), req.field("country"), req.field("phone")};
}

// The cart's coupon when it can be used now, for this cart.
std::optional<store::Coupon> usable_coupon(Context& ctx, const store::Cart& cart, std::string& problem) {
    if (!cart.coupon_code) return std::nullopt;
    auto coupon = ctx.store.coupons.find(*cart.coupon_code);
    problem = coupon ? ctx.store.coupons.problem(*coupon, ctx.require_user().id, ctx.now()) : "This coupon no longer exists.";
    if (!problem.empty()) return std::nullopt;
    return coupon;
}

http::Response checkout_page(Context& ctx, const store::Cart& cart, FormState form, int status,
                             const std::string& general_error = "") {
    View view("buying/checkout.tpl", "Checkout");
    view.status = status;
    auto& page = view.page();
    add_form_errors(page, form);
    if (!general_error.empty()) page.SetValueAndShowSection("ERROR", general_error, "HAS_ERROR");
    const auto& user = ctx.require_user();
    if (form.values["idempotency_key"].empty()) form.values["idempotency_key"] = crypto::random_token(24);
    page.SetValue("IDEMPOTENCY_KEY", form.values["idempotency_key"]);

    // Address: saved ones first, then a new one.
    const auto saved = ctx.store.addresses.list(user.id);
    std::string choice = form.values["address_choice"];
    if (choice.empty()) choice = saved.empty() ? "new" : "saved-" + std::to_string(saved.front().id);
    for (const auto& a : saved) {
        auto* d = page.AddSectionDictionary("SAVED_ADDRESS");
        const std::string value = "saved-" + std::to_string(a.id);
        d->SetValue("VALUE", value);
        d->SetValue("NAME", a.fields.full_name);
        d->SetValue("TEXT", a.one_line());
        if (choice == value) d->ShowSection("CHECKED");
    }
    if (!saved.empty()) {
        auto* d = page.AddSectionDictionary("HAS_SAVED");
        if (choice == "new") d->ShowSection("NEW_CHECKED");
    } else {
        page.ShowSection("NO_SAVED");
    }
    for (const auto& f : kAddressFields) add_field(page, "FIELD_" + to_upper(f.name), f, form);
    const std::string country = form.values.count("country") ? form.values["country"] : "US";
    for (const auto& c : kCountries) {
        auto* d = page.AddSectionDictionary("COUNTRY");
        d->SetValue("CODE", c.code);
        d->SetValue("NAME", c.name);
        if (country == c.code) d->ShowSection("SELECTED");
    }
    if (form.errors.count("country")) page.SetValueAndShowSection("COUNTRY_ERROR", form.errors["country"], "HAS_COUNTRY_ERROR");
    if (form.values["save_address"] == "1" || (saved.empty() && !form.values.count("address_choice")))
        page.ShowSection("SAVE_CHECKED");

    // Shipping methods with what each costs for this cart.
    std::string coupon_problem;
    const auto coupon = usable_coupon(ctx, cart, coupon_problem);
    std::optional<pricing::CouponTerms> terms;
    if (coupon) {
        std::vector<int64_t> ids;
        for (const auto& l : cart.lines) ids.push_back(l.book_id);
        terms = ctx.store.coupons.terms(*coupon, ids);
    }
    const auto rules = shop_rules(ctx.app);
    const auto lines = pricing_lines(cart);
    const std::string currency = cart.lines.front().currency;
    const auto method = pricing::parse_method(form.values["shipping_method"]).value_or(pricing::ShippingMethod::Standard);
    for (auto m : {pricing::ShippingMethod::Standard, pricing::ShippingMethod::Express, pricing::ShippingMethod::Overnight}) {
        const auto b = pricing::price(lines, terms, m, rules);
        auto* d = page.AddSectionDictionary("METHOD");
        d->SetValue("VALUE", pricing::method_name(m));
        d->SetValue("LABEL", pricing::method_label(m));
        d->SetValue("PRICE", b.shipping == 0 ? "Free" : format_money(b.shipping, currency));
        if (m == method) d->ShowSection("CHECKED");
    }
    if (form.errors.count("shipping_method"))
        page.SetValueAndShowSection("METHOD_ERROR", form.errors["shipping_method"], "HAS_METHOD_ERROR");
    page.SetValue("FREE_SHIPPING_THRESHOLD", format_money(rules.free_shipping_threshold, currency));

    // The summary for the chosen method.
    const auto b = pricing::price(lines, terms, method, rules);
    for (size_t i = 0; i < cart.lines.size(); ++i) {
        auto* d = page.AddSectionDictionary("LINE");
        d->SetValue("TITLE", cart.lines[i].title);
        d->SetIntValue("QUANTITY", cart.lines[i].quantity);
        d->SetValue("LINE_TOTAL", format_money(b.line_totals[i], currency));
    }
    add_breakdown(page, b, currency);
    std::string method_title = pricing::method_name(method);
    method_title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(method_title[0])));
    page.SetValue("METHOD_LABEL", method_title);
    page.SetValue("TAX_RATE", percent_text(rules.tax_rate_bp));
    if (cart.coupon_code) {
        auto* c = page.AddSectionDictionary("COUPON");
        c->SetValue("CODE", *cart.coupon_code);
        if (!coupon_problem.empty()) c->SetValueAndShowSection("PROBLEM", coupon_problem, "HAS_PROBLEM");
        else if (!b.coupon_applied) c->SetValueAndShowSection("PROBLEM", b.coupon_problem, "HAS_PROBLEM");
    }
    page.SetIntValue("HOLD_MINUTES", reservation_minutes(ctx.app));
    return ctx.render(view);
}

// The cart as checkout needs it, or a redirect when it cannot be checked out as it stands.
std::optional<http::Response> cart_not_ready(const store::Cart& cart) {
    if (cart.lines.empty()) return http::Response::see_other("/cart", "Your cart is empty.", "error");
    for (const auto& l : cart.lines)
        if (!l.available())
            return http::Response::see_other("/cart", "Some books in your cart need your attention before checkout.",
                                             "error");
    return std::nullopt;
}

http::Response show_checkout(Context& ctx) {
    const auto cart = ctx.store.carts.load(cart_owner(ctx), ctx.now());
    if (auto r = cart_not_ready(cart)) return *r;
    return checkout_page(ctx, cart, FormState{}, 200);
}

http::Response sold_out_page(Context& ctx, const std::string& message) {
    View view("buying/sold_out.tpl", "Not enough stock");
    view.status = 409;
    view.page().SetValue("MESSAGE", message);
    return ctx.render(view);
}

http::Response place_order(Context& ctx) {
    const auto& user = ctx.require_user();
    const auto& req = ctx.req;
    const auto cart = ctx.store.carts.load(cart_owner(ctx), ctx.now());
    // Stock is not checked here: placing checks it under the books' row locks and names what is short.
    if (cart.lines.empty()) return http::Response::see_other("/cart", "Your cart is empty.", "error");

    FormState form;
    for (const char* name : {"address_choice", "full_name", "line1", "line2", "city", "region", "postal_code", "country",
                             "phone", "shipping_method", "idempotency_key"})
        form.values[name] = req.field(name);
    form.values["save_address"] = req.field("save_address") == "1" ? "1" : "";
    if (!valid_key(form.values["idempotency_key"])) {
        form.values["idempotency_key"].clear();
        return checkout_page(ctx, cart, form, 422, "This form was out of date. Please check the details and try again.");
    }
    const auto method = pricing::parse_method(form.values["shipping_method"]);
    if (!method) form.errors["shipping_method"] = "Choose a shipping method.";
    if (req.field("action") == "update" && method) return checkout_page(ctx, cart, form, 200);

    store::AddressInput ship_to;
    const std::string choice = form.values["address_choice"];
    if (starts_with(choice, "saved-")) {
        const auto id = std::strtoll(choice.c_str() + 6, nullptr, 10);
        const auto saved = id > 0 ? ctx.store.addresses.find(user.id, id) : std::nullopt;
        if (!saved) form.errors["address_choice"] = "Choose one of your addresses.";
        else ship_to = saved->fields;
    } else {
        ship_to = address_from(req);
        for (auto& [field, message] : store::validate(ship_to)) form.errors[field] = message;
    }
    if (!form.errors.empty()) return checkout_page(ctx, cart, form, 422);

    if (!starts_with(choice, "saved-") && form.values["save_address"] == "1") {
        try {
            ctx.store.addresses.create(user.id, ship_to, false, ctx.now());
        } catch (const Invalid& e) {
            form.errors = e.fields;
            return checkout_page(ctx, cart, form, 422);
        }
        form.values["address_choice"] = "";  // saved now: a re-render offers it
    }

    store::PlaceOrder order;
    order.user_id = user.id;
    order.idempotency_key = form.values["idempotency_key"];
    order.ship_to = ship_to;
    order.method = *method;
    order.coupon_code = cart.coupon_code;  // checked under its row lock: a spent coupon refuses the order
    order.rules = shop_rules(ctx.app);
    order.reservation_minutes = reservation_minutes(ctx.app);
    store::Placed placed;
    try {
        placed = ctx.store.orders.place(order, ctx.now());
    } catch (const SoldOut& e) {
        return sold_out_page(ctx, e.what());
    } catch (const Conflict& e) {
        form.values["idempotency_key"].clear();
        return checkout_page(ctx, cart, form, 409, e.what());
    } catch (const Invalid& e) {
        if (e.fields.count("cart")) return http::Response::see_other("/cart", e.fields.begin()->second, "error");
        form.errors = e.fields;
        return checkout_page(ctx, cart, form, 422);
    }
    if (placed.payment_ref.empty())
        return http::Response::see_other("/orders/" + placed.number, "This order was already placed.");
    return http::Response::see_other("/pay/" + placed.payment_ref);
}

}  // namespace

void register_checkout_routes(App& app) {
    app.add("GET", "/checkout", {show_checkout, Access::User});
    app.add("POST", "/checkout", {place_order, Access::User});
}

}  // namespace bf::pages
