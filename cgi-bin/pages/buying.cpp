#include "pages/buying.h"

#include "core/errors.h"
#include "core/text.h"

namespace bf::pages {

pricing::Rules shop_rules(const App& app) {
    const Config& c = app.config();
    pricing::Rules r;
    r.tax_rate_bp = c.get_int("tax_rate_bp", 0);
    r.free_shipping_threshold = c.get_int("free_shipping_threshold_cents", 3500);
    r.standard = c.get_int("shipping_standard_cents", 499);
    r.express = c.get_int("shipping_express_cents", 1299);
    r.overnight = c.get_int("shipping_overnight_cents", 2499);
    return r;
}

int reservation_minutes(const App& app) {
    const int64_t m = app.config().get_int("reservation_minutes", 15);
    return static_cast<int>(m < 1 ? 1 : m > 24 * 60 ? 24 * 60 : m);
}

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

}  // namespace

void add_address_fields(ctemplate::TemplateDictionary& dict, FormState& form) {
    auto& d = *dict.AddIncludeDictionary("ADDRESS_FIELDS");
    d.SetFilename("partials/address_fields.tpl");
    for (const auto& f : kAddressFields) add_field(d, "FIELD_" + to_upper(f.name), f, form);
    const std::string country = form.values.count("country") ? form.values["country"] : "US";
    for (const auto& c : kCountries) {
        auto* s = d.AddSectionDictionary("COUNTRY");
        s->SetValue("CODE", c.code);
        s->SetValue("NAME", c.name);
        if (country == c.code) s->ShowSection("SELECTED");
    }
    if (form.errors.count("country")) d.SetValueAndShowSection("COUNTRY_ERROR", form.errors["country"], "HAS_COUNTRY_ERROR");
}

store::AddressInput read_address_fields(Context& ctx, FormState& form) {
    for (const char* name : {"full_name", "line1", "line2", "city", "region", "postal_code", "country", "phone"})
        form.values[name] = ctx.req.field(name);
    return store::AddressInput{form.values["full_name"], form.values["line1"],       form.values["line2"],
                               form.values["city"],      form.values["region"],      form.values["postal_code"],
                               form.values["country"],   form.values["phone"]};
}

void add_address_choice(ctemplate::TemplateDictionary& page, Context& ctx, FormState& form) {
    auto& d = *page.AddIncludeDictionary("ADDRESS_CHOICE");
    d.SetFilename("partials/address_choice.tpl");
    const auto saved = ctx.store.addresses.list(ctx.require_user().id);
    std::string choice = form.values["address_choice"];
    if (choice.empty()) choice = saved.empty() ? "new" : "saved-" + std::to_string(saved.front().id);
    for (const auto& a : saved) {
        auto* s = d.AddSectionDictionary("SAVED_ADDRESS");
        const std::string value = "saved-" + std::to_string(a.id);
        s->SetValue("VALUE", value);
        s->SetValue("NAME", a.fields.full_name);
        s->SetValue("TEXT", a.one_line());
        if (choice == value) s->ShowSection("CHECKED");
    }
    if (!saved.empty()) {
        auto* s = d.AddSectionDictionary("HAS_SAVED");
        if (choice == "new") s->ShowSection("NEW_CHECKED");
    } else {
        d.ShowSection("NO_SAVED");
    }
    add_address_fields(d, form);
    if (form.values["save_address"] == "1" || (saved.empty() && !form.values.count("address_choice")))
        d.ShowSection("SAVE_CHECKED");
}

std::optional<store::AddressInput> address_from_form(Context& ctx, FormState& form) {
    store::AddressInput address = read_address_fields(ctx, form);
    form.values["address_choice"] = ctx.req.field("address_choice");
    form.values["save_address"] = ctx.req.field("save_address") == "1" ? "1" : "";
    const int64_t user_id = ctx.require_user().id;
    const std::string choice = form.values["address_choice"];
    if (starts_with(choice, "saved-")) {
        const auto id = std::strtoll(choice.c_str() + 6, nullptr, 10);
        const auto saved = id > 0 ? ctx.store.addresses.find(user_id, id) : std::nullopt;
        if (!saved) {
            form.errors["address_choice"] = "Choose one of your addresses.";
            return std::nullopt;
        }
        return saved->fields;
    }
    for (auto& [field, message] : store::validate(address)) form.errors[field] = message;
    if (!form.errors.empty()) return std::nullopt;
    if (form.values["save_address"] == "1") {
        try {
            ctx.store.addresses.create(user_id, address, false, ctx.now());
        } catch (const Invalid& e) {
            form.errors = e.fields;
            return std::nullopt;
        }
        form.values["address_choice"] = "";  // saved now: a re-render offers it
    }
    return address;
}

bool valid_idempotency_key(const std::string& key) {
    if (key.empty() || key.size() > 64) return false;
    for (unsigned char c : key)
        if (!std::isalnum(c) && c != '-' && c != '_') return false;
    return true;
}

store::CartOwner cart_owner(const Context& ctx) {
    store::CartOwner owner;
    if (ctx.user()) owner.user_id = ctx.user()->id;
    else owner.session_id = ctx.session_id();
    return owner;
}

std::vector<pricing::Line> pricing_lines(const store::Cart& cart) {
    std::vector<pricing::Line> lines;
    for (const auto& l : cart.lines) lines.push_back({l.book_id, l.unit_price, l.quantity, !l.digital});
    return lines;
}

void add_breakdown(ctemplate::TemplateDictionary& dict, const pricing::Breakdown& b, const std::string& currency) {
    dict.SetValue("SUBTOTAL", format_money(b.subtotal, currency));
    if (b.discount > 0) dict.SetValueAndShowSection("DISCOUNT", format_money(b.discount, currency), "HAS_DISCOUNT");
    dict.SetValue("SHIPPING", b.shipping == 0 ? "Free" : format_money(b.shipping, currency));
    dict.SetValue("TAX", format_money(b.tax, currency));
    if (b.tax > 0) dict.ShowSection("HAS_TAX");
    dict.SetValue("TOTAL", format_money(b.total, currency));
}

std::string status_label(const std::string& s) {
    if (s == store::order_status::kPendingPayment) return "Awaiting payment";
    if (s == store::order_status::kPaid) return "Paid";
    if (s == store::order_status::kProcessing) return "Being packed";
    if (s == store::order_status::kShipped) return "Shipped";
    if (s == store::order_status::kDelivered) return "Delivered";
    if (s == store::order_status::kCancelled) return "Cancelled";
    if (s == store::order_status::kRefunded) return "Refunded";
    return s;
}

std::string status_class(const std::string& s) {
    if (s == store::order_status::kPendingPayment) return "pending";
    if (s == store::order_status::kCancelled || s == store::order_status::kRefunded) return "closed";
    return "ok";
}

crypto::Signer payment_provider_signer(const App& app) { return crypto::Signer(app.signer().mac("payment-provider-key")); }

std::string callback_message(const std::string& ref, const std::string& outcome, const std::string& brand,
                             const std::string& last4) {
    return "bookfair-payment-callback\nref=" + ref + "\noutcome=" + outcome + "\nbrand=" + brand + "\nlast4=" + last4;
}

}  // namespace bf::pages
