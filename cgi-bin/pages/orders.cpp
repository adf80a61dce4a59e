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
    const std::optional<int64_t> before = page_marker(ctx, "before");
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

// Cancelling cannot be undone (a paid order is refunded): the buyer ticks a box to say they mean it.
const Field kConfirmCancelField{"confirm", "Yes, cancel this order", "checkbox", "off", "", true, false};

http::Response order_page(Context& ctx, const store::Order& o, const FormState& cancel, int status) {
    View view("buying/order.tpl", "Order " + o.number);
    view.has_form = true;
    view.status = status;
    auto& page = view.page();
    add_order_details(page, o);
    if (const auto* open = o.open_payment()) {
        auto* d = page.AddSectionDictionary("CAN_PAY");
        d->SetValue("PAY_URL", "/pay/" + open->ref);
        d->SetValue("HOLD_UNTIL", format_human(*o.hold_expires));
    }
    if (o.can_retry_payment()) page.ShowSection("CAN_RETRY");
    if (o.buyer_can_cancel()) {
        auto* d = page.AddSectionDictionary("CAN_CANCEL");
        if (o.is_paid()) d->SetValueAndShowSection("REFUND_AMOUNT", format_money(o.total - o.refunded, o.currency), "PAID");
        else d->ShowSection("NOT_PAID");
        Field confirm = kConfirmCancelField;
        if (o.is_paid()) confirm.label += " and refund " + format_money(o.total - o.refunded, o.currency) + " to my card";
        add_checkbox(*d, "CONFIRM_FIELD", confirm, cancel);
    }
    return ctx.render(view);
}

http::Response show_order(Context& ctx) { return order_page(ctx, own_order(ctx), FormState{}, 200); }

http::Response retry_payment(Context& ctx) {
    const auto o = own_order(ctx);
    const auto placed = ctx.store.orders.retry_payment(o.id, o.user_id, reservation_minutes(ctx.app), ctx.now());
    return http::Response::see_other("/pay/" + placed.payment_ref);
}

http::Response cancel_order(Context& ctx) {
    const auto o = own_order(ctx);
    if (o.buyer_can_cancel() && ctx.req.field("confirm") != "1") {
        FormState cancel;
        cancel.errors["confirm"] = "Tick the box to confirm: a cancelled order cannot be brought back.";
        return order_page(ctx, o, cancel, 422);
    }
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
