#include "pages/buying.h"

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

store::CartOwner cart_owner(const Context& ctx) {
    store::CartOwner owner;
    if (ctx.user()) owner.user_id = ctx.user()->id;
    else owner.session_id = ctx.session_id();
    return owner;
}

std::vector<pricing::Line> pricing_lines(const store::Cart& cart) {
    std::vector<pricing::Line> lines;
    for (const auto& l : cart.lines) lines.push_back({l.book_id, l.unit_price, l.quantity});
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

std::string cover_url(const std::optional<std::string>& cover_path) {
    return cover_path && !cover_path->empty() ? "/uploads/" + *cover_path : "";
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
