// Checkout: shipping address (saved or new), shipping method, the order summary with tax, discount
// and total, then "Place order and pay": the order is placed (stock reserved) and the buyer goes to
// the payment page. Every price is recomputed from the database; the form carries none.
#include "core/crypto.h"
#include "core/errors.h"
#include "core/text.h"
#include "pages/buying.h"

namespace bf::pages {
namespace {

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
    ctx.require_user();  // checkout is for signed-in readers
    if (form.values["idempotency_key"].empty()) form.values["idempotency_key"] = crypto::random_token(24);
    page.SetValue("IDEMPOTENCY_KEY", form.values["idempotency_key"]);

    // An order of ebooks alone skips the address and the shipping method: nothing ships.
    const bool ships = cart.ships();
    page.ShowSection(ships ? "SHIPS" : "NOTHING_SHIPS");
    page.SetIntValue("SUMMARY_STEP", ships ? 3 : 2);
    int ebooks = 0;
    for (const auto& l : cart.lines) ebooks += l.digital ? 1 : 0;
    if (ebooks > 0) page.SetValueAndShowSection("EBOOK_COUNT", count_of(ebooks, "ebook", "ebooks"), "EBOOKS");
    if (ships) add_address_choice(page, ctx, form);

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
        d->ShowSection(cart.lines[i].digital ? "EBOOK" : "PRINT");
        d->SetValue("LINE_TOTAL", format_money(b.line_totals[i], currency));
    }
    add_breakdown(page, b, currency);
    std::string method_title = pricing::method_name(method);
    method_title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(method_title[0])));
    page.SetValue("METHOD_LABEL", method_title);
    page.SetValue("TAX_RATE", format_basis_points(rules.tax_rate_bp) + "%");
    if (cart.coupon_code) {
        auto* c = page.AddSectionDictionary("COUPON");
        c->SetValue("CODE", *cart.coupon_code);
        if (!coupon_problem.empty()) c->SetValueAndShowSection("PROBLEM", coupon_problem, "HAS_PROBLEM");
        else if (!b.coupon_applied) c->SetValueAndShowSection("PROBLEM", b.coupon_problem, "HAS_PROBLEM");
    }
    // Unpaid orders hold stock: only accounts with a confirmed address place them (#12.6), so a crowd
    // of throwaway accounts cannot hold the shop's copies.
    page.ShowSection(ctx.require_user().email_verified ? "CAN_PLACE" : "CONFIRM_TO_PLACE");
    page.SetValue("EMAIL", ctx.require_user().email);
    page.SetIntValue("HOLD_MINUTES", reservation_minutes(ctx.app));
    page.SetIntValue("MAX_HELD_UNITS", store::Orders::kMaxHeldUnits);
    page.SetIntValue("MAX_UNPAID_ORDERS", store::Orders::kMaxUnpaidOrders);
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
    if (cart.lines.empty()) {
        // Placing took the cart's lines: a second submit (another tab) finds the order it made.
        if (auto open = ctx.store.orders.newest_unpaid(user.id))
            return http::Response::see_other("/pay/" + open->payment_ref,
                                             "Order " + open->number + " was already placed. Pay for it here.");
        return http::Response::see_other("/cart", "Your cart is empty.", "error");
    }

    FormState form;
    for (const char* name : {"address_choice", "full_name", "line1", "line2", "city", "region", "postal_code", "country",
                             "phone", "shipping_method", "idempotency_key"})
        form.values[name] = req.field(name);
    form.values["save_address"] = req.field("save_address") == "1" ? "1" : "";
    if (!valid_idempotency_key(form.values["idempotency_key"])) {
        form.values["idempotency_key"].clear();
        return checkout_page(ctx, cart, form, 422, "This form was out of date. Please check the details and try again.");
    }
    const bool ships = cart.ships();
    // Nothing ships: no address, no method (the order records standard at no cost).
    const auto method = ships ? pricing::parse_method(form.values["shipping_method"])
                              : std::optional<pricing::ShippingMethod>(pricing::ShippingMethod::Standard);
    if (!method) form.errors["shipping_method"] = "Choose a shipping method.";
    if (req.field("action") == "update" && method) return checkout_page(ctx, cart, form, 200);

    if (!user.email_verified)
        return checkout_page(ctx, cart, form, 403,
                             "Please confirm your email address before you place an order: nothing was ordered.");
    const auto ship_to = ships ? address_from_form(ctx, form) : std::optional<store::AddressInput>(store::AddressInput{});
    if (!form.errors.empty() || !ship_to) return checkout_page(ctx, cart, form, 422);

    store::PlaceOrder order;
    order.user_id = user.id;
    order.idempotency_key = form.values["idempotency_key"];
    order.ship_to = *ship_to;
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
    if (placed.repeated)
        return http::Response::see_other("/pay/" + placed.payment_ref,
                                         "Order " + placed.number + " was already placed. Pay for it here.");
    return http::Response::see_other("/pay/" + placed.payment_ref);
}

}  // namespace

void register_checkout_routes(App& app) {
    app.add("GET", "/checkout", {show_checkout, Access::User});
    app.add("POST", "/checkout", {place_order, Access::User});
}

}  // namespace bf::pages
