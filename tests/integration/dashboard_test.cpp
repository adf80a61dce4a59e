// The author's dashboard and the revenue rollups behind it: after purchases, coupons, partial and full
// refunds and cancellations (from several buyers at once, through nginx), the rollups equal the sales
// (check-revenue), the page shows those figures, the CSV parses back to them, and no author reaches
// another's figures by any route.
#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "buying_fixtures.h"
#include "core/clock.h"
#include "core/pricing.h"
#include "core/text.h"
#include "store/store.h"

using namespace bf::test;

namespace {

struct ClockReset {
    ~ClockReset() { set_clock_offset(0); }
};

// ---- reading the page ----

// The value of data-figure="NAME" inside the card data-period="PERIOD".
int64_t figure(const std::string& html, const std::string& period, const std::string& name) {
    const auto card = html.find("data-period=\"" + period + "\"");
    if (card == std::string::npos) return INT64_MIN;
    const std::string marker = "data-figure=\"" + name + "\" data-value=\"";
    const auto at = html.find(marker, card);
    if (at == std::string::npos) return INT64_MIN;
    return std::stoll(html.substr(at + marker.size(), 24));
}

// The all-time revenue cell of a book's row (the cell after its all-time units).
int64_t book_revenue(const std::string& html, int64_t book) {
    const auto row = html.find("data-book=\"" + std::to_string(book) + "\"");
    if (row == std::string::npos) return INT64_MIN;
    const auto units = html.find("data-units=\"", row);
    const std::string marker = "data-cents=\"";
    const auto at = html.find(marker, units);
    if (units == std::string::npos || at == std::string::npos) return INT64_MIN;
    return std::stoll(html.substr(at + marker.size(), 24));
}

// ---- RFC 4180, read back ----

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false, was_quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
            else if (c == '"') quoted = false;
            else field += c;
        } else if (c == '"' && field.empty() && !was_quoted) {
            quoted = was_quoted = true;
        } else if (c == ',') {
            row.push_back(field), field.clear(), was_quoted = false;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            row.push_back(field), field.clear(), was_quoted = false;
            rows.push_back(row), row.clear();
            ++i;
        } else {
            EXPECT_NE(c, '\n') << "a bare LF outside quotes at byte " << i;
            EXPECT_NE(c, '"') << "a quote inside an unquoted field at byte " << i;
            field += c;
        }
    }
    EXPECT_FALSE(quoted) << "an unterminated quoted field";
    if (!field.empty() || !row.empty()) row.push_back(field), rows.push_back(row);
    return rows;
}

// "12.34" / "-0.05" -> cents
int64_t cents(const std::string& decimal) {
    const auto dot = decimal.find('.');
    EXPECT_NE(dot, std::string::npos) << decimal;
    const bool negative = decimal[0] == '-';
    const int64_t whole = std::stoll(decimal.substr(negative ? 1 : 0, dot - (negative ? 1 : 0)));
    const int64_t v = whole * 100 + std::stoll(decimal.substr(dot + 1));
    return negative ? -v : v;
}

// ---- what the figures must be, from the orders themselves ----

struct Expected {
    int64_t orders = 0, units = 0, revenue = 0;
};

// An author's all-time figures from their orders: a paid order counts once, with its units and its lines'
// net revenue less their shares of the partial refunds; a cancelled or refunded order counts nothing.
Expected expected_all_time(bf::db::Connection& db, int64_t author) {
    Expected e;
    for (const auto& o : db.query("SELECT DISTINCT o.id, o.total_cents FROM orders o JOIN order_items i ON i.order_id = o.id"
                                  " WHERE i.author_id = ? AND o.status IN ('paid','processing','shipped','delivered')",
                                  author)) {
        std::vector<bf::Cents> nets;
        std::vector<bool> ours;
        for (const auto& i : db.query("SELECT author_id, quantity, line_total_cents - discount_cents FROM order_items"
                                      " WHERE order_id = ? ORDER BY book_id",
                                      o.i64(0))) {
            nets.push_back(i.i64(2));
            ours.push_back(i.i64(0) == author);
            if (i.i64(0) == author) e.units += i.i64(1), e.revenue += i.i64(2);
        }
        for (const auto& r : db.query("SELECT amount_cents FROM order_refunds WHERE order_id = ?", o.i64(0))) {
            const auto shares = bf::pricing::refund_shares(r.i64(0), o.i64(1), nets);
            for (size_t k = 0; k < shares.size(); ++k)
                if (ours[k]) e.revenue -= shares[k];
        }
        ++e.orders;
    }
    return e;
}

