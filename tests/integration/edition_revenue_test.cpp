// Revenue split by edition (issue #19): after print, ebook and mixed orders, a refund of one and a
// partial refund of another (through nginx), the rollups' ebook parts equal the sales (check-revenue),
// and the dashboard's cards, charts, books table and CSV and the author digests say what printed
// copies and ebooks each made. An author who sells print only sees the page as before.
#include <gtest/gtest.h>

#include <sstream>

#include "core/crypto.h"
#include "ebook_fixtures.h"
#include "mailer/digests.h"
#include "mailer/scheduler.h"
#include "pages/app.h"
#include "store/store.h"

using namespace bf::test;

namespace {

// What the orders say each edition earned for the author: units and revenue from sales_ledger
// rows joined to the line they moved, so the edition comes from order_items (not from the ledger's
// own column).
struct Split {
    int64_t print_units = 0, ebook_units = 0;
    int64_t print_cents = 0, ebook_cents = 0;
};
Split expected_split(bf::db::Connection& db, const std::string& where, int64_t id) {
    Split s;
    for (const auto& r : db.query("SELECT i.edition, COALESCE(SUM(l.quantity), 0), COALESCE(SUM(l.revenue_cents), 0)"
                                  " FROM sales_ledger l JOIN order_items i ON i.order_id = l.order_id AND i.book_id = l.book_id"
                                  " WHERE " + where + " = ? GROUP BY i.edition",
                                  id)) {
        if (r.str(0) == "digital") s.ebook_units = r.i64(1), s.ebook_cents = r.i64(2);
        else s.print_units = r.i64(1), s.print_cents = r.i64(2);
    }
    return s;
}

// The attribute `name` of the first element after `from` in the html that carries `marker`.
int64_t attribute_after(const std::string& html, const std::string& from, const std::string& marker, const std::string& name) {
    const auto start = html.find(from);
    if (start == std::string::npos) return INT64_MIN;
    const auto at = html.find(marker, start);
    if (at == std::string::npos) return INT64_MIN;
    const auto attr = html.find(name + "=\"", at);
    if (attr == std::string::npos) return INT64_MIN;
    return std::stoll(html.substr(attr + name.size() + 2, 24));
}

int64_t csv_cents(const std::string& decimal) {
    const bool negative = decimal[0] == '-';
    const auto dot = decimal.find('.');
    const int64_t v = std::stoll(decimal.substr(negative ? 1 : 0, dot - (negative ? 1 : 0))) * 100 +
                      std::stoll(decimal.substr(dot + 1));
    return negative ? -v : v;
}

std::vector<std::string> split_commas(const std::string& line) {  // the rows here have no quoted commas
    std::vector<std::string> out(1);
    for (char c : line)
        if (c == ',') out.emplace_back();
        else out.back().push_back(c);
    return out;
}

CommandResult check_revenue(const std::string& options = "") {
    return run_command(std::string(BOOKFAIR_ADMIN_BINARY) + " --config " + std::getenv("BOOKFAIR_CONFIG") +
                       " check-revenue " + options + " 2>&1");
}

// Buys what is in the client's cart (asking for an address when a printed copy is in it) and pays.
int64_t pay_cart(HttpClient& client, bf::db::Connection& db, bool print) {
    const auto placed = print ? checkout(client) : [&] {
        const auto page = client.get("/checkout");
        return client.post_form("/checkout", {{"_csrf", csrf_from(page.body)}, {"idempotency_key", idempotency_key_from(page.body)}});
    }();
    EXPECT_EQ(placed.status, 303) << placed.body.substr(0, 1500);
    const std::string ref = payment_ref(placed);
    EXPECT_EQ(pay(client, ref, kCardSuccess).status, 303);
    const auto row = db.query_one("SELECT order_id FROM payments WHERE provider_ref = ?", ref);
    return row ? row->i64(0) : 0;
}

}  // namespace

