#pragma once
// What admins do to orders: find them (by number, buyer's email or status, newest first, keyset
// pages), and change them through store::Orders (status, refunds, cancellation), each change with one
// audit row written in the same transaction, holding the order's state before and after.
#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "core/time.h"
#include "db/connection.h"
#include "store/orders.h"

namespace bf::store {

struct OrderSearch {
    std::string number;  // exact, e.g. ORD-20261122-00042
    std::string email;   // the buyer's, exact (stored lowercase)
    std::string status;  // one of order_status, or "" for any
    std::optional<int64_t> before_id;
    int limit = 50;
};

struct AdminOrderRow {
    int64_t id = 0;
    std::string number;
    std::string status;
    std::string buyer_email;
    std::string buyer_name;
    std::string currency;
    Cents total = 0;
    Cents refunded = 0;
    int units = 0;
    Time created{};
};

struct RefundRecord {
    Cents amount = 0;
    bool restocked = false;
    std::string note;
    std::string actor_name;  // "" for the system and the buyer's own cancellation
    Time at{};
};

class OrderAdmin {
public:
    explicit OrderAdmin(db::Connection& db) : db_(db) {}

    std::vector<AdminOrderRow> search(const OrderSearch& query);
    // Oldest first.
    std::vector<RefundRecord> refunds(int64_t order_id);

    // Orders::set_status, refund and cancel with the admin as the actor (`note` goes on the timeline).
    // They throw what those throw (Invalid per field, Conflict, NotFound); nothing is written then.
    void set_status(int64_t actor_id, int64_t order_id, StatusChange change, Time now);
    void refund(int64_t actor_id, int64_t order_id, Refund refund, Time now);
    void cancel(int64_t actor_id, int64_t order_id, const std::string& note, Time now);

private:
    db::Connection& db_;
};

}  // namespace bf::store