// The ledger's sums for an author between two UTC days.
Expected ledger_between(bf::db::Connection& db, int64_t author, const std::string& from, const std::string& to) {
    const auto r = db.query_one("SELECT COALESCE(SUM(quantity), 0), COALESCE(SUM(revenue_cents), 0) FROM sales_ledger"
                                " WHERE author_id = ? AND sold_at >= ? AND sold_at < ? + INTERVAL 1 DAY",
                                author, from, to);
    const auto o = db.query_one("SELECT COUNT(DISTINCT IF(quantity > 0, CONCAT(order_id, '@', DATE(sold_at)), NULL))"
                                " - COUNT(DISTINCT IF(quantity < 0, CONCAT(order_id, '@', DATE(sold_at)), NULL))"
                                " FROM sales_ledger WHERE author_id = ? AND sold_at >= ? AND sold_at < ? + INTERVAL 1 DAY",
                                author, from, to);
    return {o->i64(0), r->i64(0), r->i64(1)};
}

CommandResult check_revenue(const std::string& options = "") {
    return run_command(std::string(BOOKFAIR_ADMIN_BINARY) + " --config " + std::getenv("BOOKFAIR_CONFIG") +
                       " check-revenue " + options + " 2>&1");
}

// One purchase through nginx: returns the order id, or 0 when the card was declined.
int64_t buy(HttpClient& client, bf::db::Connection& db, const std::vector<std::pair<int64_t, int>>& lines,
            const std::string& coupon, bool decline) {
    for (const auto& [book, qty] : lines) EXPECT_EQ(add_to_cart(client, book, qty).status, 303);
    if (!coupon.empty()) {  // refused (422) when the cart holds none of the books it covers
        const long status = client.submit("/cart", "/cart/coupon", {{"code", coupon}}).status;
        EXPECT_TRUE(status == 303 || status == 422) << status;
    }
    const auto placed = checkout(client);
    EXPECT_EQ(placed.status, 303) << placed.body;
    const std::string ref = payment_ref(placed);
    if (ref.empty()) return 0;
    EXPECT_EQ(pay(client, ref, decline ? kCardDeclined : kCardSuccess).status, 303);
    const auto row = db.query_one("SELECT order_id FROM payments WHERE provider_ref = ?", ref);
    return decline || !row ? 0 : row->i64(0);
}

std::string today() { return bf::format_date(bf::SystemClock().now()); }

}  // namespace

