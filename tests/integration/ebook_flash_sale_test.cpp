// Flash sales of a digital edition (issue #19): the units are licences. Many readers race through nginx
// for fewer licences than there are readers (each pressing twice at once), then pay; the invariants are
// checked in the database: licences sold = units, one per customer, nothing taken from the book's stock,
// no address and no shipping on the orders. The end-to-end path: an author makes the sale on the
// dashboard, a reader buys without an address, pays, and finds the book in /library and downloads it;
// the unpaid-claim lifecycle (a declined card, an expired hold, the sale's end) returns licences to the
// sale and never to the book's stock.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "core/clock.h"
#include "core/crypto.h"
#include "ebook_fixtures.h"
#include "store/flash_sales.h"

using namespace bf::test;

namespace {

struct ClockReset {
    ~ClockReset() { set_clock_offset(0); }
};

int64_t scalar(bf::db::Connection& db, const std::string& sql, int64_t arg) { return db.query_one(sql, arg)->i64(0); }

// An ebook sale made by the store as the dashboard makes it (by the book's author).
int64_t create_ebook_sale(bf::db::Connection& db, int64_t book, int quantity, bf::Cents price,
                          std::optional<long long> ends_in_seconds = std::nullopt) {
    bf::store::FlashSaleInput in;
    in.book_id = book;
    in.digital = true;
    in.price = price;
    in.quantity = quantity;
    in.start = stack_now().plus_seconds(-60);
    if (ends_in_seconds) in.end = stack_now().plus_seconds(*ends_in_seconds);
    const int64_t author = scalar(db, "SELECT author_id FROM books WHERE id = ?", book);
    return bf::store::FlashSales(db).create(in, {author, false}, stack_now());
}

std::string sale_path(int64_t sale) { return "/sales/" + std::to_string(sale); }

// The ebook sale's form: no address fields at all.
HttpResponse press_buy(HttpClient& client, int64_t sale, const std::string& csrf, const std::string& key) {
    return client.post_form(sale_path(sale) + "/buy", {{"_csrf", csrf}, {"idempotency_key", key}});
}

HttpResponse buy(HttpClient& client, int64_t sale) {
    const auto page = client.get(sale_path(sale));
    std::string key = idempotency_key_from(page.body);
    if (key.empty()) key = bf::crypto::random_token(16);
    return press_buy(client, sale, csrf_from(page.body), key);
}

// quantity = left + live claims + returned, nobody above one, each live claim an order of one ebook at
// the sale's price with no address and no shipping, and the book's stock untouched.
void expect_invariants(bf::db::Connection& db, int64_t sale, int64_t book, int stock_before) {
    const auto s = db.query_one("SELECT quantity, units_left, units_returned FROM flash_sales WHERE id = ?", sale);
    const int64_t live = scalar(db, "SELECT COUNT(*) FROM flash_sale_claims WHERE sale_id = ? AND status <> 'released'", sale);
    EXPECT_EQ(s->i64(0), s->i64(1) + live + s->i64(2)) << "quantity = left + live claims + returned";
    EXPECT_EQ(scalar(db, "SELECT COUNT(*) FROM (SELECT user_id FROM flash_sale_claims WHERE sale_id = ?"
                         " AND status <> 'released' GROUP BY user_id HAVING COUNT(*) > 1) x", sale), 0)
        << "one per customer";
    EXPECT_EQ(scalar(db, "SELECT COUNT(*) FROM flash_sale_claims c JOIN orders o ON o.id = c.order_id"
                         " JOIN order_items i ON i.order_id = o.id JOIN flash_sales s ON s.id = c.sale_id"
                         " WHERE c.sale_id = ? AND c.status <> 'released' AND i.quantity = 1 AND i.edition = 'digital'"
                         " AND i.unit_price_cents = s.price_cents AND o.shipping_cents = 0 AND o.ship_line1 = ''"
                         " AND o.status IN ('pending_payment','paid')", sale), live)
        << "every live claim is an order of one ebook, no address, no shipping";
    EXPECT_EQ(book_stock(db, book), stock_before) << "a licence never touches the printed stock";
}

}  // namespace

