// Flash sales through nginx: races for the last copies, one customer hammering from several sessions,
// copies coming back from failed and expired payments, refusals before the start and after the end,
// the rate limit's 429 page, and the management pages. After each race the invariants are checked in
// the database: quantity = copies left + live claims + copies returned, nobody above the limit, one
// order per live claim, at the sale's price.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "buying_fixtures.h"
#include "core/clock.h"
#include "core/crypto.h"

using namespace bf::test;

namespace {

struct ClockReset {
    ~ClockReset() { set_clock_offset(0); }
};

bf::Time real_now() { return bf::SystemClock().now(); }

struct SaleSpec {
    int quantity = 10;
    bf::Cents price = 499;
    int limit = 1;
    long long starts_in_seconds = -60;
    std::optional<long long> ends_in_seconds;
};

SaleSpec spec(int quantity, bf::Cents price, int limit = 1, long long starts_in = -60,
              std::optional<long long> ends_in = std::nullopt) {
    SaleSpec s;
    s.quantity = quantity;
    s.price = price;
    s.limit = limit;
    s.starts_in_seconds = starts_in;
    s.ends_in_seconds = ends_in;
    return s;
}

int64_t book_with(bf::db::Connection& db, int stock, bf::Cents price = 1500, const std::string& title = "") {
    BookSpec b;
    b.stock = stock;
    b.price = price;
    b.title = title;
    return create_book(db, b);
}

// A sale as FlashSales::create makes it: the copies leave the book's stock.
int64_t create_sale(bf::db::Connection& db, int64_t book, const SaleSpec& spec = {}) {
    const bf::Time now = real_now();
    db.exec("UPDATE books SET stock = stock - ? WHERE id = ?", spec.quantity, book);
    const std::optional<bf::Time> end =
        spec.ends_in_seconds ? std::optional<bf::Time>(now.plus_seconds(*spec.ends_in_seconds)) : std::nullopt;
    db.exec("INSERT INTO flash_sales (book_id, price_cents, quantity, units_left, start_at, end_at, per_customer_limit,"
            " status, created_by, created_at, updated_at)"
            " SELECT ?, ?, ?, ?, ?, ?, ?, 'active', author_id, ?, ? FROM books WHERE id = ?",
            book, spec.price, spec.quantity, spec.quantity, now.plus_seconds(spec.starts_in_seconds), end, spec.limit, now,
            now, book);
    return static_cast<int64_t>(db.last_insert_id());
}

struct Customer {
    std::unique_ptr<HttpClient> client = std::make_unique<HttpClient>();
    Buyer buyer;
    std::string csrf, key;
};

std::vector<Customer> make_customers(bf::db::Connection& db, int n) {
    std::vector<Customer> out(n);
    for (auto& c : out) {
        c.buyer = create_buyer(db);
        log_in_as(*c.client, db, c.buyer.id);
    }
    return out;
}

std::string sale_path(int64_t sale) { return "/sales/" + std::to_string(sale); }

// Reads the form's CSRF token and idempotency key from the sale's page (a page without the buy form,
// sold out say, has none: a stale form from earlier would still carry one).
void open_page(Customer& c, int64_t sale) {
    const auto page = c.client->get(sale_path(sale));
    c.csrf = csrf_from(page.body);
    c.key = idempotency_key_from(page.body);
    if (c.key.empty()) c.key = bf::crypto::random_token(16);
}

HttpResponse press_buy(HttpClient& client, int64_t sale, const std::string& csrf, const std::string& key) {
    return client.post_form(sale_path(sale) + "/buy", {{"_csrf", csrf}, {"idempotency_key", key}, {"address_choice", "new"},
                                                      {"full_name", "Flash Buyer"}, {"line1", "9 Rush Lane"},
                                                      {"city", "Quickton"}, {"postal_code", "90210"}, {"country", "US"}});
}

HttpResponse buy(Customer& c, int64_t sale) {
    open_page(c, sale);
    return press_buy(*c.client, sale, c.csrf, c.key);
}

int64_t scalar(bf::db::Connection& db, const std::string& sql, int64_t arg) { return db.query_one(sql, arg)->i64(0); }
int64_t units_left(bf::db::Connection& db, int64_t sale) {
    return scalar(db, "SELECT units_left FROM flash_sales WHERE id = ?", sale);
}
int64_t live_claims(bf::db::Connection& db, int64_t sale) {
    return scalar(db, "SELECT COUNT(*) FROM flash_sale_claims WHERE sale_id = ? AND status <> 'released'", sale);
}
int64_t claims_of(bf::db::Connection& db, int64_t user) {
    return scalar(db, "SELECT COUNT(*) FROM flash_sale_claims WHERE user_id = ?", user);
}

void expect_invariants(bf::db::Connection& db, int64_t sale) {
    const auto s = db.query_one("SELECT quantity, units_left, units_returned, per_customer_limit, price_cents"
                                " FROM flash_sales WHERE id = ?", sale);
    EXPECT_EQ(s->i64(0), s->i64(1) + live_claims(db, sale) + s->i64(2)) << "quantity = left + live claims + returned";
    EXPECT_GE(s->i64(1), 0);
    EXPECT_EQ(db.query_one("SELECT COUNT(*) FROM (SELECT user_id FROM flash_sale_claims WHERE sale_id = ?"
                           " AND status <> 'released' GROUP BY user_id HAVING COUNT(*) > ?) x",
                           sale, s->i64(3))->i64(0), 0) << "nobody above the limit";
    // Every live claim has its own order holding one copy at the sale's price, held or paid.
    EXPECT_EQ(scalar(db, "SELECT COUNT(*) FROM flash_sale_claims c JOIN orders o ON o.id = c.order_id"
                         " JOIN order_items i ON i.order_id = o.id JOIN flash_sales s ON s.id = c.sale_id"
                         " WHERE c.sale_id = ? AND c.status <> 'released' AND i.quantity = 1"
                         " AND i.unit_price_cents = s.price_cents AND o.status IN ('pending_payment','paid')",
                     sale), live_claims(db, sale));
    EXPECT_EQ(scalar(db, "SELECT COUNT(*) FROM flash_sale_claims c JOIN orders o ON o.id = c.order_id"
                         " WHERE c.sale_id = ? AND c.status = 'released' AND o.status NOT IN ('cancelled','refunded')",
                     sale), 0) << "a released claim's order is over";
}

// Buys until it works: copies come back at once, but a worker and nginx may say "sold out" for up
// to a second after (the sold-out fast path re-checks every second). Four presses a second at most,
// under the rate limit.
HttpResponse buy_when_back(Customer& c, int64_t sale) {
    HttpResponse r;
    auto last = std::chrono::steady_clock::now() - std::chrono::seconds(1);
    wait_until([&] {
        if (std::chrono::steady_clock::now() - last < std::chrono::milliseconds(250)) return false;
        last = std::chrono::steady_clock::now();
        r = buy(c, sale);
        return r.status != 429 && (r.status != 409 || r.body.find("Sold out") == std::string::npos);
    }, std::chrono::seconds(10));
    return r;
}

}  // namespace