TEST(Dashboard, RollupsEqualTheSalesAfterRandomPurchasesAndRefunds) {
    ClockReset reset;
    auto db = connect_db();
    const int64_t author_a = create_author(*db, "Ada Rollup"), author_b = create_author(*db, "Bo Rollup");
    const std::vector<int64_t> books = {
        create_book(*db, {1999, std::nullopt, 500, false, "published", std::nullopt, "", author_a}),
        create_book(*db, {1250, 990, 500, false, "published", std::nullopt, "", author_a}),
        create_book(*db, {3100, std::nullopt, 500, false, "published", std::nullopt, "", author_b}),
        create_book(*db, {777, std::nullopt, 500, false, "published", std::nullopt, "", std::nullopt})};
    // 15 % off two of the books only: the discount lands on those lines.
    const std::string code = "ROLL" + std::to_string(books[0]);
    db->exec("INSERT INTO coupons (code, kind, percent_bp, applies_to, created_at) VALUES (?, 'percent', 1500, 'books', ?)",
             code, bf::SystemClock().now());
    db->exec("INSERT INTO coupon_books (coupon_id, book_id) SELECT id, ? FROM coupons WHERE code = ?", books[0], code);
    db->exec("INSERT INTO coupon_books (coupon_id, book_id) SELECT id, ? FROM coupons WHERE code = ?", books[2], code);

    // Buyers at once through nginx, in two rounds: 35 days ago and today.
    std::vector<int64_t> paid;
    std::mutex paid_mutex;
    for (long long offset : {-35LL * 86400, 0LL}) {
        set_clock_offset(offset);
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                auto conn = connect_db();
                std::mt19937 rng(static_cast<unsigned>(t * 7919 + offset));
                for (int n = 0; n < 5; ++n) {
                    HttpClient client;
                    log_in_as(client, *conn, create_buyer(*conn).id);
                    std::vector<std::pair<int64_t, int>> lines;
                    for (size_t b = 0; b < books.size(); ++b)
                        if (rng() % 2 || (b == 3 && lines.empty())) lines.emplace_back(books[b], 1 + static_cast<int>(rng() % 3));
                    const int64_t id = buy(client, *conn, lines, rng() % 2 ? code : "", rng() % 6 == 0);
                    if (id) {
                        std::lock_guard lock(paid_mutex);
                        paid.push_back(id);
                    }
                }
            });
        for (auto& th : threads) th.join();
    }
    set_clock_offset(0);
    ASSERT_GE(paid.size(), 20u);

    // Refunds and cancellations, some on a later day.
    bf::store::Store store(*db);
    std::mt19937 rng(20261122);
    const bf::Time now = bf::SystemClock().now();
    int partial = 0, full = 0, cancelled = 0;
    for (int64_t id : paid) {
        const auto o = store.orders.find(id);
        const bf::Time when = now.plus_days(static_cast<int>(rng() % 3));
        switch (rng() % 5) {
            case 0:
                store.orders.refund(id, {1 + static_cast<bf::Cents>(rng() % static_cast<unsigned>(o->total - 1)), false, {}}, when);
                ++partial;
                break;
            case 1:
                store.orders.refund(id, {o->total / 3, false, {}}, when);
                store.orders.refund(id, {o->total - o->total / 3, true, {}}, when);
                ++partial, ++full;
                break;
            case 2:
                store.orders.cancel(id, {std::nullopt, true, "test"}, when);
                ++cancelled;
                break;
            default:
                break;
        }
    }
    EXPECT_GT(partial + full + cancelled, 0);

    const auto check = check_revenue();
    EXPECT_EQ(check.status, 0) << check.output;
    EXPECT_NE(check.output.find("match"), std::string::npos) << check.output;

    // The discount went to the covered lines only.
    EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM order_items WHERE book_id IN (?, ?) AND discount_cents > 0", books[1],
                            books[3])->i64(0), 0);
    EXPECT_GT(db->query_one("SELECT COUNT(*) FROM order_items WHERE book_id = ? AND discount_cents > 0", books[0])->i64(0), 0);

    // The page shows the same figures.
    for (int64_t author : {author_a, author_b}) {
        HttpClient client;
        log_in_as(client, *db, author);
        const auto page = client.get("/dashboard");
        ASSERT_EQ(page.status, 200) << page.body;
        const Expected all = expected_all_time(*db, author);
        EXPECT_EQ(figure(page.body, "all-time", "revenue"), all.revenue) << "author " << author;
        EXPECT_EQ(figure(page.body, "all-time", "units"), all.units);
        EXPECT_EQ(figure(page.body, "all-time", "orders"), all.orders);
        const std::string month_start = today().substr(0, 8) + "01";
        const Expected month = ledger_between(*db, author, month_start, today());
        EXPECT_EQ(figure(page.body, "month", "revenue"), month.revenue);
        EXPECT_EQ(figure(page.body, "month", "units"), month.units);
        EXPECT_EQ(figure(page.body, "month", "orders"), month.orders);
        for (int64_t book : books)
            if (book != books[3] && (author == author_a) == (book != books[2])) {
                EXPECT_EQ(book_revenue(page.body, book),
                          db->query_one("SELECT COALESCE(SUM(revenue_cents), 0) FROM sales_ledger WHERE book_id = ?", book)->i64(0));
            }

        // The CSV of the whole run (refunds up to two days ahead) adds up to the same money, book by book
        // and day by day.
        const auto csv = client.get("/dashboard/revenue.csv?from=" + bf::format_date(now.plus_days(-40)) +
                                    "&to=" + bf::format_date(now.plus_days(3)));
        ASSERT_EQ(csv.status, 200);
        const auto rows = parse_csv(csv.body.substr(3));
        ASSERT_GE(rows.size(), 2u);
        int64_t revenue = 0, units = 0;
        for (size_t r = 1; r < rows.size(); ++r) {
            ASSERT_EQ(rows[r].size(), 11u);
            EXPECT_EQ(rows[r][4], "USD");
            const auto day = db->query_one("SELECT COALESCE(SUM(quantity), 0), COALESCE(SUM(revenue_cents), 0)"
                                           " FROM sales_ledger WHERE book_id = ? AND sold_at >= ? AND sold_at < ? + INTERVAL 1 DAY",
                                           std::stoll(rows[r][1]), rows[r][0], rows[r][0]);
            EXPECT_EQ(std::stoll(rows[r][5]), day->i64(0)) << rows[r][0] << " " << rows[r][3];
            EXPECT_EQ(cents(rows[r][6]), day->i64(1)) << rows[r][0] << " " << rows[r][3];
            units += std::stoll(rows[r][5]);
            revenue += cents(rows[r][6]);
        }
        EXPECT_EQ(revenue, all.revenue);
        EXPECT_EQ(units, all.units);
    }
}

