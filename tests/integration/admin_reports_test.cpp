// The admin console's reports and outbox: figures that match the orders a test made, requeueing
// failed and dead emails (audited), and an index under every query these pages run.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "admin_fixtures.h"
#include "core/clock.h"
#include "core/text.h"
#include "store/store.h"

using namespace bf::test;

namespace {

using Console = AdminConsole;

// The table row with the given id attribute, as text without tags and with single spaces.
std::string row_text(const std::string& html, const std::string& id) {
    const auto start = html.find("id=\"" + id + "\"");
    if (start == std::string::npos) return "";
    const auto end = html.find("</tr>", start);
    std::string text = std::regex_replace(html.substr(start, end - start), std::regex("<[^>]*>"), " ");
    text = std::regex_replace(text, std::regex("\\s+"), " ");
    return bf::trim(text.substr(text.find('>') + 1));
}

bf::Time now() { return bf::SystemClock().now(); }

int64_t insert_outbox(bf::db::Connection& db, const std::string& status, int attempts, const std::string& error) {
    db.exec("INSERT INTO outbox (dedupe_key, kind, recipient, subject, body_text, body_html, status, attempts,"
            " next_attempt_at, last_error, created_at) VALUES (?, 'receipt', 'reader@example.com', 'Your receipt', 'text',"
            " '<p>html</p>', ?, ?, ?, ?, ?)",
            unique_word("admin-test-"), status, attempts, now().plus_hours(1), error, now());
    return static_cast<int64_t>(db.last_insert_id());
}

}  // namespace

TEST(AdminReports, SalesByCategoryIncludeSubcategoriesAndMatchTheOrders) {
    Console c;
    const int64_t parent = create_category(*c.db);
    const int64_t child = create_category(*c.db, parent);
    const int64_t in_parent = create_book(*c.db, stocked(1000, 20, parent));
    const int64_t in_child = create_book(*c.db, stocked(2000, 20, child));
    paid_order(*c.db, {{in_parent, 1}, {in_child, 2}});  // 1000 + 4000
    paid_order(*c.db, {{in_child, 1}});                  // 2000
    // Neither a cancelled order nor a fully refunded one is a sale.
    const PaidOrder cancelled = paid_order(*c.db, {{in_child, 5}});
    bf::store::Store store(*c.db);
    store.orders.cancel(cancelled.id, bf::store::Actor{std::nullopt, true, ""}, now());

    const std::string today = bf::format_date(now());
    const auto page = c.admin.get("/admin/reports?from=" + today + "&to=" + today);
    ASSERT_EQ(page.status, 200);
    // Category, orders, books sold, item sales.
    EXPECT_EQ(row_text(page.body, "sales-cat-" + std::to_string(child)), "Category " +
              c.db->query_one("SELECT slug FROM categories WHERE id = ?", child)->str(0) + " 2 3 $60.00");
    EXPECT_EQ(row_text(page.body, "sales-cat-" + std::to_string(parent)), "Category " +
              c.db->query_one("SELECT slug FROM categories WHERE id = ?", parent)->str(0) + " 2 4 $70.00");

    // The same figures from the store, over the same range.
    const bf::Time from = *bf::parse_date(today), to = from.plus_days(1);
    for (const auto& s : store.reports.sales_by_category(from, to)) {
        if (s.category_id == parent) {
            EXPECT_EQ(s.revenue, 7000);
        }
        if (s.category_id == child) {
            EXPECT_EQ(s.units, 3);
        }
    }
    int64_t units_in_range = 0;
    for (const auto& b : store.reports.best_sellers_in_range(from, to, 100000))
        if (b.book_id == in_child) units_in_range = b.units;
    EXPECT_EQ(units_in_range, 3);
    EXPECT_EQ(book_sell_count(*c.db, in_child), 3);

    // Nothing in another range.
    const auto earlier = c.admin.get("/admin/reports?from=2001-01-01&to=2001-01-31");
    EXPECT_EQ(row_text(earlier.body, "sales-cat-" + std::to_string(child)), "");
    EXPECT_TRUE(contains(earlier.body, "Nothing sold in this range."));
}

