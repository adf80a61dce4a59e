#pragma once
// Orders from checkout to delivery: placing (stock reserved in one locked step), payment settlement
// (the reservation becomes a sale and sell_count rises in the same transaction), expiry of abandoned
// payments, cancellation, refunds and shipping. Every function owns one short transaction.
//
// Lock order, everywhere: the order row, then the coupon row, then books by ascending id (then the
// day's order counter, or the revenue rollups of store/revenue.h in their own fixed order). Two
// checkouts holding the same books can therefore never deadlock.
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/pricing.h"
#include "core/time.h"
#include "db/connection.h"
#include "store/addresses.h"
#include "store/outbox.h"

namespace bf::store {

// Status names as stored.
namespace order_status {
inline constexpr const char* kPendingPayment = "pending_payment";
inline constexpr const char* kPaid = "paid";
inline constexpr const char* kProcessing = "processing";
inline constexpr const char* kShipped = "shipped";
inline constexpr const char* kDelivered = "delivered";
inline constexpr const char* kCancelled = "cancelled";
inline constexpr const char* kRefunded = "refunded";
// Paid and not cancelled: what counts as a sale (reviews' "verified", revenue, reports).
bool is_paid(const std::string& status);
// The same set for SQL: "('paid','processing','shipped','delivered')".
inline constexpr const char* kPaidSql = "('paid','processing','shipped','delivered')";
}  // namespace order_status

struct OrderItem {
    int64_t id = 0;
    int64_t book_id = 0;
    int64_t author_id = 0;
    std::string title;
    std::optional<std::string> isbn13;
    std::optional<std::string> cover_path;
    Cents unit_price = 0;
    int quantity = 0;
    int backordered = 0;  // units not on hand when the stock was last reserved
    Cents line_total = 0;
    bool digital = false;  // an ebook licence (nothing to ship)
};

struct OrderEvent {
    std::string status;
    std::string note;
    std::optional<int64_t> actor_id;
    std::string actor_name;  // "" for the buyer's own actions and the system
    Time at{};
};

struct PaymentAttempt {
    int64_t id = 0;
    int attempt = 0;
    std::string ref;
    Cents amount = 0;
    std::string status;  // pending, succeeded, failed, refund_due
    std::optional<std::string> card_brand;
    std::optional<std::string> card_last4;
    std::optional<std::string> failure_reason;
    Time created{};
    std::optional<Time> settled;
};

struct Order {
    int64_t id = 0;
    std::string number;
    int64_t user_id = 0;
    std::string buyer_email;
    std::string buyer_name;
    std::string status;
    std::string currency;
    AddressInput ship_to;
    std::string shipping_method;
    Cents subtotal = 0, discount = 0, shipping = 0, tax = 0, total = 0, refunded = 0;
    int64_t tax_rate_bp = 0;
    std::optional<int64_t> coupon_id;
    std::optional<std::string> coupon_code;
    std::optional<std::string> carrier;
    std::optional<std::string> tracking_number;
    Time created{};
    std::optional<Time> paid_at, shipped_at, delivered_at, cancelled_at;
    std::optional<Time> hold_expires;  // while stock is held for payment
    std::vector<OrderItem> items;      // by book id
    std::vector<OrderEvent> events;    // oldest first
    std::vector<PaymentAttempt> payments;  // oldest first