TEST(Dashboard, CheckRevenueFindsAndRepairsADifference) {
    auto db = connect_db();
    const int64_t author = create_author(*db);
    const int64_t book = create_book(*db, {1000, std::nullopt, 5, false, "published", std::nullopt, "", author});
    HttpClient client;
    log_in_as(client, *db, create_buyer(*db).id);
    ASSERT_GT(buy(client, *db, {{book, 2}}, "", false), 0);
    db->exec("UPDATE revenue_daily SET revenue_cents = revenue_cents + 1 WHERE book_id = ?", book);
    const auto found = check_revenue();
    EXPECT_NE(found.status, 0) << found.output;
    EXPECT_NE(found.output.find("book " + std::to_string(book)), std::string::npos) << found.output;
    const auto repaired = check_revenue("--repair");
    EXPECT_NE(repaired.status, 0) << "it reports what it repaired";
    const auto again = check_revenue();
    EXPECT_EQ(again.status, 0) << again.output;
}

TEST(Dashboard, ThisMonthAndLastMonthFollowTheClock) {
    ClockReset reset;
    auto db = connect_db();
    const int64_t author = create_author(*db, "Clock Author");
    const std::string title = "Ça, \"quoted\"\nand more \xE2\x80\x94 \xE6\x9D\xB1\xE4\xBA\xAC";  // — 東京
    const int64_t book = create_book(*db, {1500, std::nullopt, 20, false, "published", std::nullopt, title, author});
    HttpClient buyer;
    log_in_as(buyer, *db, create_buyer(*db).id);
    ASSERT_GT(buy(buyer, *db, {{book, 2}}, "", false), 0);  // today: 30.00
    const std::string first_day = today();

    // Move to the 3rd of next month and buy one more there.
    const bf::CivilTime c = bf::to_civil(bf::SystemClock().now());
    const bf::Time third = bf::from_civil({c.month == 12 ? c.year + 1 : c.year, c.month == 12 ? 1 : c.month + 1, 3, 12, 0, 0, 0});
    set_clock_offset((third.us - bf::SystemClock().now().us) / 1000000);
    ASSERT_GT(buy(buyer, *db, {{book, 1}}, "", false), 0);  // the 3rd: 15.00

    HttpClient author_client;
    log_in_as(author_client, *db, author);
    const auto page = author_client.get("/dashboard");
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(figure(page.body, "month", "revenue"), 1500);
    EXPECT_EQ(figure(page.body, "month", "units"), 1);
    EXPECT_EQ(figure(page.body, "month", "orders"), 1);
    EXPECT_EQ(figure(page.body, "last-month", "revenue"), 3000);
    EXPECT_EQ(figure(page.body, "last-month", "units"), 2);
    EXPECT_EQ(figure(page.body, "all-time", "revenue"), 4500);
    EXPECT_NE(page.body.find("new"), std::string::npos) << "last month against nothing before it";
    EXPECT_NE(page.body.find("<svg"), std::string::npos);
    EXPECT_NE(page.body.find("<title id=\"chart-daily-title\">"), std::string::npos);
    EXPECT_NE(page.body.find("data-cents=\"3000\""), std::string::npos) << "the daily table holds the first day";
    EXPECT_EQ(page.body.find("style=\""), std::string::npos) << "the CSP forbids inline styles";
    EXPECT_NE(page.body.find("href=\"/dashboard/books\""), std::string::npos);
    EXPECT_EQ(page.body.find("Ada Buyer"), std::string::npos) << "no buyer's name";
    EXPECT_EQ(page.body.find("@example.com"), std::string::npos) << "no buyer's email";
    EXPECT_NE(page.body.find("Springfield"), std::string::npos) << "the city of a recent sale";

    // The CSV: BOM, RFC 4180 quoting, the title back byte for byte.
    const auto csv = author_client.get("/dashboard/revenue.csv?from=" + first_day + "&to=" + bf::format_date(third));
    ASSERT_EQ(csv.status, 200);
    EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
    EXPECT_NE(csv.header("content-disposition").find("attachment; filename=\"bookfair-revenue-"), std::string::npos);
    ASSERT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
    const auto rows = parse_csv(csv.body.substr(3));
    ASSERT_EQ(rows.size(), 3u) << csv.body;
    EXPECT_EQ(rows[0], (std::vector<std::string>{"date", "book_id", "isbn13", "title", "currency", "units", "revenue",
                                                 "print_units", "print_revenue", "ebook_units", "ebook_revenue"}));
    EXPECT_EQ(rows[1][0], first_day);
    EXPECT_EQ(rows[1][3], title);
    EXPECT_EQ(rows[1][4], "USD");
    EXPECT_EQ(rows[1][5], "2");
    EXPECT_EQ(rows[1][6], "30.00");
    EXPECT_EQ(rows[2][0], bf::format_date(third));
    EXPECT_EQ(rows[2][6], "15.00");

    // The range is checked: the dashboard comes back with the message beside the export form and
    // the dates as typed, not a generic error page.
    const auto impossible = author_client.get("/dashboard/revenue.csv?from=2026-02-30&to=2026-03-01");
    EXPECT_EQ(impossible.status, 422);
    EXPECT_NE(impossible.body.find("class=\"card export-form\""), std::string::npos);
    EXPECT_NE(impossible.body.find("name=\"from\" value=\"2026-02-30\""), std::string::npos);
    EXPECT_NE(impossible.body.find("id=\"export-error\""), std::string::npos);
    EXPECT_EQ(author_client.get("/dashboard/revenue.csv?from=yesterday&to=2026-03-01").status, 422);
    const auto backwards = author_client.get("/dashboard/revenue.csv?from=2026-03-02&to=2026-03-01");
    EXPECT_EQ(backwards.status, 422);
    EXPECT_NE(backwards.body.find("comes after"), std::string::npos);
    EXPECT_NE(backwards.body.find("class=\"card export-form\""), std::string::npos);
    EXPECT_EQ(author_client.get("/dashboard/revenue.csv?from=2020-01-01&to=2026-03-01").status, 422);
    EXPECT_EQ(author_client.get("/dashboard/revenue.csv?from=2023-03-01&to=2026-03-01").status, 200);
}