TEST(EbookFlashSale, ReadersRaceForLicencesAndEachWinnerGetsOneInTheLibrary) {
    auto db = connect_db();
    const Ebook e = create_ebook(*db, 900);
    const int stock = book_stock(*db, e.book_id);
    constexpr int kLicences = 40, kReaders = 120;
    const int64_t sale = create_ebook_sale(*db, e.book_id, kLicences, 199);
    EXPECT_EQ(book_stock(*db, e.book_id), stock) << "making an ebook sale takes no stock";

    struct Reader {
        HttpClient client, second_tab;
        Buyer buyer;
        std::string csrf, key;
    };
    std::vector<std::unique_ptr<Reader>> readers;
    for (int i = 0; i < kReaders; ++i) {
        auto r = std::make_unique<Reader>();
        r->buyer = create_buyer(*db, "Licence Racer");
        const std::string session = log_in_as(r->client, *db, r->buyer.id);
        r->second_tab.set_cookie("bf_session", session);
        const auto page = r->client.get(sale_path(sale));
        ASSERT_EQ(page.body.find("name=\"line1\""), std::string::npos) << "an ebook sale asks for no address";
        r->csrf = csrf_from(page.body);
        r->key = idempotency_key_from(page.body);
        ASSERT_FALSE(r->key.empty());
        readers.push_back(std::move(r));
    }
    // Every reader presses twice at once: a double click (same key) for half, two tabs (two keys) for the rest.
    std::atomic<int> to_payment{0}, sold_out{0}, sold_out_in_copies{0}, limit{0}, server_errors{0}, other{0};
    Barrier start(2 * kReaders);
    std::vector<std::thread> threads;
    for (int i = 0; i < kReaders; ++i)
        for (int tab = 0; tab < 2; ++tab)
            threads.emplace_back([&, i, tab] {
                Reader& r = *readers[i];
                const std::string key = (tab == 1 && i % 2) ? bf::crypto::random_token(16) : r.key;
                start.arrive_and_wait();
                const auto res = press_buy(tab ? r.second_tab : r.client, sale, r.csrf, key);
                if (res.status >= 500) ++server_errors;
                else if (res.status == 303 && res.header("location").rfind("/pay/", 0) == 0) ++to_payment;
                else if (res.status == 409 && res.body.find("Sold out") != std::string::npos) {
                    ++sold_out;
                    // An ebook's sale counts licences: its sold-out page speaks of no printed copies.
                    if (res.body.find("ebook licence") == std::string::npos || res.body.find("Every copy") != std::string::npos)
                        ++sold_out_in_copies;
                } else if (res.status == 409 && res.body.find("You already have yours") != std::string::npos) ++limit;
                else ++other;
            });
    for (auto& t : threads) t.join();
    EXPECT_EQ(server_errors.load(), 0);
    EXPECT_EQ(other.load(), 0);
    EXPECT_GT(sold_out.load(), 0) << "more readers than licences";
    EXPECT_EQ(sold_out_in_copies.load(), 0) << "of " << sold_out.load() << " sold-out answers";
    EXPECT_EQ(scalar(*db, "SELECT units_left FROM flash_sales WHERE id = ?", sale), 0);
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM flash_sale_claims WHERE sale_id = ? AND status = 'held'", sale), kLicences);
    EXPECT_EQ(scalar(*db, "SELECT COUNT(DISTINCT user_id) FROM flash_sale_claims WHERE sale_id = ?", sale), kLicences);
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM order_items WHERE book_id = ?", e.book_id), kLicences)
        << "exactly one order per licence";
    EXPECT_GE(to_payment.load(), kLicences) << "a double click lands on the same order";
    expect_invariants(*db, sale, e.book_id, stock);

    // The winners pay; each then holds one licence, and the library lists the book.
    std::vector<Reader*> winners;
    for (auto& r : readers)
        if (db->query_one("SELECT 1 FROM flash_sale_claims WHERE sale_id = ? AND user_id = ?", sale, r->buyer.id))
            winners.push_back(r.get());
    ASSERT_EQ(static_cast<int>(winners.size()), kLicences);
    for (Reader* w : winners) {
        const auto ref = db->query_one("SELECT p.provider_ref FROM flash_sale_claims c JOIN payments p ON p.order_id = c.order_id"
                                       " WHERE c.sale_id = ? AND c.user_id = ?", sale, w->buyer.id)->str(0);
        const auto paid = pay(w->client, ref, kCardSuccess);
        EXPECT_EQ(paid.status, 303);
    }
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM ebook_licences WHERE book_id = ? AND revoked_at IS NULL", e.book_id), kLicences)
        << "licences sold = units";
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM (SELECT user_id FROM ebook_licences WHERE book_id = ? GROUP BY user_id"
                          " HAVING COUNT(*) > 1) x", e.book_id), 0) << "one licence per customer";
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM flash_sale_claims WHERE sale_id = ? AND status = 'paid'", sale), kLicences);
    EXPECT_EQ(book_sell_count(*db, e.book_id), kLicences);
    expect_invariants(*db, sale, e.book_id, stock);
    const auto library = winners.front()->client.get("/library");
    EXPECT_NE(library.body.find("/library/files/" + std::to_string(e.epub_file)), std::string::npos);
}