TEST(EditionRevenue, DashboardCsvAndDigestsSplitPrintFromEbook) {
    auto db = connect_db();
    const int64_t author = create_author(*db, "Edith Edition");
    const int64_t print_only = create_book(*db, {1200, std::nullopt, 50, false, "published", std::nullopt, "", author});
    const Ebook both = create_ebook(*db, 500, true, author);  // a printed book with an ebook edition too
    bf::store::Store store(*db);
    const bf::Time start = stack_now();

    // A mixed order: two printed copies of one book and the ebook of the other.
    HttpClient mixed;
    log_in_as(mixed, *db, create_buyer(*db).id);
    ASSERT_EQ(add_to_cart(mixed, print_only, 2).status, 303);
    ASSERT_EQ(add_ebook_to_cart(mixed, both.book_id).status, 303);
    const int64_t mixed_order = pay_cart(mixed, *db, true);
    ASSERT_GT(mixed_order, 0);
    // A printed copy of the book that is also an ebook.
    HttpClient print_buyer;
    log_in_as(print_buyer, *db, create_buyer(*db).id);
    ASSERT_EQ(add_to_cart(print_buyer, both.book_id, 1).status, 303);
    ASSERT_GT(pay_cart(print_buyer, *db, true), 0);
    // Two ebooks alone: one refunded in full (its licence and its figures go), one kept.
    int64_t ebook_orders[2] = {0, 0};
    for (int64_t& order : ebook_orders) {
        HttpClient reader;
        log_in_as(reader, *db, create_buyer(*db).id);
        ASSERT_EQ(add_ebook_to_cart(reader, both.book_id).status, 303);
        order = pay_cart(reader, *db, false);
        ASSERT_GT(order, 0);
    }
    const auto refunded = store.orders.find(ebook_orders[0]);
    store.orders.refund(refunded->id, {refunded->total, false, {std::nullopt, true, "test"}}, stack_now());
    // A partial refund of the mixed order: its share leaves both editions' revenue, no units.
    const auto mixed_found = store.orders.find(mixed_order);
    store.orders.refund(mixed_order, {mixed_found->total / 4, false, {std::nullopt, true, "test"}}, stack_now());

    EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM sales_ledger WHERE order_id = ? AND edition = 'digital'",
                            ebook_orders[1])->i64(0), 1) << "the ledger row says which edition it moved";
    const auto check = check_revenue();
    EXPECT_EQ(check.status, 0) << check.output;

    const Split all = expected_split(*db, "l.author_id", author);
    EXPECT_EQ(all.ebook_units, 2) << "one ebook in the mixed order and one kept; the refunded one is undone";
    EXPECT_EQ(all.print_units, 3);
    ASSERT_GT(all.ebook_cents, 0);
    ASSERT_GT(all.print_cents, 0);

    // The dashboard: every card splits revenue and units; the charts and books table say the same.
    HttpClient author_client;
    log_in_as(author_client, *db, author);
    const auto page = author_client.get("/dashboard");
    ASSERT_EQ(page.status, 200);
    const std::string html = page.body;
    EXPECT_EQ(attribute_after(html, "data-period=\"all-time\"", "data-split=\"revenue\"", "data-print"), all.print_cents);
    EXPECT_EQ(attribute_after(html, "data-period=\"all-time\"", "data-split=\"revenue\"", "data-ebook"), all.ebook_cents);
    EXPECT_EQ(attribute_after(html, "data-period=\"all-time\"", "data-split=\"units\"", "data-print"), all.print_units);
    EXPECT_EQ(attribute_after(html, "data-period=\"all-time\"", "data-split=\"units\"", "data-ebook"), all.ebook_units);
    EXPECT_EQ(attribute_after(html, "data-period=\"month\"", "data-split=\"revenue\"", "data-ebook"), all.ebook_cents);
    const Split book = expected_split(*db, "l.book_id", both.book_id);
    EXPECT_EQ(attribute_after(html, "data-book=\"" + std::to_string(both.book_id) + "\"", "data-ebook-units", "data-ebook-units"),
              book.ebook_units);
    EXPECT_EQ(attribute_after(html, "data-book=\"" + std::to_string(both.book_id) + "\"", "data-ebook-cents", "data-ebook-cents"),
              book.ebook_cents);
    {  // a book that never sold as an ebook has no split to show
        const auto row = html.find("data-book=\"" + std::to_string(print_only) + "\"");
        ASSERT_NE(row, std::string::npos);
        EXPECT_EQ(html.substr(row, html.find("</tr>", row) - row).find("split-line"), std::string::npos);
    }
    // Today's bar of the daily chart, in its table: the ebook and print parts.
    EXPECT_NE(html.find("data-ebook-cents=\"" + std::to_string(all.ebook_cents) + "\""), std::string::npos);
    EXPECT_NE(html.find("data-print-cents=\"" + std::to_string(all.print_cents) + "\""), std::string::npos);
    EXPECT_NE(html.find("class=\"chart__legend\""), std::string::npos) << "the stacked charts say which colour is which";
    EXPECT_NE(html.find("chart__bar--ebook"), std::string::npos);
    EXPECT_NE(html.find("badge--ebook"), std::string::npos) << "recent sales mark the ebooks";

    // The CSV: the whole and its two parts on every row.
    const auto csv = author_client.get("/dashboard/revenue.csv?from=" + bf::format_date(start.plus_days(-1)) +
                                       "&to=" + bf::format_date(stack_now().plus_days(1)));
    ASSERT_EQ(csv.status, 200);
    std::istringstream lines(csv.body.substr(3));
    std::string line;
    std::getline(lines, line);
    EXPECT_EQ(line, "date,book_id,isbn13,title,currency,units,revenue,print_units,print_revenue,ebook_units,ebook_revenue\r");
    Split from_csv;
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto f = split_commas(line);
        ASSERT_EQ(f.size(), 11u) << line;
        EXPECT_EQ(std::stoll(f[5]), std::stoll(f[7]) + std::stoll(f[9])) << line;
        EXPECT_EQ(csv_cents(f[6]), csv_cents(f[8]) + csv_cents(f[10])) << line;
        from_csv.print_units += std::stoll(f[7]), from_csv.ebook_units += std::stoll(f[9]);
        from_csv.print_cents += csv_cents(f[8]), from_csv.ebook_cents += csv_cents(f[10]);
    }
    EXPECT_EQ(from_csv.ebook_cents, all.ebook_cents);
    EXPECT_EQ(from_csv.print_cents, all.print_cents);
    EXPECT_EQ(from_csv.ebook_units, all.ebook_units);

    // The digest's figures (store::Digests) and the email made of them.
    const auto authors = store.digests.author_sales(start.plus_days(-1), stack_now().plus_days(1));
    const bf::store::AuthorFigures* ours = nullptr;
    for (const auto& a : authors)
        if (a.author_id == author) ours = &a;
    ASSERT_NE(ours, nullptr);
    for (const auto& b : ours->books) {
        const Split s = expected_split(*db, "l.book_id", b.book_id);
        EXPECT_EQ(b.digital_units, s.ebook_units) << b.title;
        EXPECT_EQ(b.digital_revenue, s.ebook_cents) << b.title;
    }
    bf::crypto::init();
    const bf::pages::App app(config());
    const bf::mailer::ScheduleSpec daily{"author-daily", bf::mailer::Cadence::Daily, 0, 7, 7};
    const auto mail = bf::mailer::author_daily_email(*ours, bf::mailer::period_containing(daily, stack_now()), base_url(),
                                                     bf::crypto::Signer(bf::crypto::read_secret_file(config().require("secret_file"))));
    const auto money = [](int64_t c) { return bf::format_money(c, "USD"); };
    EXPECT_NE(mail.text.find("Printed copies: " + std::to_string(all.print_units) + " sold, " + money(all.print_cents)),
              std::string::npos) << mail.text;
    EXPECT_NE(mail.text.find("Ebooks: " + std::to_string(all.ebook_units) + " sold, " + money(all.ebook_cents)),
              std::string::npos) << mail.text;
    EXPECT_NE(mail.text.find("(print " + std::to_string(book.print_units) + " sold, " + money(book.print_cents) + "; ebook " +
                             std::to_string(book.ebook_units) + " sold, " + money(book.ebook_cents) + ")"),
              std::string::npos) << mail.text;
    EXPECT_NE(mail.html.find("ebooks " + std::to_string(all.ebook_units) + " sold"), std::string::npos);

    // check-revenue finds a changed ebook part, and repairs it.
    db->exec("UPDATE book_revenue_totals SET digital_revenue_cents = digital_revenue_cents + 1 WHERE book_id = ?",
             both.book_id);
    const auto found = check_revenue();
    EXPECT_NE(found.status, 0) << found.output;
    EXPECT_NE(found.output.find("book " + std::to_string(both.book_id)), std::string::npos) << found.output;
    check_revenue("--repair");
    const auto again = check_revenue();
    EXPECT_EQ(again.status, 0) << again.output;
}

TEST(EditionRevenue, AnAuthorWhoSellsPrintOnlySeesNoSplit) {
    auto db = connect_db();
    const int64_t author = create_author(*db, "Pat Print");
    const int64_t book = create_book(*db, {900, std::nullopt, 10, false, "published", std::nullopt, "", author});
    HttpClient buyer;
    log_in_as(buyer, *db, create_buyer(*db).id);
    ASSERT_EQ(add_to_cart(buyer, book, 1).status, 303);
    ASSERT_GT(pay_cart(buyer, *db, true), 0);
    HttpClient author_client;
    log_in_as(author_client, *db, author);
    const auto page = author_client.get("/dashboard");
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.body.find("data-split="), std::string::npos);
    EXPECT_EQ(page.body.find("chart__legend"), std::string::npos);
    EXPECT_EQ(page.body.find("split-line"), std::string::npos);
    EXPECT_NE(page.body.find("chart__bar--print"), std::string::npos);
}