TEST(Dashboard, NoAuthorReachesAnothersFigures) {
    auto db = connect_db();
    const int64_t author_a = create_author(*db, "Private Author");
    const int64_t author_b = create_author(*db, "Curious Author");
    const int64_t book = create_book(*db, {2222, std::nullopt, 5, false, "published", std::nullopt, "Secret Ledger Book", author_a});
    HttpClient buyer;
    log_in_as(buyer, *db, create_buyer(*db).id);
    ASSERT_GT(buy(buyer, *db, {{book, 1}}, "", false), 0);

    HttpClient b, customer, guest;
    log_in_as(b, *db, author_b);
    log_in_as(customer, *db, create_buyer(*db).id);
    const std::string a = std::to_string(author_a);
    for (const std::string& path : std::vector<std::string>{"/dashboard?author=" + a, "/dashboard?author=" + a + "&sort=revenue",
                                   "/dashboard/revenue.csv?author=" + a, "/dashboard/revenue.csv?author=" + a + "&from=2020-01-01&to=2022-01-01",
                                   "/dashboard/books/" + std::to_string(book)}) {
        const auto r = b.get(path);
        EXPECT_EQ(r.status, 403) << path;
        EXPECT_EQ(r.body.find("Secret Ledger Book"), std::string::npos) << path;
        EXPECT_EQ(customer.get(path).status, 403) << path;
        EXPECT_EQ(guest.get(path).status, 303) << path << " sends visitors to log in";
    }
    EXPECT_EQ(b.get("/dashboard?author=abc").status, 404);
    EXPECT_EQ(b.get("/dashboard?author=-1").status, 404);
    const auto own = b.get("/dashboard");
    EXPECT_EQ(own.status, 200);
    EXPECT_EQ(own.body.find("Secret Ledger Book"), std::string::npos);
    EXPECT_EQ(figure(own.body, "all-time", "revenue"), 0);
    const auto own_csv = b.get("/dashboard/revenue.csv?author=" + std::to_string(author_b));
    EXPECT_EQ(own_csv.status, 200);
    EXPECT_EQ(own_csv.body.find("Secret Ledger Book"), std::string::npos);

    // An admin picks any author; an id that is no author is 404.
    HttpClient admin;
    const std::string email = unique_email("dash-admin");
    ASSERT_EQ(run_command(BOOKFAIR_ADMIN_BINARY " --config " + std::string(std::getenv("BOOKFAIR_CONFIG")) +
                          " create-admin --email " + email + " --name 'Dash Admin' --password 'admin password'").status, 0);
    ASSERT_EQ(admin.submit("/login", "/login", {{"email", email}, {"password", "admin password"}}).status, 303);
    const auto picked = admin.get("/dashboard?author=" + a);
    ASSERT_EQ(picked.status, 200);
    EXPECT_NE(picked.body.find("Secret Ledger Book"), std::string::npos);
    EXPECT_EQ(figure(picked.body, "all-time", "revenue"), 2222);
    EXPECT_EQ(admin.get("/dashboard/revenue.csv?author=" + a).status, 200);
    const int64_t customer_id = db->query_one("SELECT MAX(id) FROM users WHERE role = 'customer'")->i64(0);
    EXPECT_EQ(admin.get("/dashboard?author=" + std::to_string(customer_id)).status, 404);
    EXPECT_EQ(admin.get("/dashboard?author=999999999").status, 404);
}

