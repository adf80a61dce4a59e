// checkout_bench: many buyers at once placing and paying orders through nginx, beside a raw MariaDB
// baseline (the same hot-row updates issued straight from C++ connections), with the invariant check.
//
//   checkout_bench --config var/bookfair.conf --url http://127.0.0.1:8080 [--buyers 32] [--orders 20] [--books 4]
//
// Each order is the buyer's real path: add one book to the cart, POST /checkout (reserve), the payment
// page's card POST, and the signed callback (settle). Buyers are made directly in the database with
// sessions, so the figure measures buying rather than password hashing.
#include <curl/curl.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <random>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/config.h"
#include "core/crypto.h"
#include "core/text.h"
#include "db/connection.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    std::string config;
    std::string url = "http://127.0.0.1:8080";
    int buyers = 32;
    int orders = 20;
    int books = 4;
};

// One buyer's HTTP connection: keeps its session cookie, follows nothing.
class Http {
public:
    Http(std::string base, const std::string& session) : base_(std::move(base)), curl_(curl_easy_init()) {
        curl_easy_setopt(curl_, CURLOPT_COOKIE, ("bf_session=" + session).c_str());
        curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 60L);
        curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, +[](char* d, size_t s, size_t n, void* u) {
            static_cast<std::string*>(u)->append(d, s * n);
            return s * n;
        });
        curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &body);
    }
    ~Http() { curl_easy_cleanup(curl_); }
    Http(const Http&) = delete;
    Http& operator=(const Http&) = delete;

    long get(const std::string& path) { return perform(path, nullptr); }
    long post(const std::string& path, const std::string& form) { return perform(path, &form); }
    std::string location() const { return location_; }
    std::string body;

private:
    long perform(const std::string& path, const std::string* form) {
        body.clear();
        const std::string url = base_ + path;
        curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
        if (form) {
            curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, form->c_str());
        } else {
            curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);
        }
        if (curl_easy_perform(curl_) != CURLE_OK) return 0;
        long status = 0;
        char* redirect = nullptr;
        curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
        curl_easy_getinfo(curl_, CURLINFO_REDIRECT_URL, &redirect);
        location_ = redirect ? std::string(redirect).substr(base_.size()) : "";
        return status;
    }
    std::string base_;
    CURL* curl_;
    std::string location_;
};

std::string form(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& [k, v] : fields) out += (out.empty() ? "" : "&") + bf::url_encode(k) + "=" + bf::url_encode(v);
    return out;
}

std::string csrf_in(const std::string& html) {
    static const std::regex re("name=\"_csrf\" value=\"([^\"]+)\"");
    std::smatch m;
    return std::regex_search(html, m, re) ? m[1].str() : "";
}

struct Fixture {
    std::vector<int64_t> books;
    std::vector<std::string> sessions;
    int stock_per_book = 0;
};

