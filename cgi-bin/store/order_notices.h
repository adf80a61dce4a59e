#pragma once
// What a buyer is told when their order changes after checkout: shipped, refunded, cancelled, or
// cancelled because the payment never came. The store decides when: the notice joins the outbox in
// the transaction of the change, under a dedupe key of that change, so it is neither lost nor sent
// twice. How it reads is the program's business (templates): each program that changes orders
// (web, mailer, admin tool) installs one composer at start, before its threads do.
#include <functional>

#include "core/money.h"
#include "core/time.h"
#include "db/connection.h"
#include "store/orders.h"
#include "store/outbox.h"

namespace bf::store {

enum class OrderNotice { Shipped, Refunded, Cancelled, PaymentExpired };

// Renders a notice: recipient, subject and both parts (the store sets kind and dedupe key).
// `amount` is the money this change returns to the buyer (0 when none).
using OrderNoticeComposer = std::function<OutboxMessage(const Order& order, OrderNotice notice, Cents amount)>;

void install_order_notices(OrderNoticeComposer composer);

// Queues the notice about an order in the caller's transaction (nothing before a composer is installed).
void queue_order_notice(db::Connection& db, int64_t order_id, OrderNotice notice, Cents amount, Time now);

// "order_shipped", "order_refunded", "order_cancelled", "payment_expired": the outbox kind.
const char* order_notice_kind(OrderNotice notice);

}  // namespace bf::store