TEST(Dashboard, BooksSortByAnyColumnThroughTheUrl) {
    auto db = connect_db();
    const int64_t author = create_author(*db);
    const int64_t cheap = create_book(*db, {500, std::nullopt, 50, false, "published", std::nullopt, "Aardvark Cheap", author});
    const int64_t dear = create_book(*db, {5000, std::nullopt, 3, false, "published", std::nullopt, "Zebra Dear", author});
    HttpClient buyer;
    log_in_as(buyer, *db, create_buyer(*db).id);
    ASSERT_GT(buy(buyer, *db, {{cheap, 3}, {dear, 1}}, "", false), 0);
    HttpClient client;
    log_in_as(client, *db, author);
    auto order_of = [&](const std::string& query) {
        const auto body = client.get("/dashboard" + query).body;
        return body.find("data-book=\"" + std::to_string(cheap) + "\"") < body.find("data-book=\"" + std::to_string(dear) + "\"");
    };
    EXPECT_FALSE(order_of("")) << "by all-time revenue, highest first";
    EXPECT_TRUE(order_of("?sort=units&dir=desc"));
    EXPECT_TRUE(order_of("?sort=title"));
    EXPECT_FALSE(order_of("?sort=title&dir=desc"));
    EXPECT_FALSE(order_of("?sort=stock&dir=asc"));
    EXPECT_TRUE(order_of("?sort=revenue&dir=asc"));
    EXPECT_TRUE(order_of("?sort=nonsense&dir=sideways") == order_of("")) << "an unknown sort falls back";
    const auto page = client.get("/dashboard?sort=stock&dir=asc");
    EXPECT_NE(page.body.find("aria-sort=\"ascending\""), std::string::npos);
    EXPECT_NE(page.body.find("badge--low"), std::string::npos) << "3 copies is low stock";
}