// Books with enough stock for every order, and buyers with sessions.
Fixture prepare(bf::db::Connection& db, const Options& o, const std::string& tag, bf::Time now) {
    Fixture f;
    db.exec("INSERT INTO users (email, display_name, password_hash, role, created_at, updated_at)"
            " VALUES (?, 'Bench Author', 'x', 'author', ?, ?)",
            "bench-author-" + tag + "@example.com", now, now);
    const auto author = static_cast<int64_t>(db.last_insert_id());
    db.exec("INSERT INTO categories (slug, name) VALUES (?, 'Bench')", "bench-" + tag);
    const auto category = static_cast<int64_t>(db.last_insert_id());
    f.stock_per_book = o.buyers * o.orders;  // every order could pick the same book
    for (int i = 0; i < o.books; ++i) {
        db.exec("INSERT INTO books (slug, title, description, author_id, category_id, price_cents, stock, status,"
                " created_at, updated_at, published_at) VALUES (?, ?, 'bench', ?, ?, 1500, ?, 'published', ?, ?, ?)",
                "bench-" + tag + "-" + std::to_string(i), "Bench Book " + std::to_string(i), author, category,
                f.stock_per_book, now, now, now);
        f.books.push_back(static_cast<int64_t>(db.last_insert_id()));
    }
    for (int i = 0; i < o.buyers; ++i) {
        // Confirmed addresses: the shop takes orders only from those (#12).
        db.exec("INSERT INTO users (email, display_name, password_hash, role, email_verified_at, created_at, updated_at)"
                " VALUES (?, 'Bench Buyer', 'x', 'customer', ?, ?, ?)",
                "bench-buyer-" + tag + "-" + std::to_string(i) + "@example.com", now, now, now);
        const auto user = static_cast<int64_t>(db.last_insert_id());
        const std::string token = bf::crypto::random_token();
        db.exec("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                bf::db::Bytes{bf::crypto::sha256(token)}, user, now, now, now.plus_days(1));
        f.sessions.push_back(token);
    }
    return f;
}

struct RunResult {
    int paid = 0;
    int failed = 0;
    double seconds = 0;
};

RunResult run_http(const Options& o, const Fixture& f) {
    std::atomic<int> paid{0}, failed{0};
    std::vector<std::thread> threads;
    const auto start = Clock::now();
    for (int b = 0; b < o.buyers; ++b)
        threads.emplace_back([&, b] {
            Http http(o.url, f.sessions[b]);
            std::mt19937 rng(static_cast<unsigned>(b) * 7919u + 1);
            http.get("/cart");
            const std::string csrf = csrf_in(http.body);
            for (int i = 0; i < o.orders; ++i) {
                const int64_t book = f.books[rng() % f.books.size()];
                bool ok = http.post("/cart/items", form({{"_csrf", csrf}, {"book_id", std::to_string(book)}, {"quantity", "1"}})) == 303;
                ok = ok && http.post("/checkout", form({{"_csrf", csrf}, {"idempotency_key", bf::crypto::random_token(16)},
                                                        {"address_choice", "new"}, {"full_name", "Bench Buyer"},
                                                        {"line1", "1 Load Street"}, {"city", "Benchton"},
                                                        {"postal_code", "10101"}, {"country", "US"},
                                                        {"shipping_method", "standard"}})) == 303;
                const std::string pay = http.location();
                ok = ok && pay.rfind("/pay/", 0) == 0;
                ok = ok && http.post(pay, form({{"_csrf", csrf}, {"card_name", "Bench Buyer"}, {"card_number", "4242424242424242"},
                                                {"card_expiry", "12/39"}, {"card_cvc", "123"}})) == 303;
                ok = ok && http.get(http.location()) == 303 && http.location().rfind("/orders/", 0) == 0;
                (ok ? paid : failed)++;
            }
        });
    for (auto& t : threads) t.join();
    return {paid.load(), failed.load(), std::chrono::duration<double>(Clock::now() - start).count()};
}

// The same hot-row work straight from C++: per order a reserving transaction (lock the book, take the
// stock) and a settling one (sell_count), on books of their own, one connection per buyer.
RunResult run_baseline(const Options& o, const bf::db::DbConfig& dbc, const std::vector<int64_t>& books) {
    std::atomic<int> done{0}, failed{0};
    std::vector<std::thread> threads;
    const auto start = Clock::now();
    for (int b = 0; b < o.buyers; ++b)
        threads.emplace_back([&, b] {
            bf::db::ThreadScope scope;
            bf::db::Connection db(dbc);
            std::mt19937 rng(static_cast<unsigned>(b) * 7919u + 1);
            for (int i = 0; i < o.orders; ++i) {
                const int64_t book = books[rng() % books.size()];
                try {
                    db.transaction([&] {
                        db.query_one("SELECT stock FROM books WHERE id = ? FOR UPDATE", book);
                        if (db.exec("UPDATE books SET stock = stock - 1 WHERE id = ? AND stock >= 1", book) != 1)
                            throw std::runtime_error("sold out");
                    });
                    db.transaction([&] { db.exec("UPDATE books SET sell_count = sell_count + 1 WHERE id = ?", book); });
                    ++done;
                } catch (const std::exception&) {
                    ++failed;
                }
            }
        });
    for (auto& t : threads) t.join();
    return {done.load(), failed.load(), std::chrono::duration<double>(Clock::now() - start).count()};
}

// stock + units sold == initial stock, and sell_count == units in paid orders (== the ledger).
bool check_invariants(bf::db::Connection& db, const std::vector<int64_t>& books, int initial, bool with_orders) {
    bool ok = true;
    for (int64_t id : books) {
        const auto r = db.query_one("SELECT stock, sell_count FROM books WHERE id = ?", id);
        const int64_t stock = r->i64(0), sold = r->i64(1);
        int64_t paid = sold, ledger = sold;
        if (with_orders) {
            paid = db.query_one("SELECT COALESCE(SUM(i.quantity), 0) FROM order_items i JOIN orders o ON o.id = i.order_id"
                                " WHERE i.book_id = ? AND o.status = 'paid'", id)->i64(0);
            ledger = db.query_one("SELECT COALESCE(SUM(quantity), 0) FROM sales_ledger WHERE book_id = ?", id)->i64(0);
        }
        const bool book_ok = stock + sold == initial && sold == paid && paid == ledger && stock >= 0;
        std::printf("  book %lld: stock %lld + sold %lld = %lld (initial %d), sell_count %lld, paid units %lld, ledger %lld  %s\n",
                    static_cast<long long>(id), static_cast<long long>(stock), static_cast<long long>(sold),
                    static_cast<long long>(stock + sold), initial, static_cast<long long>(sold),
                    static_cast<long long>(paid), static_cast<long long>(ledger), book_ok ? "ok" : "BROKEN");
        ok = ok && book_ok;
    }
    return ok;
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--config") o.config = v;
        else if (k == "--url") o.url = v;
        else if (k == "--buyers") o.buyers = std::max(1, std::stoi(v));
        else if (k == "--orders") o.orders = std::max(1, std::stoi(v));
        else if (k == "--books") o.books = std::max(1, std::stoi(v));
        else throw std::runtime_error("unknown option " + k);
    }
    if (o.config.empty()) throw std::runtime_error("--config is required");
    return o;
}