TEST(EbookFlashSale, AnAuthorSellsTheEbookAndTheReaderDownloadsItFromTheLibrary) {
    ClockReset reset;
    auto db = connect_db();
    const int64_t author_id = create_author(*db, "Flash Ebook Author");
    HttpClient author;
    log_in_as(author, *db, author_id);
    const Ebook e = create_ebook(*db, 800, true, author_id);
    const Ebook no_file = create_ebook(*db, 800, false, author_id);
    const int stock = book_stock(*db, e.book_id);

    // The dashboard's form: an ebook sale needs a file, a price below the ebook's, and no stock.
    const auto manage = author.get("/dashboard/sales");
    ASSERT_EQ(manage.status, 200);
    EXPECT_NE(manage.body.find("name=\"edition\""), std::string::npos);
    std::vector<std::pair<std::string, std::string>> form{
        {"book_id", std::to_string(e.book_id)}, {"edition", "digital"}, {"price", "2.00"}, {"quantity", "500"},
        {"per_customer_limit", "1"}, {"start_at", "2020-01-01T00:00"}, {"end_at", ""}};
    auto too_dear = form;
    too_dear[2].second = "8.00";
    const auto dear = author.submit("/dashboard/sales", "/dashboard/sales", too_dear);
    EXPECT_EQ(dear.status, 422);
    EXPECT_NE(dear.body.find("below the usual $8.00"), std::string::npos) << "the ebook's price, not the book's";
    auto fileless = form;
    fileless[0].second = std::to_string(no_file.book_id);
    const auto missing = author.submit("/dashboard/sales", "/dashboard/sales", fileless);
    EXPECT_EQ(missing.status, 422);
    EXPECT_NE(missing.body.find("Upload the ebook"), std::string::npos);
    ASSERT_EQ(author.submit("/dashboard/sales", "/dashboard/sales", form).status, 303)
        << "500 licences of a book with fewer copies in stock";
    const int64_t sale = scalar(*db, "SELECT MAX(id) FROM flash_sales WHERE book_id = ?", e.book_id);
    EXPECT_EQ(db->query_one("SELECT edition FROM flash_sales WHERE id = ?", sale)->str(0), "digital");
    EXPECT_EQ(book_stock(*db, e.book_id), stock);
    EXPECT_NE(author.get("/dashboard/sales").body.find("badge--ebook"), std::string::npos);

    // The sale's page says it is the ebook, and asks for no address.
    HttpClient reader;
    const Buyer buyer = create_buyer(*db, "Flash Library Reader");
    log_in_as(reader, *db, buyer.id);
    const auto page = reader.get(sale_path(sale));
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("(ebook)"), std::string::npos);
    EXPECT_NE(page.body.find("nothing is shipped"), std::string::npos);
    EXPECT_NE(page.body.find("500 ebooks left"), std::string::npos);
    EXPECT_NE(page.body.find("Nothing to ship: <strong>$2.00</strong> to pay"), std::string::npos);
    EXPECT_NE(page.body.find("while ebooks last"), std::string::npos);
    EXPECT_NE(page.body.find("Buy the ebook for $2.00"), std::string::npos) << "no shipping on the price";
    EXPECT_EQ(page.body.find("standard shipping"), std::string::npos);
    EXPECT_EQ(page.body.find("name=\"line1\""), std::string::npos);
    EXPECT_NE(reader.get("/").body.find("badge--ebook"), std::string::npos) << "the home page's card says so too";

    // Buy (a double click lands on one order), pay, and the book is in the library to download.
    const std::string csrf = csrf_from(page.body), key = idempotency_key_from(page.body);
    const auto bought = press_buy(reader, sale, csrf, key);
    ASSERT_EQ(bought.status, 303) << bought.body.substr(0, 2000);
    EXPECT_EQ(press_buy(reader, sale, csrf, key).header("location"), bought.header("location"));
    const std::string number = order_number_from(pay(reader, payment_ref(bought), kCardSuccess));
    ASSERT_FALSE(number.empty());
    EXPECT_EQ(order_status(*db, number), "paid");
    const auto order = db->query_one("SELECT shipping_cents, total_cents, ship_line1 FROM orders WHERE number = ?", number);
    EXPECT_EQ(order->i64(0), 0);
    EXPECT_EQ(order->i64(1), 200);
    EXPECT_EQ(order->str(2), "");
    const auto library = reader.get("/library");
    EXPECT_NE(library.body.find(number), std::string::npos);
    const auto pdf = download(reader, e.pdf_file);
    EXPECT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.body, e.pdf);
    // The sale's own buyer has their one; a reader who bought the ebook at full price is not sold it again.
    const auto again = buy(reader, sale);
    EXPECT_EQ(again.status, 409);
    EXPECT_NE(again.body.find("You already have yours"), std::string::npos);
    HttpClient owner;
    log_in_as(owner, *db, create_buyer(*db, "Full Price Reader").id);
    ASSERT_EQ(add_ebook_to_cart(owner, e.book_id).status, 303);
    ASSERT_FALSE(buy_cart_of_ebooks(owner).empty());
    const auto owner_page = owner.get(sale_path(sale));
    EXPECT_NE(owner_page.body.find("in your library already"), std::string::npos);
    EXPECT_EQ(owner_page.body.find("Buy the ebook"), std::string::npos);
    const auto owned = press_buy(owner, sale, csrf_from(owner_page.body), bf::crypto::random_token(16));
    EXPECT_EQ(owned.status, 409);
    EXPECT_NE(owned.body.find("Already in your library"), std::string::npos);
    // Nor can a print sale be made of an ebook-only book.
    db->exec("UPDATE books SET print_edition = 0, stock = 0 WHERE id = ?", no_file.book_id);
    auto print_of_ebook = form;
    print_of_ebook[0].second = std::to_string(no_file.book_id);
    print_of_ebook[1].second = "print";
    EXPECT_EQ(author.submit("/dashboard/sales", "/dashboard/sales", print_of_ebook).status, 422);

    // Unpaid claims: a declined card and an expired hold give the licence back to the sale.
    const int64_t left = scalar(*db, "SELECT units_left FROM flash_sales WHERE id = ?", sale);
    HttpClient declined, idle;
    log_in_as(declined, *db, create_buyer(*db).id);
    log_in_as(idle, *db, create_buyer(*db).id);
    const auto d = buy(declined, sale);
    ASSERT_EQ(d.status, 303);
    EXPECT_EQ(pay(declined, payment_ref(d), kCardDeclined).header("location"), sale_path(sale));
    EXPECT_EQ(scalar(*db, "SELECT units_left FROM flash_sales WHERE id = ?", sale), left);
    ASSERT_EQ(buy(idle, sale).status, 303);
    EXPECT_EQ(scalar(*db, "SELECT units_left FROM flash_sales WHERE id = ?", sale), left - 1);
    set_clock_offset(6 * 60);
    ASSERT_EQ(run_sweep().status, 0);
    EXPECT_EQ(scalar(*db, "SELECT units_left FROM flash_sales WHERE id = ?", sale), left);
    expect_invariants(*db, sale, e.book_id, stock);

    // The author cancels the sale: the licences left end, the book's stock is as it was.
    const auto cancelled = author.submit("/dashboard/sales", "/dashboard/sales/" + std::to_string(sale),
                                         {{"action", "cancel"}, {"confirm", "1"}});
    EXPECT_EQ(cancelled.status, 303);
    EXPECT_EQ(db->query_one("SELECT status FROM flash_sales WHERE id = ?", sale)->str(0), "cancelled");
    EXPECT_EQ(scalar(*db, "SELECT units_returned FROM flash_sales WHERE id = ?", sale), left);
    expect_invariants(*db, sale, e.book_id, stock);
}