// #12.4: an author selling in two currencies sees each currency's revenue apart, on the cards, in
// the charts, in the books table and in the CSV: no figure adds dollars to pounds.
TEST(Dashboard, RevenueInTwoCurrenciesIsNeverSummed) {
    auto db = connect_db();
    const int64_t author = create_author(*db, "Two Currency Author");
    const int64_t dollars = create_book(*db, {1000, std::nullopt, 10, false, "published", std::nullopt, "", author});
    const int64_t pounds = create_book(*db, {2500, std::nullopt, 10, false, "published", std::nullopt, "", author});
    db->exec("UPDATE books SET currency = 'GBP' WHERE id = ?", pounds);
    HttpClient buyer;
    log_in_as(buyer, *db, create_buyer(*db).id);
    ASSERT_GT(buy(buyer, *db, {{dollars, 1}}, "", false), 0);  // one order per currency: a cart never mixes them
    ASSERT_GT(buy(buyer, *db, {{pounds, 2}}, "", false), 0);

    HttpClient author_client;
    log_in_as(author_client, *db, author);
    const auto page = author_client.get("/dashboard");
    ASSERT_EQ(page.status, 200);
    const auto all_time = page.body.find("data-period=\"all-time\"");
    ASSERT_NE(all_time, std::string::npos);
    const std::string card = page.body.substr(all_time, page.body.find("</section>", all_time) - all_time);
    EXPECT_NE(card.find("data-value=\"5000\" data-currency=\"GBP\">\xC2\xA3" "50.00<"), std::string::npos) << card;
    EXPECT_NE(card.find("data-value=\"1000\" data-currency=\"USD\">$10.00<"), std::string::npos) << card;
    EXPECT_EQ(page.body.find("60.00"), std::string::npos) << "no sum of $10 and \xC2\xA3" "50 anywhere";
    EXPECT_NE(page.body.find("id=\"chart-daily-usd\""), std::string::npos) << "each currency has its charts";
    EXPECT_EQ(book_revenue(page.body, pounds), 5000);
    EXPECT_NE(page.body.find("\xC2\xA3" "50.00"), std::string::npos);

    const auto csv = author_client.get("/dashboard/revenue.csv");
    ASSERT_EQ(csv.status, 200);
    const auto rows = parse_csv(csv.body.substr(3));
    ASSERT_EQ(rows.size(), 3u) << csv.body;
    for (size_t r = 1; r < rows.size(); ++r)
        EXPECT_EQ(rows[r][4], std::stoll(rows[r][1]) == pounds ? "GBP" : "USD") << csv.body;

    const auto check = check_revenue();
    EXPECT_EQ(check.status, 0) << "the rollups agree with the ledger, currency by currency: " << check.output;
}