// The server's statement counters (the whole server's: the stack's mailer and indexer run meanwhile).
std::map<std::string, double> server_counters(bf::db::Connection& db) {
    std::map<std::string, double> out;
    for (const auto& r : db.query("SELECT VARIABLE_NAME, VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE"
                                  " VARIABLE_NAME IN ('QUESTIONS', 'COM_SELECT', 'COM_INSERT', 'COM_UPDATE', 'COM_DELETE',"
                                  " 'COM_BEGIN', 'COM_COMMIT', 'COM_ROLLBACK')"))
        out[r.str(0)] = std::stod(r.str(1));
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const Options o = parse(argc, argv);
        const bf::Config config = bf::Config::load(o.config);
        bf::crypto::init();
        bf::db::library_init();
        curl_global_init(CURL_GLOBAL_DEFAULT);
        const auto dbc = bf::db::DbConfig::from(config);
        bf::db::Connection db(dbc);
        const bf::Time now = bf::make_clock(config.get("clock_file"))->now();
        const std::string tag = bf::crypto::hex_encode(bf::crypto::random_bytes(4));

        const Fixture shop = prepare(db, o, tag, now);
        const Fixture raw = prepare(db, o, tag + "-raw", now);
        std::printf("checkout: %d buyers at once, %d orders each, over %d books (1 copy per order)\n", o.buyers, o.orders,
                    o.books);
        const auto before = server_counters(db);
        const RunResult web = run_http(o, shop);
        const auto after = server_counters(db);
        const RunResult base = run_baseline(o, dbc, raw.books);
        const double web_rate = web.paid / web.seconds, base_rate = base.paid / base.seconds;
        std::printf("%-34s %8d orders %8.2f s %10.0f orders/s\n", "bookfair (nginx, 4 requests/order)", web.paid,
                    web.seconds, web_rate);
        std::printf("%-34s %8d orders %8.2f s %10.0f orders/s\n", "raw MariaDB (same row updates)", base.paid,
                    base.seconds, base_rate);
        std::printf("ratio %.3f\n", base_rate > 0 ? web_rate / base_rate : 0.0);
        std::printf("statements per paid order (the whole server's):");
        for (const auto& [name, value] : after)
            std::printf(" %s %.1f", name.c_str(), web.paid > 0 ? (value - before.at(name)) / web.paid : 0.0);
        std::printf("\n");
        std::printf("invariants (bookfair):\n");
        const bool web_ok = check_invariants(db, shop.books, shop.stock_per_book, true) && web.failed == 0;
        std::printf("invariants (raw baseline):\n");
        const bool base_ok = check_invariants(db, raw.books, raw.stock_per_book, false) && base.failed == 0;
        std::printf("failed orders: %d (bookfair), %d (baseline)\n", web.failed, base.failed);
        std::printf("invariant check: %s\n", web_ok && base_ok ? "PASSED" : "FAILED");
        return web_ok && base_ok ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "checkout_bench: " << e.what() << "\n";
        return 2;
    }
}