    bool is_paid() const;  // paid, processing, shipped or delivered
    bool ships() const;    // some item is a printed copy (an order of ebooks alone has no address)
    bool has_ebooks() const;
    bool can_cancel() const { return status == "pending_payment" || status == "paid" || status == "processing"; }
    // The buyer's own cancel: a paid order holding ebooks is delivered already (the shop may refund it).
    bool buyer_can_cancel() const { return can_cancel() && (status == "pending_payment" || !has_ebooks()); }
    // The attempt the buyer can still complete at the payment page, if any.
    const PaymentAttempt* open_payment() const;
    // Pending, nothing held, no open attempt: a new attempt may reserve the stock again.
    bool can_retry_payment() const { return status == "pending_payment" && !hold_expires; }
};

struct OrderSummary {
    int64_t id = 0;
    std::string number;
    std::string status;
    Cents total = 0;
    std::string currency;
    Time created{};
    int units = 0;
    std::string first_title;
};

// One line of an order placed from outside the cart (flash sales).
struct PlaceItem {
    int64_t book_id = 0;
    int quantity = 1;
    // A trusted caller's price (a flash sale's); otherwise the book's current effective price.
    std::optional<Cents> unit_price;
    // The caller already holds these copies (a flash sale's, taken from stock when the sale was made):
    // the book's stock is neither checked nor taken, and its row is not locked.
    bool set_aside = false;
    bool digital = false;  // the book's digital edition (one licence)
};

struct PlaceOrder {
    int64_t user_id = 0;
    std::string idempotency_key;  // from the checkout form; a repeat returns the first order
    AddressInput ship_to;         // validated by the caller (store::validate); empty when nothing ships
    pricing::ShippingMethod method = pricing::ShippingMethod::Standard;
    std::optional<std::string> coupon_code;
    pricing::Rules rules;
    int reservation_minutes = 15;
    // When empty, the user's cart is ordered: its lines move into the order.
    std::vector<PlaceItem> items;
    // The caller has already seen that nothing of this key is live (a flash sale's claims): the
    // idempotency key's UNIQUE index answers a repeat, without a read before the work.
    bool repeat_found_by_unique_key = false;
};

struct Placed {
    int64_t order_id = 0;
    std::string number;
    std::string payment_ref;  // the attempt to send the buyer to ("" when the order was already settled)
    bool repeated = false;    // the idempotency key had been used: this is the first order again
};

struct PaymentOutcome {
    std::string ref;
    bool success = false;
    std::string card_brand;
    std::string card_last4;
    std::string failure_reason;  // for failures: "declined", "insufficient funds", ...
};

struct Settled {
    enum Result { Paid, PaidLate, Failed, RefundDue, AlreadySettled };
    Result result = AlreadySettled;
    int64_t order_id = 0;
    std::string number;
    int64_t user_id = 0;
    std::optional<int64_t> flash_sale_id;  // the order's copy came from this flash sale
};

// Who acts on an order; user_id unset means the system.
struct Actor {
    std::optional<int64_t> user_id;
    bool admin = false;
    std::string note;
};

struct Refund {
    Cents amount = 0;
    bool restock = false;  // the books came back: return them to stock (full refunds only)
    Actor by;
};

struct StatusChange {
    std::string status;  // processing, shipped, delivered
    std::string carrier;
    std::string tracking_number;
    Actor by;
};

// Renders the buyer's receipt for a paid order (pages/buying_emails.cpp); called inside the paying transaction.
using ReceiptComposer = std::function<OutboxMessage(const Order&)>;

class Orders {
public:
    explicit Orders(db::Connection& db) : db_(db) {}

    // Against stock hoarding: unpaid orders holding books, and copies held, per buyer (shown at checkout).
    static constexpr int kMaxUnpaidOrders = 3;
    static constexpr int kMaxHeldUnits = 20;

    // "ORD-20261122-00042"
    static std::string format_number(Time day, int64_t n);

    // Places the order: recomputes every price, reserves stock (books locked in id order), claims the
    // coupon, numbers the order and opens payment attempt 1, in one transaction.
    // Throws SoldOut naming the short books, Conflict for unavailable books or a spent coupon,
    // Invalid{"cart"} for an empty cart, Conflict past the hoarding caps. A repeated idempotency key
    // returns the first order; so does a second submit of a cart that the first order emptied.
    Placed place(const PlaceOrder& request, Time now);
    // The buyer's newest order still waiting for payment, with its open attempt (repeated = true).
    std::optional<Placed> newest_unpaid(int64_t user_id);
    // The order a customer already placed under this idempotency key (repeated = true), if any.
    std::optional<Placed> placed_by_key(int64_t user_id, const std::string& idempotency_key);

    // The payment provider's verdict, applied once (a replay returns AlreadySettled and changes nothing).
    // Success: reservation -> paid, order -> paid, sell_count += quantity, ledger rows, receipt
    // queued. Failure: the attempt records its reason and the reservation and coupon use are released.
    Settled settle_payment(const PaymentOutcome& outcome, Time now, const ReceiptComposer& receipt);
    Settled mark_paid(const std::string& ref, const std::string& brand, const std::string& last4, Time now,
                      const ReceiptComposer& receipt);

    // A new attempt for a pending order whose previous one failed: reserves again while stock remains
    // (throws SoldOut otherwise). Returns the open attempt when there already is one.
    Placed retry_payment(int64_t order_id, int64_t user_id, int reservation_minutes, Time now);

    // Housekeeping: held reservations past their time are expired, their stock returned and their orders
    // cancelled ("payment not completed in time"). Safe with several sweepers: an order another transaction
    // holds is waited for, so on return no reservation due at `now` is still held. Returns orders expired here.
    int expire_due(Time now, int limit = 500);

    // Before shipping: a pending order is cancelled and its stock released; a paid one is cancelled with
    // a full refund and its stock returned. The buyer may cancel their own order; an admin any.
    void cancel(int64_t order_id, const Actor& by, Time now);
    // Full or partial refund of a paid order; a full one makes it 'refunded' and takes its units out of
    // sell_count (and back into stock when `restock`).
    void refund(int64_t order_id, const Refund& refund, Time now);
    // paid -> processing -> shipped (carrier and tracking number) -> delivered.
    void set_status(int64_t order_id, const StatusChange& change, Time now);

    std::optional<Order> find(int64_t order_id);
    std::optional<Order> find_by_number(const std::string& number);
    std::optional<Order> find_by_payment_ref(const std::string& ref);
    // Newest first, keyset-paginated: orders with id < before_id.
    std::vector<OrderSummary> history(int64_t user_id, std::optional<int64_t> before_id, int limit);
    // "Verified purchase": the user has a paid (not refunded or cancelled) order holding the book.
    bool has_bought(int64_t user_id, int64_t book_id);

private:
    db::Connection& db_;
};

}  // namespace bf::store
