#include "store/order_notices.h"

namespace bf::store {
namespace {

// Written once before threads start, read-only afterwards.
OrderNoticeComposer& composer() {
    static OrderNoticeComposer c;
    return c;
}

}  // namespace

void install_order_notices(OrderNoticeComposer c) { composer() = std::move(c); }

const char* order_notice_kind(OrderNotice notice) {
    switch (notice) {
        case OrderNotice::Shipped: return "order_shipped";
        case OrderNotice::Refunded: return "order_refunded";
        case OrderNotice::Cancelled: return "order_cancelled";
        case OrderNotice::PaymentExpired: return "payment_expired";
    }
    return "order_notice";
}

void queue_order_notice(db::Connection& db, int64_t order_id, OrderNotice notice, Cents amount, Time now) {
    if (!composer()) return;
    const auto order = Orders(db).find(order_id);
    if (!order) return;
    OutboxMessage m = composer()(*order, notice, amount);
    m.kind = order_notice_kind(notice);
    // One notice per change: an order ships, is cancelled or expires once; each refund raises the
    // refunded total, so the total after it names that refund.
    m.dedupe_key = m.kind + ":" + order->number;
    if (notice == OrderNotice::Refunded) m.dedupe_key += ":" + std::to_string(order->refunded);
    Outbox(db).enqueue(m, now);
}

}  // namespace bf::store