TEST(AdminReports, LowStockListsPublishedBooksAtOrBelowTheirWarningLevel) {
    Console c;
    const int64_t low = create_book(*c.db, stocked(900, 2));
    const int64_t plenty = create_book(*c.db, stocked(900, 50));
    BookSpec draft_spec = stocked(900, 0);
    draft_spec.status = "draft";
    const int64_t draft = create_book(*c.db, draft_spec);
    bf::store::Store store(*c.db);
    std::set<int64_t> listed;
    for (const auto& b : store.reports.low_stock(100000)) listed.insert(b.book_id);
    EXPECT_TRUE(listed.count(low));
    EXPECT_FALSE(listed.count(plenty));
    EXPECT_FALSE(listed.count(draft));
    c.db->exec("UPDATE books SET low_stock_threshold = 1 WHERE id = ?", low);
    listed.clear();
    for (const auto& b : store.reports.low_stock(100000)) listed.insert(b.book_id);
    EXPECT_FALSE(listed.count(low)) << "2 copies are above a warning level of 1";
}

TEST(AdminReports, ARangeThatIsNotADateIsRefused) {
    Console c;
    auto r = c.admin.get("/admin/reports?from=2026-02-31&to=2026-03-01");
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(contains(r.body, "Enter a date such as"));
    r = c.admin.get("/admin/reports?from=2026-03-02&to=2026-03-01");
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(contains(r.body, "The end comes before the start."));
    EXPECT_EQ(c.admin.get("/admin/reports").status, 200) << "the last 30 days by default";
}

TEST(AdminOutbox, ADeadMessageIsRequeuedOnceAndAudited) {
    Console c;
    MailerPaused paused;  // a requeued row is due at once: the stack's mailer would claim it before it is read back
    const int64_t dead = insert_outbox(*c.db, "dead", 6, "550 5.1.1 mailbox unavailable");
    const auto page = c.admin.get("/admin/outbox?show=dead");
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "550 5.1.1 mailbox unavailable"));
    EXPECT_TRUE(contains(page.body, "id=\"message-" + std::to_string(dead) + "\""));

    // What the requeue wrote is read from its audit row, written in the same transaction: the stack's
    // mailer may claim the message (counting an attempt) or even send it the moment it is pending.
    auto r = c.admin.post_form("/admin/outbox/" + std::to_string(dead) + "/requeue", {{"_csrf", csrf_from(page.body)}});
    EXPECT_EQ(r.status, 303);
    const auto audit = last_audit(*c.db, "outbox", dead);
    ASSERT_TRUE(audit);
    EXPECT_EQ(audit->action, "outbox.requeue");
    EXPECT_TRUE(contains(audit->before, "\"attempts\": \"6\", ") && contains(audit->before, "\"status\": \"dead\""));
    EXPECT_TRUE(contains(audit->after, "\"attempts\": \"0\", ") && contains(audit->after, "\"status\": \"pending\""));
    EXPECT_NE(c.db->query_one("SELECT status FROM outbox WHERE id = ?", dead)->str(0), "dead");

    // Pending already: nothing to do, nothing logged.
    r = c.admin.post_form("/admin/outbox/" + std::to_string(dead) + "/requeue", {{"_csrf", csrf_from(page.body)}});
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(audit_count(*c.db, "outbox", dead), 1);
    EXPECT_EQ(c.admin.post_form("/admin/outbox/999999999/requeue", {{"_csrf", csrf_from(page.body)}}).status, 404);

    // A failing message (pending again after errors) is retried now.
    const int64_t failing = insert_outbox(*c.db, "pending", 2, "421 try again later");
    EXPECT_TRUE(contains(c.admin.get("/admin/outbox?show=failed").body, "421 try again later"));
    r = c.admin.post_form("/admin/outbox/" + std::to_string(failing) + "/requeue", {{"_csrf", csrf_from(page.body)}});
    EXPECT_EQ(r.status, 303);
    const auto retried = last_audit(*c.db, "outbox", failing);
    ASSERT_TRUE(retried);
    EXPECT_TRUE(contains(retried->before, "\"attempts\": \"2\", "));
    EXPECT_TRUE(contains(retried->after, "\"attempts\": \"0\", "));
}

