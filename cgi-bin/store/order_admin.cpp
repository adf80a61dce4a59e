#include "store/order_admin.h"

#include "core/errors.h"
#include "store/audit.h"

namespace bf::store {
namespace {

struct Locked {
    AuditState state;
    std::string currency;
};

// The order's row locked (the first lock every order change takes), as the audit log shows it.
Locked lock_state(db::Connection& db, int64_t order_id) {
    const auto r = db.query_one(
        "SELECT status, refunded_cents, currency, COALESCE(carrier, ''), COALESCE(tracking_number, '')"
        " FROM orders WHERE id = ? FOR UPDATE",
        order_id);
    if (!r) throw NotFound("We could not find that order.");
    return {{{"status", r->str(0)}, {"refunded", format_money(r->i64(1), r->str(2))}, {"carrier", r->str(3)},
             {"tracking_number", r->str(4)}},
            r->str(2)};
}

// Runs `change(currency)` between two readings of the order and records what moved, with the fields
// `change` returns (the amount, the note) added to the after side.
template <class F>
void audited(db::Connection& db, int64_t actor_id, int64_t order_id, const std::string& action, Time now, F&& change) {
    db.transaction([&] {
        Locked before = lock_state(db, order_id);
        const AuditState extra = change(before.currency);
        AuditState after = lock_state(db, order_id).state;
        keep_changes(before.state, after);
        for (const auto& [key, value] : extra) after[key] = value;
        Audit(db).record(actor_id, action, "order", order_id, before.state, after, now);
    });
}

AuditState with_note(AuditState state, const std::string& note) {
    if (!note.empty()) state["note"] = note;
    return state;
}

Actor admin(int64_t actor_id, const std::string& note) {
    Actor a;
    a.user_id = actor_id;
    a.admin = true;
    a.note = note;
    return a;
}

}  // namespace

std::vector<AdminOrderRow> OrderAdmin::search(const OrderSearch& q) {
    // Each filter walks its own index, newest first: uq_orders_number, the buyer's ix_orders_user_history
    // (the user found by uq_users_email), ix_orders_status_id, or the primary key.
    std::string where = "WHERE o.id < ?";
    std::vector<db::Param> params{db::to_param(q.before_id.value_or(INT64_MAX))};
    if (!q.number.empty()) {
        where += " AND o.number = ?";
        params.push_back(db::to_param(q.number));
    }
    if (!q.email.empty()) {
        where += " AND u.email = ?";
        params.push_back(db::to_param(q.email));
    }
    if (!q.status.empty()) {
        where += " AND o.status = ?";
        params.push_back(db::to_param(q.status));
    }
    params.push_back(db::to_param(q.limit));
    // Named, because on a small table the optimizer walks the primary key backwards and filters.
    const char* index = !q.number.empty()  ? "uq_orders_number"
                        : !q.email.empty()  ? "ix_orders_user_history"
                        : !q.status.empty() ? "ix_orders_status_id"
                                            : "PRIMARY";
    const auto rows = db_.query_params(
        "SELECT o.id, o.number, o.status, u.email, u.display_name, o.currency, o.total_cents, o.refunded_cents,"
        " (SELECT SUM(i.quantity) FROM order_items i FORCE INDEX (uq_order_items_book) WHERE i.order_id = o.id),"
        " o.created_at FROM orders o FORCE INDEX (" + std::string(index) +
            ") JOIN users u ON u.id = o.user_id " + where + " ORDER BY o.id DESC LIMIT ?",
        params);
    std::vector<AdminOrderRow> out;
    for (const auto& r : rows)
        out.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5), r.i64(6), r.i64(7),
                       static_cast<int>(r.opt_i64(8).value_or(0)), r.time(9)});
    return out;
}

std::vector<RefundRecord> OrderAdmin::refunds(int64_t order_id) {
    std::vector<RefundRecord> out;
    for (const auto& r : db_.query("SELECT f.amount_cents, f.restocked, f.note, COALESCE(u.display_name, ''), f.created_at"
                                   " FROM order_refunds f LEFT JOIN users u ON u.id = f.actor_user_id"
                                   " WHERE f.order_id = ? ORDER BY f.id",
                                   order_id))
        out.push_back({r.i64(0), r.boolean(1), r.str(2), r.str(3), r.time(4)});
    return out;
}

void OrderAdmin::set_status(int64_t actor_id, int64_t order_id, StatusChange change, Time now) {
    change.by = admin(actor_id, change.by.note);
    audited(db_, actor_id, order_id, "order.status", now, [&](const std::string&) {
        Orders(db_).set_status(order_id, change, now);
        return with_note({}, change.by.note);
    });
}

void OrderAdmin::refund(int64_t actor_id, int64_t order_id, Refund refund, Time now) {
    refund.by = admin(actor_id, refund.by.note);
    audited(db_, actor_id, order_id, "order.refund", now, [&](const std::string& currency) {
        Orders(db_).refund(order_id, refund, now);
        return with_note({{"refund", format_money(refund.amount, currency)}, {"restock", refund.restock ? "yes" : "no"}},
                         refund.by.note);
    });
}

void OrderAdmin::cancel(int64_t actor_id, int64_t order_id, const std::string& note, Time now) {
    audited(db_, actor_id, order_id, "order.cancel", now, [&](const std::string&) {
        Orders(db_).cancel(order_id, admin(actor_id, note), now);
        return with_note({}, note);
    });
}

}  // namespace bf::store
