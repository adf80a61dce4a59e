#include "buying_fixtures.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <random>
#include <regex>

#include "core/clock.h"
#include "core/crypto.h"

namespace bf::test {
namespace {

std::atomic<int> g_counter{0};
std::string unique(const std::string& prefix) {
    static const unsigned salt = std::random_device{}();
    return prefix + "-" + std::to_string(salt) + "-" + std::to_string(++g_counter);
}

Time db_now() { return SystemClock().now(); }

int64_t shared_author(db::Connection& db) {
    static std::mutex m;
    static int64_t id = 0;
    std::lock_guard lock(m);
    if (!id) id = create_author(db);
    return id;
}

int64_t shared_category(db::Connection& db) {
    static std::mutex m;
    static int64_t id = 0;
    std::lock_guard lock(m);
    if (!id) id = create_category(db);
    return id;
}

const std::string& buyer_hash() {
    static const std::string hash = crypto::hash_password(kBuyerPassword);
    return hash;
}

}  // namespace

int64_t create_author(db::Connection& db, const std::string& name) {
    db.exec("INSERT INTO users (email, display_name, password_hash, role, email_verified_at, created_at, updated_at)"
            " VALUES (?, ?, 'x', 'author', ?, ?, ?)",
            unique("author") + "@example.com", name, db_now(), db_now(), db_now());
    return static_cast<int64_t>(db.last_insert_id());
}

int64_t create_category(db::Connection& db, std::optional<int64_t> parent) {
    const std::string slug = unique("cat");
    db.exec("INSERT INTO categories (parent_id, slug, name) VALUES (?, ?, ?)", parent, slug, "Category " + slug);
    const auto id = static_cast<int64_t>(db.last_insert_id());
    db.exec("INSERT INTO category_closure (ancestor_id, descendant_id, depth) VALUES (?, ?, 0)", id, id);
    if (parent)
        db.exec("INSERT INTO category_closure (ancestor_id, descendant_id, depth)"
                " SELECT ancestor_id, ?, depth + 1 FROM category_closure WHERE descendant_id = ?",
                id, *parent);
    return id;
}

int64_t create_book(db::Connection& db, const BookSpec& spec) {
    const std::string slug = unique("book");
    const std::string title = spec.title.empty() ? "Test Book " + slug : spec.title;
    static std::mutex m;
    static std::mt19937_64 rng{std::random_device{}()};
    std::string isbn;
    {
        std::lock_guard lock(m);
        isbn = "978" + std::to_string(1000000000 + rng() % 9000000000ULL);
    }
    db.exec("INSERT INTO books (slug, isbn13, title, description, author_id, category_id, price_cents, sale_price_cents,"
            " stock, allow_backorder, status, created_at, updated_at, published_at)"
            " VALUES (?, ?, ?, 'A book for the buying tests.', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            slug, isbn.substr(0, 13), title, spec.author_id ? *spec.author_id : shared_author(db), spec.category_id.value_or(shared_category(db)), spec.price,
            spec.sale_price, spec.stock, spec.backorder, spec.status, db_now(), db_now(), db_now());
    return static_cast<int64_t>(db.last_insert_id());
}

int book_stock(db::Connection& db, int64_t book_id) {
    return static_cast<int>(db.query_one("SELECT stock FROM books WHERE id = ?", book_id)->i64(0));
}

int64_t book_sell_count(db::Connection& db, int64_t book_id) {
    return db.query_one("SELECT sell_count FROM books WHERE id = ?", book_id)->i64(0);
}

Buyer create_buyer(db::Connection& db, const std::string& name) {
    Buyer b;
    b.email = unique("buyer") + "@example.com";
    db.exec("INSERT INTO users (email, display_name, password_hash, role, email_verified_at, created_at, updated_at)"
            " VALUES (?, ?, ?, 'customer', ?, ?, ?)",
            b.email, name, buyer_hash(), db_now(), db_now(), db_now());
    b.id = static_cast<int64_t>(db.last_insert_id());
    return b;
}

std::string log_in_as(HttpClient& client, db::Connection& db, int64_t user_id) {
    const std::string token = crypto::random_token();
    // Far from expiry, so tests that move the clock keep their buyers logged in.
    db.exec("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            db::Bytes{crypto::sha256(token)}, user_id, db_now(), db_now().plus_days(365), db_now().plus_days(365));
    client.set_cookie("bf_session", token);
    return token;
}

HttpResponse add_to_cart(HttpClient& client, int64_t book_id, int quantity) {
    const std::string csrf = csrf_from(client.get("/cart").body);
    std::vector<std::pair<std::string, std::string>> fields{{"book_id", std::to_string(book_id)},
                                                            {"quantity", std::to_string(quantity)}};
    if (csrf.empty()) client.add_header("Origin: " + base_url());  // a guest's first add, as a browser posts it
    else fields.emplace_back("_csrf", csrf);
    return client.post_form("/cart/items", fields);
}

std::string idempotency_key_from(const std::string& html) {
    static const std::regex re("name=\"idempotency_key\" value=\"([^\"]+)\"");
    std::smatch m;
    return std::regex_search(html, m, re) ? m[1].str() : "";
}

HttpResponse checkout(HttpClient& client, const std::vector<std::pair<std::string, std::string>>& extra,
                      const std::string& method) {
    const auto page = client.get("/checkout");
    std::vector<std::pair<std::string, std::string>> fields{
        {"_csrf", csrf_from(page.body)},
        {"idempotency_key", idempotency_key_from(page.body)},
        {"address_choice", "new"},
        {"full_name", "Ada Buyer"},
        {"line1", "1 Test Street"},
        {"city", "Springfield"},
        {"postal_code", "12345"},
        {"country", "US"},
        {"shipping_method", method},
    };
    for (const auto& f : extra) {
        bool replaced = false;
        for (auto& existing : fields)
            if (existing.first == f.first) existing.second = f.second, replaced = true;
        if (!replaced) fields.push_back(f);
    }
    return client.post_form("/checkout", fields);
}

std::string payment_ref(const HttpResponse& placed) {
    const std::string location = placed.header("location");
    return location.rfind("/pay/", 0) == 0 ? location.substr(5) : "";
}

HttpResponse submit_card(HttpClient& client, const std::string& ref, const std::string& card_number,
                         const std::string& expiry) {
    return client.submit("/pay/" + ref, "/pay/" + ref,
                         {{"card_name", "Ada Buyer"}, {"card_number", card_number}, {"card_expiry", expiry}, {"card_cvc", "123"}});
}

HttpResponse pay(HttpClient& client, const std::string& ref, const std::string& card_number) {
    const auto card = submit_card(client, ref, card_number);
    EXPECT_EQ(card.status, 303) << card.body;
    return client.get(card.header("location"));
}

std::string order_number_from(const HttpResponse& r) {
    const std::string location = r.header("location");
    return location.rfind("/orders/", 0) == 0 ? location.substr(8) : "";
}

std::string order_status(db::Connection& db, const std::string& number) {
    const auto row = db.query_one("SELECT status FROM orders WHERE number = ?", number);
    return row ? row->str(0) : "";
}

CommandResult run_sweep() {
    return run_command(std::string(BOOKFAIR_ADMIN_BINARY) + " --config " + std::getenv("BOOKFAIR_CONFIG") + " sweep 2>&1");
}

}  // namespace bf::test