TEST(FlashSale, ThreeHundredCustomersRaceForAHundredCopies) {
    auto db = connect_db();
    const int64_t book = book_with(*db, 150, 1500, "The Hundred");
    const int64_t sale = create_sale(*db, book, spec(100, 499));
    auto customers = make_customers(*db, 300);
    for (auto& c : customers) open_page(c, sale);
    std::atomic<int> bought{0}, sold_out{0}, server_errors{0}, other{0};
    Barrier start(static_cast<int>(customers.size()));
    std::vector<std::thread> threads;
    for (auto& c : customers)
        threads.emplace_back([&, &c = c] {
            start.arrive_and_wait();
            const auto r = press_buy(*c.client, sale, c.csrf, c.key);
            if (r.status >= 500) ++server_errors;
            else if (r.status == 303 && r.header("location").rfind("/pay/", 0) == 0) ++bought;
            else if (r.status == 409 && r.body.find("Sold out") != std::string::npos) ++sold_out;
            else ++other;
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(server_errors.load(), 0);
    EXPECT_EQ(bought.load(), 100);
    EXPECT_EQ(sold_out.load(), 200);
    EXPECT_EQ(other.load(), 0);
    EXPECT_EQ(units_left(*db, sale), 0);
    EXPECT_EQ(live_claims(*db, sale), 100);
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM order_items WHERE book_id = ?", book), 100) << "exactly 100 orders";
    EXPECT_EQ(book_stock(*db, book), 50) << "the book's own stock is untouched by the sale's buys";
    expect_invariants(*db, sale);

    // The sold-out page is the same for everyone and carries nothing of the visitor's.
    const auto again = press_buy(*customers[0].client, sale, customers[0].csrf, bf::crypto::random_token(16));
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(again.body.find("Log out"), std::string::npos);
    EXPECT_EQ(again.body.find("_csrf"), std::string::npos);
    const auto page = customers[299].client->get(sale_path(sale));
    EXPECT_NE(page.body.find("Sold out"), std::string::npos) << "the sale's page says so too";
}

TEST(FlashSale, OneCustomerTwentyRequestsFromThreeSessionsGetsOneCopy) {
    auto db = connect_db();
    const int64_t book = book_with(*db, 50, 1500);
    const int64_t sale = create_sale(*db, book, spec(20, 299));
    const Buyer buyer = create_buyer(*db);
    std::vector<Customer> tabs(20);
    std::vector<std::string> sessions;
    for (int s = 0; s < 3; ++s) sessions.push_back(log_in_as(*tabs[s].client, *db, buyer.id));
    for (int i = 0; i < 20; ++i) {
        tabs[i].buyer = buyer;
        tabs[i].client->set_cookie("bf_session", sessions[i % 3]);
        open_page(tabs[i], sale);  // every tab its own idempotency key
    }
    std::atomic<int> bought{0}, refused{0}, server_errors{0};
    Barrier start(20);
    std::vector<std::thread> threads;
    for (auto& t : tabs)
        threads.emplace_back([&, &t = t] {
            start.arrive_and_wait();
            const auto r = press_buy(*t.client, sale, t.csrf, t.key);
            if (r.status >= 500) ++server_errors;
            else if (r.status == 303) ++bought;
            else if (r.status == 409 || r.status == 429) ++refused;
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(server_errors.load(), 0);
    EXPECT_EQ(bought.load(), 1);
    EXPECT_EQ(refused.load(), 19);
    EXPECT_EQ(claims_of(*db, buyer.id), 1);
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM orders WHERE user_id = ?", buyer.id), 1) << "exactly one order";
    EXPECT_EQ(units_left(*db, sale), 19);
    expect_invariants(*db, sale);

    // Another tab later: refused, with the order named.
    Customer& tab = tabs[0];
    const auto limit = press_buy(*tab.client, sale, tab.csrf, bf::crypto::random_token(16));
    EXPECT_EQ(limit.status, 409);
    EXPECT_NE(limit.body.find("You already have yours"), std::string::npos);
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM orders WHERE user_id = ?", buyer.id), 1);
}

TEST(FlashSale, DoubleClickMakesOneOrder) {
    auto db = connect_db();
    const int64_t book = book_with(*db, 10, 1500);
    const int64_t sale = create_sale(*db, book, spec(5, 299, 2));
    auto customers = make_customers(*db, 1);
    auto& c = customers[0];
    open_page(c, sale);
    const auto one = press_buy(*c.client, sale, c.csrf, c.key);
    const auto two = press_buy(*c.client, sale, c.csrf, c.key);
    ASSERT_EQ(one.status, 303);
    ASSERT_EQ(two.status, 303);
    EXPECT_EQ(one.header("location"), two.header("location")) << "the second click lands on the first order's payment";
    EXPECT_EQ(claims_of(*db, c.buyer.id), 1);
    EXPECT_EQ(units_left(*db, sale), 4);
    // The limit is 2: a second purchase (a fresh form) is a second copy, a third is refused.
    EXPECT_EQ(buy(c, sale).status, 303);
    EXPECT_EQ(buy(c, sale).status, 409);
    EXPECT_EQ(claims_of(*db, c.buyer.id), 2);
    expect_invariants(*db, sale);
}

TEST(FlashSale, FailedAndExpiredPaymentsReturnCopiesThatOthersThenBuy) {
    ClockReset reset;
    auto db = connect_db();
    const int64_t book = book_with(*db, 10, 1500);
    const int64_t sale = create_sale(*db, book, spec(2, 500));
    auto customers = make_customers(*db, 4);
    Customer& a = customers[0];
    Customer& b = customers[1];
    Customer& c = customers[2];
    Customer& d = customers[3];
    const auto a_buy = buy(a, sale);
    const auto b_buy = buy(b, sale);
    ASSERT_EQ(a_buy.status, 303);
    ASSERT_EQ(b_buy.status, 303);
    EXPECT_EQ(buy(c, sale).status, 409) << "sold out while both copies are held";
    EXPECT_EQ(claims_of(*db, c.buyer.id), 0);

    // A's card is declined: the copy goes back to the sale, A's order is cancelled, and A may try again.
    const auto failed = pay(*a.client, payment_ref(a_buy), kCardDeclined);
    EXPECT_EQ(failed.status, 303);
    EXPECT_EQ(failed.header("location"), sale_path(sale)) << "back to the sale, to try again";
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM orders WHERE user_id = ? AND status = 'cancelled'", a.buyer.id), 1);
    EXPECT_EQ(units_left(*db, sale), 1);
    const auto again = buy_when_back(a, sale);
    ASSERT_EQ(again.status, 303) << again.body;
    EXPECT_EQ(units_left(*db, sale), 0);
    const auto paid = pay(*a.client, payment_ref(again), kCardSuccess);
    EXPECT_EQ(order_status(*db, order_number_from(paid)), "paid");
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM flash_sale_claims WHERE user_id = ? AND status = 'paid'", a.buyer.id), 1);

    // B never pays: after the flash reservation (5 minutes) the sweep returns the copy; C buys it.
    set_clock_offset(4 * 60);
    ASSERT_EQ(run_sweep().status, 0);
    EXPECT_EQ(units_left(*db, sale), 0) << "not yet";
    set_clock_offset(6 * 60);
    const auto sweep = run_sweep();
    ASSERT_EQ(sweep.status, 0) << sweep.output;
    EXPECT_EQ(units_left(*db, sale), 1);
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM orders WHERE user_id = ? AND status = 'cancelled'", b.buyer.id), 1);
    const auto c_buy = buy_when_back(c, sale);
    ASSERT_EQ(c_buy.status, 303) << c_buy.body;
    EXPECT_EQ(units_left(*db, sale), 0);
    EXPECT_EQ(buy(d, sale).status, 409);
    expect_invariants(*db, sale);
    EXPECT_EQ(book_sell_count(*db, book), 1);
    EXPECT_EQ(book_stock(*db, book), 8) << "the book's stock never saw the sale's copies come and go";

    // B's payment arriving after the copy went to C is refunded, never filled from the book's stock.
    const auto late = pay(*b.client, payment_ref(b_buy), kCardSuccess);
    EXPECT_EQ(late.status, 303);
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM payments p JOIN orders o ON o.id = p.order_id"
                          " WHERE o.user_id = ? AND p.status = 'refund_due'", b.buyer.id), 1);
    EXPECT_EQ(book_stock(*db, book), 8);
    expect_invariants(*db, sale);
}

TEST(FlashSale, BeforeTheStartAndAfterTheEndNothingIsWritten) {
    auto db = connect_db();
    const int64_t book = book_with(*db, 20, 1500);
    const int64_t early = create_sale(*db, book, spec(5, 300, 1, 3600));
    const int64_t over = create_sale(*db, book, spec(5, 300, 1, -7200, -3600));
    auto customers = make_customers(*db, 1);
    auto& c = customers[0];
    const int64_t orders_before = scalar(*db, "SELECT COUNT(*) FROM orders WHERE id > ?", 0);

    const auto page = c.client->get(sale_path(early));
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("data-countdown=\""), std::string::npos) << "the server renders the countdown";
    EXPECT_NE(page.body.find("Opens in"), std::string::npos);
    EXPECT_NE(page.body.find("countdown.js"), std::string::npos);
    const auto not_yet = buy(c, early);
    EXPECT_EQ(not_yet.status, 409);
    EXPECT_NE(not_yet.body.find("Not open yet"), std::string::npos);
    const auto ended = buy(c, over);
    EXPECT_EQ(ended.status, 410);
    EXPECT_NE(ended.body.find("This sale is over"), std::string::npos);

    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM orders WHERE id > ?", 0), orders_before) << "no order";
    EXPECT_EQ(claims_of(*db, c.buyer.id), 0);
    EXPECT_EQ(units_left(*db, early), 5);

    // The sweep closes the ended sale: its copies go back to the book. (The stack's own mailer runs
    // the same sweep on its schedule and may have closed it already: either way it closes once.)
    ASSERT_EQ(run_sweep().status, 0);
    EXPECT_EQ(units_left(*db, over), 0);
    EXPECT_EQ(book_stock(*db, book), 20 - 5) << "only the upcoming sale's copies are away from the book";
    EXPECT_EQ(scalar(*db, "SELECT units_returned FROM flash_sales WHERE id = ?", over), 5);
    EXPECT_EQ(units_left(*db, early), 5) << "the upcoming sale keeps its copies";
    expect_invariants(*db, over);
}

TEST(FlashSale, ABurstFromOneSessionMeetsTheRateLimit) {
    auto db = connect_db();
    const int64_t book = book_with(*db, 100, 1500);
    const int64_t sale = create_sale(*db, book, spec(50, 299));
    Customer c;
    c.buyer = create_buyer(*db);
    const std::string session = log_in_as(*c.client, *db, c.buyer.id);
    open_page(c, sale);
    constexpr int kBurst = 60;
    std::vector<std::unique_ptr<HttpClient>> clients;
    for (int i = 0; i < kBurst; ++i) {
        clients.push_back(std::make_unique<HttpClient>());
        clients.back()->set_cookie("bf_session", session);
    }
    std::atomic<int> limited{0}, friendly{0}, server_errors{0}, bought{0};
    Barrier start(kBurst);
    std::vector<std::thread> threads;
    for (auto& client : clients)
        threads.emplace_back([&, &client = client] {
            start.arrive_and_wait();
            const auto r = press_buy(*client, sale, c.csrf, c.key);
            if (r.status >= 500) ++server_errors;
            if (r.status == 303) ++bought;
            if (r.status == 429) {
                ++limited;
                // Ours, in the site's layout (header with search and links, footer), not a bare page.
                if (r.body.find("Too many attempts") != std::string::npos &&
                    r.body.find("class=\"site-header\"") != std::string::npos &&
                    r.body.find("class=\"site-footer\"") != std::string::npos)
                    ++friendly;
            }
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(server_errors.load(), 0);
    EXPECT_GE(limited.load(), kBurst - 20) << "nginx lets a burst of 10 through, then 5 a second";
    EXPECT_EQ(friendly.load(), limited.load()) << "every 429 is our page";
    EXPECT_GE(bought.load(), 1) << "the same form: every answer that got through is the one order";
    EXPECT_EQ(claims_of(*db, c.buyer.id), 1);
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM orders WHERE user_id = ?", c.buyer.id), 1);
}

TEST(FlashSale, AuthorsAndAdminsManageSalesWithLiveCounts) {
    auto db = connect_db();
    // An author with a book of their own, and another author's book.
    auto people = make_customers(*db, 3);
    auto& author = people[0];
    auto& admin = people[1];
    auto& reader = people[2];
    db->exec("UPDATE users SET role = 'author' WHERE id = ?", author.buyer.id);
    db->exec("UPDATE users SET role = 'admin' WHERE id = ?", admin.buyer.id);
    const int64_t own = book_with(*db, 30, 2000, "My Own Flash Book");
    db->exec("UPDATE books SET author_id = ? WHERE id = ?", author.buyer.id, own);
    const int64_t other = book_with(*db, 30, 2000);

    const auto page = author.client->get("/dashboard/sales");
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("My Own Flash Book"), std::string::npos);
    const std::vector<std::pair<std::string, std::string>> form{
        {"book_id", std::to_string(own)}, {"price", "5.00"}, {"quantity", "10"}, {"per_customer_limit", "1"},
        {"start_at", "2020-01-01T00:00"}, {"end_at", ""}};
    auto bad = form;
    bad[1].second = "25.00";
    EXPECT_EQ(author.client->submit("/dashboard/sales", "/dashboard/sales", bad).status, 422) << "not below the usual price";
    auto foreign = form;
    foreign[0].second = std::to_string(other);
    EXPECT_EQ(author.client->submit("/dashboard/sales", "/dashboard/sales", foreign).status, 403);
    ASSERT_EQ(author.client->submit("/dashboard/sales", "/dashboard/sales", form).status, 303);
    const int64_t sale = scalar(*db, "SELECT MAX(id) FROM flash_sales WHERE book_id = ?", own);
    EXPECT_EQ(book_stock(*db, own), 20) << "the copies are set aside";

    // A reader buys one; the home page and the sale's page show the sale.
    ASSERT_EQ(buy(reader, sale).status, 303);
    const auto home = reader.client->get("/");
    EXPECT_NE(home.body.find("Flash sales"), std::string::npos);
    EXPECT_NE(home.body.find(sale_path(sale)), std::string::npos);
    const auto sale_page = HttpClient().get(sale_path(sale));
    EXPECT_NE(sale_page.body.find("$5.00"), std::string::npos);
    EXPECT_NE(sale_page.body.find("$20.00"), std::string::npos) << "beside the regular price";
    EXPECT_NE(sale_page.body.find("Log in to buy"), std::string::npos);

    // Live counts: 0 sold, 1 reserved, 9 left.
    const auto counts = admin.client->get("/admin/sales");
    EXPECT_EQ(counts.status, 200);
    EXPECT_NE(counts.body.find("data-count=\"reserved\">1<"), std::string::npos) << counts.body;
    EXPECT_NE(counts.body.find("data-count=\"left\">9<"), std::string::npos);
    EXPECT_EQ(reader.client->get("/admin/sales").status, 403);

    // The admin pauses (audited), a buy is refused, the admin cancels: the 9 left return to the book.
    const auto audit_before = db->query_one("SELECT COUNT(*) FROM audit_log")->i64(0);
    ASSERT_EQ(admin.client->submit("/admin/sales", "/admin/sales/" + std::to_string(sale), {{"action", "pause"}}).status, 303);
    EXPECT_EQ(buy(people[1], sale).status, 409);
    const auto ask = admin.client->submit("/admin/sales", "/admin/sales/" + std::to_string(sale), {{"action", "cancel"}});
    EXPECT_EQ(ask.status, 200) << "the first press asks again";
    EXPECT_NE(ask.body.find("Yes, cancel the sale"), std::string::npos);
    EXPECT_EQ(db->query_one("SELECT status FROM flash_sales WHERE id = ?", sale)->str(0), "paused") << "nothing changed yet";
    ASSERT_EQ(admin.client->submit("/admin/sales", "/admin/sales/" + std::to_string(sale), {{"action", "cancel"}, {"confirm", "1"}})
                  .status,
              303);
    EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM audit_log")->i64(0), audit_before + 2);
    EXPECT_EQ(book_stock(*db, own), 29);
    EXPECT_EQ(buy(people[1], sale).status, 410);
    // Another author may not touch it.
    auto stranger = make_customers(*db, 1);
    db->exec("UPDATE users SET role = 'author' WHERE id = ?", stranger[0].buyer.id);
    EXPECT_EQ(stranger[0].client->submit("/dashboard/sales", "/dashboard/sales/" + std::to_string(sale), {{"action", "pause"}}).status, 403);
    expect_invariants(*db, sale);
}

// A book leaving the catalogue takes its sales with it: back to a draft pauses them (the copies wait
// in the sale, and it cannot be resumed until the book is published again), archiving ends them (the
// copies go back to the book). The author is told which; readers can neither see nor buy.
TEST(FlashSale, UnpublishingPausesTheBooksSalesAndArchivingEndsThem) {
    auto db = connect_db();
    auto people = make_customers(*db, 2);
    auto& author = people[0];
    auto& reader = people[1];
    db->exec("UPDATE users SET role = 'author' WHERE id = ?", author.buyer.id);
    const int64_t book = book_with(*db, 30, 2000, "A Book Withdrawn Mid-Sale");
    db->exec("UPDATE books SET author_id = ? WHERE id = ?", author.buyer.id, book);
    // The home page lists the six running sales that started first; earlier tests leave theirs
    // running, so this one starts before all of them to be among the six.
    const int64_t sale = create_sale(*db, book, spec(10, 500, 1, -10LL * 365 * 86400));
    ASSERT_NE(reader.client->get("/").body.find(sale_path(sale)), std::string::npos) << "advertised while published";
    const std::string status_path = "/dashboard/books/" + std::to_string(book) + "/status";

    ASSERT_EQ(author.client->submit("/dashboard/books", status_path, {{"action", "unpublish"}}).status, 303);
    EXPECT_NE(author.client->get("/dashboard/books").body.find("Its flash sale is paused"), std::string::npos)
        << "the author is told what happened to the sale";
    EXPECT_EQ(db->query_one("SELECT status FROM flash_sales WHERE id = ?", sale)->str(0), "paused");
    EXPECT_EQ(units_left(*db, sale), 10) << "the copies stay with the paused sale";
    EXPECT_EQ(reader.client->get("/").body.find(sale_path(sale)), std::string::npos) << "no longer advertised";
    EXPECT_EQ(reader.client->get(sale_path(sale)).status, 404);
    const std::string csrf = csrf_from(reader.client->get("/account").body);
    ASSERT_FALSE(csrf.empty());
    EXPECT_EQ(press_buy(*reader.client, sale, csrf, bf::crypto::random_token(16)).status, 409) << "not sold";
    EXPECT_EQ(live_claims(*db, sale), 0);
    const auto manage = author.client->get("/dashboard/sales");
    EXPECT_NE(manage.body.find("The book is not published"), std::string::npos);
    EXPECT_EQ(author.client->submit("/dashboard/sales", "/dashboard/sales/" + std::to_string(sale), {{"action", "resume"}}).status,
              409) << "a sale of a draft cannot be resumed";

    // Published again, the author resumes it; then archived, it ends and the copies return.
    ASSERT_EQ(author.client->submit("/dashboard/books", status_path, {{"action", "publish"}}).status, 303);
    ASSERT_EQ(author.client->submit("/dashboard/sales", "/dashboard/sales/" + std::to_string(sale), {{"action", "resume"}}).status, 303);
    EXPECT_EQ(reader.client->get(sale_path(sale)).status, 200);
    ASSERT_EQ(author.client->submit("/dashboard/books", status_path, {{"action", "archive"}}).status, 303);
    EXPECT_NE(author.client->get("/dashboard/books").body.find("Its flash sale has ended"), std::string::npos);
    EXPECT_EQ(db->query_one("SELECT status FROM flash_sales WHERE id = ?", sale)->str(0), "ended");
    EXPECT_EQ(book_stock(*db, book), 30) << "the copies left went back to the book";
    expect_invariants(*db, sale);
}

// The sale page says what one copy costs in all (sale price, standard shipping, tax) and the buy asks
// exactly that; the book's own page points to its running sale.
TEST(FlashSale, TheSalePageStatesShippingAndTheBookPageMentionsTheSale) {
    auto db = connect_db();
    auto people = make_customers(*db, 1);
    auto& reader = people[0];
    const int64_t book = book_with(*db, 20, 2000, "A Book With A Flash Sale");
    const int64_t sale = create_sale(*db, book, spec(5, 499));
    const std::string slug = db->query_one("SELECT slug FROM books WHERE id = ?", book)->str(0);

    const auto page = reader.client->get(sale_path(sale));
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("$4.99 standard shipping"), std::string::npos) << "below the free-shipping threshold";
    EXPECT_NE(page.body.find("<strong>$9.98</strong> to pay"), std::string::npos);
    EXPECT_NE(page.body.find("Buy now for $9.98"), std::string::npos);
    const auto bought = buy(reader, sale);
    ASSERT_EQ(bought.status, 303);
    const auto pay = reader.client->get(bought.header("location"));
    EXPECT_NE(pay.body.find("Pay $9.98"), std::string::npos) << "the buyer pays what the sale page said";

    const auto book_page = HttpClient().get("/books/" + slug);
    ASSERT_EQ(book_page.status, 200);
    EXPECT_NE(book_page.body.find("href=\"" + sale_path(sale) + "\""), std::string::npos) << "the book page links its sale";
    EXPECT_NE(book_page.body.find("On now: $4.99 instead of $20.00"), std::string::npos);
}

// #12.6: free accounts in numbers cannot hoard: a flash-sale buy and an unpaid order (checkout) need
// a confirmed email address. The pages say so and offer the link again, which leads back.
TEST(FlashSale, BuyingNeedsAConfirmedEmailAddress) {
    auto db = connect_db();
    const int64_t book = book_with(*db, 20);
    const int64_t sale = create_sale(*db, book, spec(3, 299));
    auto customers = make_customers(*db, 1);
    Customer& c = customers[0];
    db->exec("UPDATE users SET email_verified_at = NULL WHERE id = ?", c.buyer.id);

    const auto page = c.client->get(sale_path(sale));
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Confirm your email address to buy"), std::string::npos);
    EXPECT_NE(page.body.find("action=\"/account/verification\""), std::string::npos) << "a clear way to confirm";
    EXPECT_EQ(page.body.find("action=\"" + sale_path(sale) + "/buy\""), std::string::npos) << "no buy form";
    const auto refused = press_buy(*c.client, sale, csrf_from(page.body), bf::crypto::random_token(16));
    EXPECT_EQ(refused.status, 403);
    EXPECT_NE(refused.body.find("confirm your email address"), std::string::npos);
    EXPECT_EQ(units_left(*db, sale), 3);
    EXPECT_EQ(claims_of(*db, c.buyer.id), 0);

    ASSERT_EQ(add_to_cart(*c.client, book, 1).status, 303);
    EXPECT_NE(c.client->get("/checkout").body.find("Confirm your email address to place orders"), std::string::npos);
    EXPECT_EQ(checkout(*c.client).status, 403) << "an unpaid order holds stock too";
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM orders WHERE user_id = ?", c.buyer.id), 0);

    const auto resend = c.client->post_form("/account/verification", {{"_csrf", csrf_from(page.body)}, {"next", sale_path(sale)}});
    EXPECT_EQ(resend.status, 303);
    EXPECT_EQ(resend.header("location"), sale_path(sale)) << "back to the sale";
    EXPECT_EQ(confirm_email(*c.client, c.buyer.email), 303);
    EXPECT_EQ(buy(c, sale).status, 303) << "confirmed, the buy goes through";
    EXPECT_EQ(units_left(*db, sale), 2);
}
