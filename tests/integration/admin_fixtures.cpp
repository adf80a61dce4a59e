#include "admin_fixtures.h"

#include <gtest/gtest.h>

#include <mutex>

namespace bf::test {

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

BookSpec stocked(Cents price, int stock, std::optional<int64_t> category) {
    BookSpec spec;
    spec.price = price;
    spec.stock = stock;
    spec.category_id = category;
    return spec;
}

std::string login_admin(HttpClient& client) {
    const std::string email = unique_email("admin");
    const auto r = run_command(BOOKFAIR_ADMIN_BINARY " --config " + std::string(std::getenv("BOOKFAIR_CONFIG")) +
                               " create-admin --email " + email + " --name 'Console Admin' --password 'admin password'");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_EQ(client.submit("/login", "/login", {{"email", email}, {"password", "admin password"}}).status, 303);
    return email;
}

int64_t admin_session(HttpClient& client, db::Connection& db) {
    static std::mutex m;
    static int64_t admin_id = 0;
    {
        std::lock_guard lock(m);
        if (!admin_id) {
            HttpClient first;
            const std::string email = login_admin(first);
            admin_id = db.query_one("SELECT id FROM users WHERE email = ?", email)->i64(0);
        }
    }
    log_in_as(client, db, admin_id);
    return admin_id;
}

PaidOrder paid_order(db::Connection& db, const std::vector<std::pair<int64_t, int>>& books) {
    PaidOrder o;
    o.buyer = create_buyer(db, "Ada Buyer");
    HttpClient client;
    log_in_as(client, db, o.buyer.id);
    for (const auto& [book, quantity] : books) EXPECT_EQ(add_to_cart(client, book, quantity).status, 303);
    const auto placed = checkout(client);
    EXPECT_EQ(placed.status, 303) << placed.body;
    const auto paid = pay(client, payment_ref(placed), kCardSuccess);
    EXPECT_EQ(paid.status, 303) << paid.body;
    o.number = order_number_from(paid);
    const auto row = db.query_one("SELECT id, total_cents, status FROM orders WHERE number = ?", o.number);
    EXPECT_TRUE(row) << "order " << o.number;
    if (!row) return o;
    EXPECT_EQ(row->str(2), "paid");
    o.id = row->i64(0);
    o.total = row->i64(1);
    return o;
}

std::optional<AuditRow> last_audit(db::Connection& db, const std::string& subject_type, int64_t subject_id) {
    const auto r = db.query_one("SELECT action, before_state, after_state, actor_id FROM audit_log"
                                " WHERE subject_type = ? AND subject_id = ? ORDER BY id DESC LIMIT 1",
                                subject_type, subject_id);
    if (!r) return std::nullopt;
    return AuditRow{r->str(0), r->str(1), r->str(2), r->opt_i64(3)};
}

int64_t audit_count(db::Connection& db, const std::string& subject_type, int64_t subject_id) {
    return db.query_one("SELECT COUNT(*) FROM audit_log WHERE subject_type = ? AND subject_id = ?", subject_type,
                        subject_id)
        ->i64(0);
}

}  // namespace bf::test
