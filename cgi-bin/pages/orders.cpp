// A buyer's orders: the history, each order's page (items, totals, timeline, payment attempts), and
// the two things a buyer may do: try the payment again, or cancel before shipping.
#include "core/errors.h"
#include "pages/buying.h"

namespace bf::pages {
namespace {

constexpr int kHistoryPageSize = 20;

// The order named in the path, if it is the visitor's (others' orders do not exist for them).
store::Order own_order(Context& ctx) {
    const auto& user = ctx.require_user();
    auto order = ctx.store.orders.find_by_number(ctx.req.param("number"));
    if (!order || (order->user_id != user.id && user.role != "admin")) throw NotFound("We could not find that order.");
    return *order;
}

http::Response show_history(Context& ctx) {
    const auto& user = ctx.require_user();
    std::optional<int64_t> before;
    if (const std::string b = ctx.req.field("before"); !b.empty()) {
        char* end = nullptr;
        const long long v = std::strtoll(b.c_str(), &end, 10);
        if (*end != '\0' || v <= 0) throw NotFound();
        before = v;
    }
    auto orders = ctx.store.orders.history(user.id, before, kHistoryPageSize + 1);
    const bool more = orders.size() > kHistoryPageSize;
    if (more) orders.pop_back();
    View view("buying/orders.tpl", "Your orders");
    auto& page = view.page();
    if (orders.empty()) page.ShowSection(before ? "NO_MORE" : "NO_ORDERS");
    else {
        auto* list = page.AddSectionDictionary("HAS_ORDERS");
        for (const auto& o : orders) {
            auto* d = list->AddSectionDictionary("ORDER");
            d->SetValue("NUMBER", o.number);
            d->SetValue("URL", "/orders/" + o.number);
            d->SetValue("DATE", format_human(o.created));
            d->SetValue("DATE_ISO", format_iso(o.created));
            d->SetValue("STATUS", status_label(o.status));
            d->SetValue("STATUS_CLASS", status_class(o.status));
            d->SetValue("TOTAL", format_money(o.total, o.currency));
            d->SetValue("SUMMARY", o.units > 1 ? std::to_string(o.units) + " books, including " + o.first_title : o.first_title);
        }
        if (more) list->SetValueAndShowSection("NEXT_URL", "/orders?before=" + std::to_string(orders.back().id), "HAS_NEXT");
    }
    if (before) page.ShowSection("NOT_FIRST");
    return ctx.render(view);
}

void add_payments(ctemplate::TemplateDictionary& page, const store::Order& o) {
    for (const auto& p : o.payments) {
        auto* d = page.AddSectionDictionary("PAYMENT");
        d->SetIntValue("ATTEMPT", p.attempt);
        d->SetValue("DATE", format_human(p.settled.value_or(p.created)));
        d->SetValue("AMOUNT", format_money(p.amount, o.currency));
        d->SetValue("CARD", p.card_brand ? *p.card_brand + " ending " + p.card_last4.value_or("????") : "—");
        std::string result = p.status == "succeeded"    ? "Paid"
                             : p.status == "failed"     ? "Failed: " + p.failure_reason.value_or("declined")
                             : p.status == "refund_due" ? "Received late: refunded"
                                                        : "Not completed";
        d->SetValue("RESULT", result);
        d->SetValue("RESULT_CLASS", p.status == "succeeded" ? "ok" : p.status == "pending" ? "pending" : "closed");
    }
    if (!o.payments.empty()) page.ShowSection("HAS_PAYMENTS");
}

http::Response show_order(Context& ctx) {
    const auto o = own_order(ctx);
    View view("buying/order.tpl", "Order " + o.number);
    view.has_form = true;
    auto& page = view.page();
    page.SetValue("NUMBER", o.number);
    page.SetValue("DATE", format_human(o.created));
    page.SetValue("STATUS", status_label(o.status));
    page.SetValue("STATUS_CLASS", status_class(o.status));
    for (const auto& i : o.items) {
        auto* d = page.AddSectionDictionary("ITEM");
        d->SetValue("TITLE", i.title);
        if (i.isbn13) d->SetValueAndShowSection("ISBN", *i.isbn13, "HAS_ISBN");
        const std::string cover = cover_url(i.cover_path);
        if (!cover.empty()) d->SetValueAndShowSection("COVER_URL", cover, "COVER");
        else d->ShowSection("NO_COVER");
        d->SetValue("UNIT_PRICE", format_money(i.unit_price, o.currency));
        d->SetIntValue("QUANTITY", i.quantity);
        d->SetValue("LINE_TOTAL", format_money(i.line_total, o.currency));
        if (i.backordered > 0 && o.status != store::order_status::kCancelled)
            d->SetValueAndShowSection("BACKORDERED", std::to_string(i.backordered) + " on backorder", "HAS_BACKORDER");
    }
    page.SetValue("SUBTOTAL", format_money(o.subtotal, o.currency));
    if (o.discount > 0) {
        auto* d = page.AddSectionDictionary("HAS_DISCOUNT");
        d->SetValue("DISCOUNT", format_money(o.discount, o.currency));
        if (o.coupon_code) d->SetValueAndShowSection("COUPON", *o.coupon_code, "HAS_COUPON");
    }
    page.SetValue("SHIPPING", o.shipping == 0 ? "Free" : format_money(o.shipping, o.currency));
    page.SetValue("METHOD", pricing::method_label(pricing::parse_method(o.shipping_method).value_or(pricing::ShippingMethod::Standard)));
    page.SetValue("TAX", format_money(o.tax, o.currency));
    page.SetValue("TOTAL", format_money(o.total, o.currency));
    if (o.refunded > 0) page.SetValueAndShowSection("REFUNDED", format_money(o.refunded, o.currency), "HAS_REFUND");
    const auto& a = o.ship_to;
    page.SetValue("SHIP_NAME", a.full_name);
    page.SetValue("SHIP_LINE1", a.line1);
    if (!a.line2.empty()) page.SetValueAndShowSection("SHIP_LINE2", a.line2, "HAS_LINE2");
    page.SetValue("SHIP_CITY_LINE", a.city + (a.region.empty() ? "" : ", " + a.region) + " " + a.postal_code);
    page.SetValue("SHIP_COUNTRY", a.country);
    if (o.tracking_number) {
        auto* d = page.AddSectionDictionary("TRACKING");
        d->SetValue("CARRIER", o.carrier.value_or(""));
        d->SetValue("TRACKING_NUMBER", *o.tracking_number);
    }
    for (const auto& e : o.events) {
        auto* d = page.AddSectionDictionary("EVENT");
        d->SetValue("STATUS", status_label(e.status));
        d->SetValue("NOTE", e.note);
        d->SetValue("DATE", format_human(e.at));
        d->SetValue("DATE_ISO", format_iso(e.at));
        if (!e.actor_name.empty()) d->SetValueAndShowSection("ACTOR", e.actor_name, "HAS_ACTOR");
    }
    add_payments(page, o);
    if (const auto* open = o.open_payment()) {
        auto* d = page.AddSectionDictionary("CAN_PAY");
        d->SetValue("PAY_URL", "/pay/" + open->ref);
        d->SetValue("HOLD_UNTIL", format_human(*o.hold_expires));
    }
    if (o.can_retry_payment()) page.ShowSection("CAN_RETRY");
    if (o.can_cancel()) {
        auto* d = page.AddSectionDictionary("CAN_CANCEL");
        if (o.is_paid()) d->SetValueAndShowSection("REFUND_AMOUNT", format_money(o.total - o.refunded, o.currency), "PAID");
        else d->ShowSection("NOT_PAID");
    }
    return ctx.render(view);
}

http::Response retry_payment(Context& ctx) {
    const auto o = own_order(ctx);
    const auto placed = ctx.store.orders.retry_payment(o.id, o.user_id, reservation_minutes(ctx.app), ctx.now());
    return http::Response::see_other("/pay/" + placed.payment_ref);
}

http::Response cancel_order(Context& ctx) {
    const auto o = own_order(ctx);
    store::Actor by;
    by.user_id = ctx.require_user().id;
    by.admin = o.user_id != ctx.require_user().id;  // only admins reach others' orders
    ctx.store.orders.cancel(o.id, by, ctx.now());
    return http::Response::see_other("/orders/" + o.number,
                                     o.is_paid() ? "Your order was cancelled and " + format_money(o.total - o.refunded, o.currency) +
                                                       " will be refunded to your card."
                                                 : "Your order was cancelled.");
}

}  // namespace

void register_order_routes(App& app) {
    app.add("GET", "/orders", {show_history, Access::User});
    app.add("GET", "/orders/{number}", {show_order, Access::User});
    app.add("POST", "/orders/{number}/retry", {retry_payment, Access::User});
    app.add("POST", "/orders/{number}/cancel", {cancel_order, Access::User});
}

}  // namespace bf::pages
