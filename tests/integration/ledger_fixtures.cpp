#include "ledger_fixtures.h"

#include <atomic>
#include <cstdlib>

namespace bf::test {

int64_t paid_order_at(store::Store& store, int64_t buyer_id, const std::vector<std::pair<int64_t, int>>& lines, Time at,
                   const std::string& coupon, int64_t tax_bp) {
    static std::atomic<int> n{0};
    store::PlaceOrder order;
    order.user_id = buyer_id;
    order.idempotency_key = "ledger-" + std::to_string(buyer_id) + "-" + std::to_string(++n) + "-" + std::to_string(at.us);
    order.ship_to = {"Ledger Buyer", "1 Account Row", "", "Balance", "", "1000", "US", ""};
    if (!coupon.empty()) order.coupon_code = coupon;
    order.rules.tax_rate_bp = tax_bp;
    for (const auto& [book, quantity] : lines) order.items.push_back({book, quantity, std::nullopt});
    const auto placed = store.orders.place(order, at);
    const auto settled = store.orders.mark_paid(placed.payment_ref, "Visa", "4242", at, nullptr);
    if (settled.result != store::Settled::Paid) throw std::runtime_error("the test order was not paid");
    return placed.order_id;
}

Cents order_entries(db::Connection& db, int64_t order_id, const std::string& kind, std::optional<int64_t> author_id) {
    return db
        .query_one("SELECT COALESCE(SUM(e.amount_cents), 0) FROM ledger_journals j JOIN ledger_entries e ON e.journal_id = j.id"
                   " JOIN ledger_accounts a ON a.id = e.account_id WHERE j.order_id = ? AND a.kind = ?"
                   " AND (? IS NULL OR e.author_id = ?)",
                   order_id, kind, author_id, author_id)
        ->i64(0);
}

CommandResult check_ledger() {
    return run_command(std::string(BOOKFAIR_ADMIN_BINARY) + " --config " + std::string(std::getenv("BOOKFAIR_CONFIG")) + " check-ledger 2>&1");
}

}  // namespace bf::test