TEST(AdminOutbox, AMessageBeingSentIsNotFailingAndIsNotRequeued) {
    Console c;
    // A mailer claimed it for its first try (the claim counts the attempt) and is sending it now.
    const int64_t sending = insert_outbox(*c.db, "pending", 1, "");
    c.db->exec("UPDATE outbox SET claimed_by = 'test-mailer', claimed_until = ? WHERE id = ?", now().plus_hours(1), sending);
    const std::string marker = "id=\"message-" + std::to_string(sending) + "\"";
    EXPECT_FALSE(contains(c.admin.get("/admin/outbox?show=failed").body, marker)) << "not failing";
    const auto page = c.admin.get("/admin/outbox?show=pending");
    EXPECT_TRUE(contains(page.body, marker)) << "shown as pending";
    const auto before = c.db->query_one("SELECT attempts, next_attempt_at FROM outbox WHERE id = ?", sending);
    const auto r = c.admin.post_form("/admin/outbox/" + std::to_string(sending) + "/requeue", {{"_csrf", csrf_from(page.body)}});
    EXPECT_EQ(r.status, 409) << "requeueing would send it a second time";
    const auto after = c.db->query_one("SELECT attempts, next_attempt_at FROM outbox WHERE id = ?", sending);
    EXPECT_EQ(after->i64(0), before->i64(0));
    EXPECT_EQ(after->time(1).us, before->time(1).us);
    EXPECT_EQ(audit_count(*c.db, "outbox", sending), 0);
}

TEST(AdminOutbox, EveryDeadMessageIsRequeuedInOneAuditedAction) {
    Console c;
    std::vector<int64_t> ids;
    for (int i = 0; i < 3; ++i) ids.push_back(insert_outbox(*c.db, "dead", 6, "timeout"));
    const int64_t sent = insert_outbox(*c.db, "sent", 1, "");
    const int64_t dead_now = c.db->query_one("SELECT COUNT(*) FROM outbox WHERE status = 'dead'")->i64(0);
    const auto page = c.admin.get("/admin/outbox");
    EXPECT_TRUE(contains(page.body, "Put all " + std::to_string(dead_now) + " dead messages back in line"));
    const int64_t audits = audit_count(*c.db, "outbox", 0);
    const auto r = c.admin.post_form("/admin/outbox/requeue-dead", {{"_csrf", csrf_from(page.body)}});
    EXPECT_EQ(r.status, 303);
    for (const int64_t id : ids) EXPECT_EQ(c.db->query_one("SELECT status FROM outbox WHERE id = ?", id)->str(0), "pending");
    EXPECT_EQ(c.db->query_one("SELECT status FROM outbox WHERE id = ?", sent)->str(0), "sent");
    EXPECT_EQ(c.db->query_one("SELECT COUNT(*) FROM outbox WHERE status = 'dead'")->i64(0), 0);
    EXPECT_EQ(audit_count(*c.db, "outbox", 0), audits + 1);
    const auto audit = last_audit(*c.db, "outbox", 0);
    EXPECT_EQ(audit->action, "outbox.requeue_dead");
    EXPECT_EQ(audit->before, "{\"messages\": \"" + std::to_string(dead_now) + "\", \"status\": \"dead\"}");
    EXPECT_EQ(c.admin.get("/admin/outbox?show=bogus").status, 404);
}

// Issue #21: each class's queue with the age of its oldest message, for the console (and the metrics).
TEST(AdminOutbox, EachClassShowsItsQueueAndHowLongItsOldestMessageWaited) {
    MailerPaused paused;  // the stack's mailer would send the rows this test queues and reads back
    Console c;
    const int64_t bulk = insert_outbox(*c.db, "pending", 0, "");
    c.db->exec("UPDATE outbox SET mail_class = 'bulk', kind = 'reader_daily', created_at = ? WHERE id = ?",
               now().plus_hours(-3), bulk);
    const int64_t transactional = insert_outbox(*c.db, "pending", 0, "");
    const auto count = [&](const char* mail_class) {
        return c.db->query_one("SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND mail_class = ?", mail_class)->i64(0);
    };
    const auto queues = bf::store::Store(*c.db).outbox_admin.queues();
    ASSERT_EQ(queues.size(), 2u);
    EXPECT_EQ(queues[0].mail_class, bf::store::MailClass::Transactional);
    EXPECT_EQ(queues[0].length, count("transactional"));
    EXPECT_EQ(queues[1].length, count("bulk"));
    EXPECT_EQ(queues[1].oldest_age_seconds(now()) / 60, 180) << "the bulk row of three hours ago is the oldest";

    const auto page = c.admin.get("/admin/outbox");
    ASSERT_EQ(page.status, 200);
    const auto row = [&](const std::string& mail_class) {
        std::smatch m;
        const std::regex re("<tr data-class=\"" + mail_class + "\">.*?data-figure=\"length\">(\\d+)</td>"
                            "<td data-figure=\"oldest\">([^<]*)</td>");
        return std::regex_search(page.body, m, re) ? std::make_pair(std::stoll(m[1].str()), m[2].str())
                                                   : std::make_pair(-1LL, std::string());
    };
    EXPECT_EQ(row("transactional").first, count("transactional"));
    EXPECT_EQ(row("bulk"), std::make_pair(static_cast<long long>(count("bulk")), std::string("3 h")));
    c.db->exec("DELETE FROM outbox WHERE id IN (?, ?)", bulk, transactional);
}

TEST(AdminReports, EveryConsoleQueryUsesAnIndex) {
    Console c;
    // Enough orders and messages that the optimizer's choices are the ones it makes on a real shop.
    const int64_t book = create_book(*c.db, stocked(700, 50));
    for (int i = 0; i < 3; ++i) paid_order(*c.db, {{book, 1}});
    c.db->execute_script("ANALYZE TABLE orders, order_items, books, category_closure, users, outbox, audit_log");

    std::vector<std::pair<std::string, std::vector<bf::db::Param>>> seen;
    auto watched = connect_db();
    watched->set_observer([&](std::string_view sql, const std::vector<bf::db::Param>& params) {
        if (bf::starts_with(sql, "SELECT")) seen.emplace_back(std::string(sql), params);
    });
    bf::store::Store store(*watched);
    const auto any = c.db->query_one("SELECT o.number, u.email FROM orders o JOIN users u ON u.id = o.user_id LIMIT 1");
    store.order_admin.search({});
    store.order_admin.search({any->str(0), "", "", std::nullopt, 51});
    store.order_admin.search({"", any->str(1), "", std::nullopt, 51});
    store.order_admin.search({"", "", "paid", 1000000, 51});
    store.order_admin.refunds(1);
    const bf::Time t = now();
    store.reports.sales_by_category(t.plus_days(-30), t.plus_days(1));
    store.reports.best_sellers_in_range(t.plus_days(-30), t.plus_days(1), 10);
    store.reports.best_sellers_all_time(10);
    store.reports.low_stock(100);
    store.outbox_admin.counts(t);
    store.outbox_admin.queues();
    store.mail.next_due();
    for (auto s : {bf::store::OutboxState::Pending, bf::store::OutboxState::Failed, bf::store::OutboxState::Dead})
        store.outbox_admin.list(s, std::nullopt, 51, t);
    store.coupons.list(std::nullopt, 51);
    store.audit.for_subject("order", 1, 20);
    ASSERT_GE(seen.size(), 15u);

    for (const auto& [sql, params] : seen) {
        const auto plan = c.db->query_params("EXPLAIN " + sql, params);
        std::string summary;
        for (const auto& row : plan)
            summary += "\n  " + row.str(0) + " " + row.str(2) + " " + row.str(3) + " " + row.str(5) + " " + row.str(9);
        for (const auto& row : plan) {
            const std::string table = row.str(2), type = row.str(3);
            if (table.empty() || table[0] == '<') continue;  // derived tables
            EXPECT_NE(type, "ALL") << "full scan of " << table << " in: " << sql << summary;
        }
    }
}
