// chaos_driver: buyers placing and paying orders, a flash sale, an author editing a book and mail being
// queued, all through the running stack, while SIGKILL hits the web worker, the mailer, nginx and
// mariadbd at random moments (the stack's supervisor starts each again). Afterwards it checks what
// must have survived and prints a table. Started by scripts/chaos, which also runs check-revenue.
//
//   chaos_driver --stack DIR --seconds N [--buyers 16] [--flash-buyers 40] [--kill-every-ms 3000]
//                [--seed S] [--break INVARIANT]
// --kill-every-ms 0 kills nothing: the same mixed traffic (plus readers browsing) for bench/soak.
//
// --break corrupts the database (or the mail) just before the checks, in the one way the named
// check must catch: stock, paid, flash, mail-lost, mail-twice, edit. scripts/chaos --prove runs each.
#include <curl/curl.h>
#include <dirent.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/config.h"
#include "core/crypto.h"
#include "core/text.h"
#include "db/connection.h"
#include "store/store.h"

namespace {

using Steady = std::chrono::steady_clock;

struct Options {
    std::string stack;
    int seconds = 60;
    int buyers = 16;
    int flash_buyers = 40;
    int flash_quantity = 15;
    int kill_every_ms = 3000;
    unsigned seed = 1;
    std::string break_check;
};

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// ---- HTTP as a browser does it: one connection per client, its session cookie, no redirects ----
class Http {
public:
    Http(std::string base, const std::string& session) : base_(std::move(base)), curl_(curl_easy_init()) {
        curl_easy_setopt(curl_, CURLOPT_COOKIE, ("bf_session=" + session).c_str());
        curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 30L);
        curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT, 5L);
        curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
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
    const std::string& location() const { return location_; }
    std::string body;

private:
    long perform(const std::string& path, const std::string* form) {
        const std::string url = base_ + path;  // first: `path` may be location_ itself
        body.clear();
        location_.clear();
        curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
        if (form) curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, form->c_str());
        else curl_easy_setopt(curl_, CURLOPT_HTTPGET, 1L);
        if (curl_easy_perform(curl_) != CURLE_OK) return 0;  // 0: no answer at all
        long status = 0;
        char* redirect = nullptr;
        curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
        curl_easy_getinfo(curl_, CURLINFO_REDIRECT_URL, &redirect);
        if (redirect && std::string(redirect).rfind(base_, 0) == 0) location_ = std::string(redirect).substr(base_.size());
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

std::string html_unescape(std::string s) {
    static const std::pair<const char*, const char*> entities[] = {
        {"&quot;", "\""}, {"&#39;", "'"}, {"&#x27;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities)
        for (size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += std::strlen(to))
            s.replace(at, std::strlen(from), to);
    return s;
}

std::string csrf_in(const std::string& html) {
    static const std::regex re("name=\"_csrf\" value=\"([^\"]+)\"");
    std::smatch m;
    return std::regex_search(html, m, re) ? m[1].str() : "";
}

// Every field of the first form posting to `action`, as a browser would send it unchanged.
std::vector<std::pair<std::string, std::string>> form_fields(const std::string& html, const std::string& action) {
    std::vector<std::pair<std::string, std::string>> out;
    const auto start = html.find("action=\"" + action + "\"");
    if (start == std::string::npos) return out;
    const std::string f = html.substr(start, html.find("</form>", start) - start);
    static const std::regex input("<input([^>]*)>"), name("name=\"([^\"]+)\""), value("value=\"([^\"]*)\""),
        type("type=\"([^\"]+)\""), textarea("<textarea[^>]*name=\"([^\"]+)\"[^>]*>([^<]*)</textarea>"),
        select("<select[^>]*name=\"([^\"]+)\"[^>]*>([\\s\\S]*?)</select>"),
        selected("<option[^>]*value=\"([^\"]*)\"[^>]*selected");
    for (auto it = std::sregex_iterator(f.begin(), f.end(), input); it != std::sregex_iterator(); ++it) {
        const std::string attrs = (*it)[1];
        std::smatch n, v, t;
        if (!std::regex_search(attrs, n, name)) continue;
        const std::string kind = std::regex_search(attrs, t, type) ? t[1].str() : "text";
        if ((kind == "checkbox" || kind == "radio") && attrs.find("checked") == std::string::npos) continue;
        if (kind == "file" || kind == "submit") continue;
        out.emplace_back(n[1], std::regex_search(attrs, v, value) ? html_unescape(v[1]) : "");
    }
    for (auto it = std::sregex_iterator(f.begin(), f.end(), textarea); it != std::sregex_iterator(); ++it)
        out.emplace_back((*it)[1], html_unescape((*it)[2]));
    for (auto it = std::sregex_iterator(f.begin(), f.end(), select); it != std::sregex_iterator(); ++it) {
        const std::string options = (*it)[2];
        std::smatch s;
        if (std::regex_search(options, s, selected)) out.emplace_back((*it)[1], html_unescape(s[1]));
    }
    return out;
}

// ---- what the clients saw ----
struct Seen {
    std::mutex mutex;
    std::vector<std::string> paid_orders;       // the order page a payment ended on
    std::map<std::string, int> errors;          // "POST /checkout 502" -> count
    std::atomic<int> placed{0}, paid{0}, flash_placed{0}, flash_paid{0}, edits_acked{0}, mail_queued{0}, browsed{0};
    void error(const std::string& what) {
        std::lock_guard<std::mutex> lock(mutex);
        ++errors[what];
    }
    void paid_order(const std::string& number) {
        std::lock_guard<std::mutex> lock(mutex);
        paid_orders.push_back(number);
    }
};

std::string order_number(const std::string& location) {
    return location.rfind("/orders/", 0) == 0 ? location.substr(8) : "";
}

// No answer, or nginx saying the worker is away: a person would press again.
bool transient(long status) { return status == 0 || status == 502 || status == 503 || status == 504; }

// Does `step` again (up to 20 times, a quarter second apart) while its answer is transient; each
// transient answer counts as an error seen.
template <class F>
long retried(Seen& seen, const std::string& what, F&& step) {
    long status = 0;
    for (int attempt = 1; attempt <= 20; ++attempt) {
        status = step();
        if (!transient(status)) break;
        seen.error(what + " " + std::to_string(status) + " (pressed again)");
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    return status;
}

// Pays the order a checkout answered with (Location /pay/REF): card, then the provider's callback,
// each pressed again while the site is away. True when the client was shown its paid order.
bool pay(Http& http, const std::string& csrf, Seen& seen, const std::string& what) {
    const std::string pay = http.location();
    if (pay.rfind("/pay/", 0) != 0) return false;
    const long card = retried(seen, "POST /pay (" + what + ")", [&] {
        return http.post(pay, form({{"_csrf", csrf}, {"card_name", "Chaos Buyer"}, {"card_number", "4242424242424242"},
                                    {"card_expiry", "12/39"}, {"card_cvc", "123"}}));
    });
    if (card != 303) {
        seen.error("POST /pay (" + what + ") " + std::to_string(card));
        return false;
    }
    const std::string callback = http.location();
    const long back = retried(seen, "GET payment callback (" + what + ")", [&] { return http.get(callback); });
    const std::string number = order_number(http.location());
    if (back != 303 || number.empty()) {
        seen.error("GET payment callback (" + what + ") " + std::to_string(back));
        return false;
    }
    seen.paid_order(number);
    return true;
}

void buyer(const Options& o, const std::string& base, const std::string& session, const std::vector<int64_t>& books,
           unsigned seed, const std::atomic<bool>& stop, Seen& seen) {
    Http http(base, session);
    std::mt19937 rng(seed);
    std::string csrf;
    while (!stop) {
        if (csrf.empty()) {
            const long s = http.get("/cart");
            csrf = s == 200 ? csrf_in(http.body) : "";
            if (csrf.empty()) {
                seen.error("GET /cart " + std::to_string(s));
                std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the site is coming back
                continue;
            }
        }
        const int64_t book = books[rng() % books.size()];
        const long added = http.post("/cart/items", form({{"_csrf", csrf}, {"book_id", std::to_string(book)}, {"quantity", "1"}}));
        if (added != 303) {
            seen.error("POST /cart/items " + std::to_string(added));
            csrf.clear();
            continue;
        }
        const long placed = http.post("/checkout", form({{"_csrf", csrf}, {"idempotency_key", bf::crypto::random_token(16)},
                                                         {"address_choice", "new"}, {"full_name", "Chaos Buyer"},
                                                         {"line1", "1 Crash Street"}, {"city", "Killton"},
                                                         {"postal_code", "10101"}, {"country", "US"},
                                                         {"shipping_method", "standard"}}));
        if (placed != 303) {
            seen.error("POST /checkout " + std::to_string(placed));
            csrf.clear();
            continue;
        }
        ++seen.placed;
        if (pay(http, csrf, seen, "order")) ++seen.paid;
        (void)o;
    }
}

// One flash-sale customer: presses "buy" until the sale answers (an order or sold out), then pays.
void flash_buyer(const std::string& base, const std::string& session, int64_t sale, const std::atomic<bool>& stop,
                 Seen& seen) {
    Http http(base, session);
    const std::string page = "/sales/" + std::to_string(sale);
    const std::string key = bf::crypto::random_token(16);  // one key: a retried press is the same buy
    while (!stop) {
        const long shown = http.get(page);
        const std::string csrf = shown == 200 ? csrf_in(http.body) : "";
        if (csrf.empty()) {
            if (shown == 200) return;  // no buy form: sold out or over
            seen.error("GET /sales/ID " + std::to_string(shown));
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            continue;
        }
        const long pressed = http.post(page + "/buy", form({{"_csrf", csrf}, {"idempotency_key", key}, {"address_choice", "new"},
                                                           {"full_name", "Flash Buyer"}, {"line1", "9 Rush Lane"},
                                                           {"city", "Quickton"}, {"postal_code", "90210"}, {"country", "US"}}));
        if (pressed == 409) return;  // sold out
        if (pressed != 303 || http.location().rfind("/pay/", 0) != 0) {
            seen.error("POST /sales/ID/buy " + std::to_string(pressed));
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            continue;
        }
        ++seen.flash_placed;
        if (pay(http, csrf, seen, "flash")) ++seen.flash_paid;
        return;
    }
}

// The author renames a book again and again; remembers the last rename the site confirmed and the
// last one tried.
void author(const std::string& base, const std::string& session, int64_t book, const std::atomic<bool>& stop,
            Seen& seen, int& last_acked, int& last_tried) {
    Http http(base, session);
    const std::string path = "/dashboard/books/" + std::to_string(book);
    for (int n = 1; !stop; ++n) {
        const long shown = http.get(path);
        auto fields = form_fields(http.body, path);
        if (shown != 200 || fields.empty()) {
            seen.error("GET /dashboard/books/ID " + std::to_string(shown));
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            continue;
        }
        for (auto& [k, v] : fields)
            if (k == "title") v = "Chaos edit " + std::to_string(n);
        last_tried = n;
        const long saved = http.post(path, form(fields));
        if (saved == 303) {
            last_acked = n;
            ++seen.edits_acked;
        } else {
            seen.error("POST /dashboard/books/ID " + std::to_string(saved));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

// A reader browsing: the home page, listings, searches, a book page; the author's dashboard.
void browser(const std::string& base, const std::string& session, const std::string& author_session,
             const std::atomic<bool>& stop, Seen& seen) {
    Http reader(base, session), author(base, author_session);
    static const char* const pages[] = {"/", "/books", "/books?q=chaos", "/books?q=winter+harbor", "/books?sort=price",
                                        "/cart", "/account"};
    for (size_t i = 0; !stop; ++i) {
        const std::string page = pages[i % (sizeof pages / sizeof *pages)];
        const long status = reader.get(page);
        ++seen.browsed;
        if (status != 200) seen.error("GET " + page + " " + std::to_string(status));
        if (i % 5 == 0) {
            const long d = author.get("/dashboard");
            ++seen.browsed;
            if (d != 200) seen.error("GET /dashboard " + std::to_string(d));
        }
    }
}

// Queues a few messages every 200 ms through the store (as any event would), remembering the ones
// whose transaction committed.
void mail_queuer(const bf::db::DbConfig& dbc, const std::string& marker, const std::atomic<bool>& stop, Seen& seen,
                 std::set<std::string>& committed) {
    bf::db::ThreadScope scope;
    bf::db::Connection db(dbc);
    bf::store::Store store(db);
    for (int batch = 0; !stop; ++batch) {
        std::vector<bf::store::OutboxMessage> messages;
        std::vector<std::string> recipients;
        for (int i = 0; i < 5; ++i) {
            const std::string to = marker + "-" + std::to_string(batch) + "-" + std::to_string(i) + "@example.com";
            recipients.push_back(to);
            messages.push_back({"test", "chaos:" + to, to, "Chaos " + std::to_string(batch), "Hello\n", "<p>Hello</p>\n", {}});
        }
        try {
            store.mail.enqueue_all(messages, bf::SystemClock().now());
            committed.insert(recipients.begin(), recipients.end());
            seen.mail_queued += 5;
        } catch (const std::exception&) {
            seen.error("queue mail (database away)");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
}

long pid_of(const std::string& stack, const std::string& name) {
    long pid = 0;
    std::ifstream(stack + "/run/" + name + ".pid") >> pid;
    return pid;
}

bool alive(long pid) { return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == 0; }

// SIGKILL at random moments, one server at a time; waits for the killed one to run again first.
void killer(const Options& o, const std::atomic<bool>& stop, std::map<std::string, int>& kills) {
    if (o.kill_every_ms <= 0) return;  // bench/soak: the same traffic, nothing killed
    const std::vector<std::string> names{"web", "mailer", "nginx", "mariadb"};
    std::mt19937 rng(o.seed * 31 + 7);
    while (!stop) {
        const auto pause = std::chrono::milliseconds(o.kill_every_ms / 2 + rng() % std::max(1, o.kill_every_ms));
        for (auto until = Steady::now() + pause; !stop && Steady::now() < until;)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (stop) break;
        const std::string name = names[rng() % names.size()];
        const long pid = pid_of(o.stack, name);
        if (!alive(pid)) continue;
        ::kill(static_cast<pid_t>(pid), SIGKILL);
        ++kills[name];
        for (auto until = Steady::now() + std::chrono::seconds(60); Steady::now() < until;) {
            const long now = pid_of(o.stack, name);
            if (now != pid && alive(now)) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
}

// ---- the mail the SMTP sink stored ----
std::map<std::string, int> copies_by_recipient(const std::string& mail_dir, const std::string& marker) {
    std::map<std::string, int> copies;
    DIR* d = ::opendir(mail_dir.c_str());
    if (!d) return copies;
    static const std::regex to("X-Envelope-To: ?<?([^>\\r\\n]+)");
    while (dirent* e = ::readdir(d)) {
        const std::string name = e->d_name;
        if (name.size() < 5 || name.substr(name.size() - 4) != ".eml") continue;
        const std::string text = read_file(mail_dir + "/" + name);
        if (text.find(marker) == std::string::npos) continue;
        std::smatch m;
        if (std::regex_search(text, m, to)) ++copies[bf::trim(m[1].str())];
    }
    ::closedir(d);
    return copies;
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i], v = argv[i + 1];
        if (k == "--stack") o.stack = v;
        else if (k == "--seconds") o.seconds = std::stoi(v);
        else if (k == "--buyers") o.buyers = std::stoi(v);
        else if (k == "--flash-buyers") o.flash_buyers = std::stoi(v);
        else if (k == "--kill-every-ms") o.kill_every_ms = std::stoi(v);
        else if (k == "--seed") o.seed = static_cast<unsigned>(std::stoul(v));
        else if (k == "--break") o.break_check = v;
        else throw std::runtime_error("unknown option " + k);
    }
    if (o.stack.empty()) throw std::runtime_error("--stack is required");
    return o;
}

template <class F>
auto with_retries(F&& f) -> decltype(f()) {
    for (int attempt = 1;; ++attempt) {
        try {
            return f();
        } catch (const bf::db::Error&) {
            if (attempt >= 100) throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const Options o = parse(argc, argv);
        const bf::Config config = bf::Config::load(o.stack + "/bookfair.conf");
        bf::crypto::init();
        bf::db::library_init();
        curl_global_init(CURL_GLOBAL_DEFAULT);
        const auto dbc = bf::db::DbConfig::from(config);
        const std::string base = config.require("base_url");
        const std::string tag = bf::crypto::hex_encode(bf::crypto::random_bytes(4));
        const std::string marker = "chaos-" + tag;
        const bf::Time now = bf::SystemClock().now();
        constexpr int kInitialStock = 100000;

        // ---- the shop: an author, books, a flash sale, buyers with sessions ----
        bf::db::Connection db(dbc);
        auto session_for = [&](int64_t user) {
            const std::string token = bf::crypto::random_token();
            db.exec("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                    bf::db::Bytes{bf::crypto::sha256(token)}, user, now, now, now.plus_days(1));
            return token;
        };
        auto user = [&](const std::string& kind, int i, const std::string& role) {
            db.exec("INSERT INTO users (email, display_name, password_hash, role, email_verified_at, created_at, updated_at)"
                    " VALUES (?, 'Chaos', 'x', ?, ?, ?, ?)",
                    marker + "-" + kind + std::to_string(i) + "@example.com", role, now, now, now);
            return static_cast<int64_t>(db.last_insert_id());
        };
        const int64_t author_id = user("author", 0, "author");
        db.exec("INSERT INTO categories (slug, name) VALUES (?, 'Chaos')", marker);
        const auto category = static_cast<int64_t>(db.last_insert_id());
        auto book = [&](const std::string& title, int stock) {
            db.exec("INSERT INTO books (slug, title, description, author_id, category_id, price_cents, stock, status,"
                    " created_at, updated_at, published_at) VALUES (?, ?, 'A book for the chaos test.', ?, ?, 1500, ?,"
                    " 'published', ?, ?, ?)",
                    bf::slugify(title) + "-" + tag, title, author_id, category, stock, now, now, now);
            return static_cast<int64_t>(db.last_insert_id());
        };
        std::vector<int64_t> books;
        for (int i = 0; i < 4; ++i) books.push_back(book("Chaos Book " + std::to_string(i), kInitialStock));
        const int64_t edited = book("Chaos Edited", 5);
        const int64_t flash_book = book("Chaos Flash", o.flash_quantity);
        db.exec("UPDATE books SET stock = stock - ? WHERE id = ?", o.flash_quantity, flash_book);
        db.exec("INSERT INTO flash_sales (book_id, price_cents, quantity, units_left, start_at, end_at, per_customer_limit,"
                " status, created_by, created_at, updated_at) VALUES (?, 499, ?, ?, ?, NULL, 1, 'active', ?, ?, ?)",
                flash_book, o.flash_quantity, o.flash_quantity, now.plus_seconds(-60), author_id, now, now);
        const auto sale = static_cast<int64_t>(db.last_insert_id());
        std::vector<std::string> buyer_sessions, flash_sessions;
        for (int i = 0; i < o.buyers; ++i) buyer_sessions.push_back(session_for(user("buyer", i, "customer")));
        for (int i = 0; i < o.flash_buyers; ++i) flash_sessions.push_back(session_for(user("flash", i, "customer")));
        const std::string author_session = session_for(author_id);

        // ---- the run ----
        std::printf("chaos: %d s, %d buyers, %d flash buyers for %d copies, SIGKILL every %.1f s on average\n", o.seconds,
                    o.buyers, o.flash_buyers, o.flash_quantity, o.kill_every_ms / 1000.0);
        std::fflush(stdout);
        Seen seen;
        std::atomic<bool> stop{false}, stop_killing{false};
        std::map<std::string, int> kills;
        std::set<std::string> committed_mail;
        int last_acked = 0, last_tried = 0;
        std::vector<std::thread> threads;
        for (int i = 0; i < o.buyers; ++i)
            threads.emplace_back(buyer, std::cref(o), base, buyer_sessions[i], std::cref(books), o.seed * 1000 + i,
                                 std::cref(stop), std::ref(seen));
        threads.emplace_back(author, base, author_session, edited, std::cref(stop), std::ref(seen), std::ref(last_acked),
                             std::ref(last_tried));
        threads.emplace_back(mail_queuer, std::cref(dbc), marker, std::cref(stop), std::ref(seen), std::ref(committed_mail));
        for (int i = 0; i < 2; ++i)
            threads.emplace_back(browser, base, session_for(user("reader", i, "customer")), author_session,
                                 std::cref(stop), std::ref(seen));
        std::thread kill_thread(killer, std::cref(o), std::cref(stop_killing), std::ref(kills));
        // The flash sale opens a third of the way in, with every flash customer pressing at once.
        std::this_thread::sleep_for(std::chrono::seconds(o.seconds / 3));
        for (int i = 0; i < o.flash_buyers; ++i)
            threads.emplace_back(flash_buyer, base, flash_sessions[i], sale, std::cref(stop), std::ref(seen));
        std::this_thread::sleep_for(std::chrono::seconds(o.seconds - o.seconds / 3));
        stop_killing = true;
        kill_thread.join();
        stop = true;
        for (auto& t : threads) t.join();

        // ---- after: everything back up, every queued message sent ----
        bf::db::Connection check(dbc);
        const auto outbox_left = [&] {
            return with_retries([&] {
                return check.query_one("SELECT COUNT(*) FROM outbox WHERE recipient LIKE ? AND status <> 'sent'",
                                       marker + "-%")->i64(0);
            });
        };
        for (auto until = Steady::now() + std::chrono::seconds(180); outbox_left() > 0 && Steady::now() < until;)
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        std::this_thread::sleep_for(std::chrono::seconds(1));  // the sink writes a file a moment after the mark

        // ---- deliberate damage, to show that each check can fail ----
        const std::string& b = o.break_check;
        if (b == "stock") check.exec("UPDATE books SET stock = stock - 1 WHERE id = ?", books[0]);
        if (b == "paid" && !seen.paid_orders.empty())
            check.exec("UPDATE orders SET status = 'cancelled' WHERE number = ?", seen.paid_orders.front());
        // An oversell: one copy fewer in the sale than customers hold.
        if (b == "flash") check.exec("UPDATE flash_sales SET quantity = quantity - 1 WHERE id = ?", sale);
        if (b == "edit") check.exec("UPDATE books SET title = 'Chaos edit 0' WHERE id = ?", edited);
        const std::string mail_dir = config.require("mail_dir");
        if (b == "mail-lost" || b == "mail-twice") {
            DIR* d = ::opendir(mail_dir.c_str());
            while (dirent* e = d ? ::readdir(d) : nullptr) {
                const std::string path = mail_dir + "/" + e->d_name;
                // One of the queued messages (order receipts carry the marker in their address too).
                if (committed_mail.empty() || read_file(path).find(*committed_mail.begin()) == std::string::npos) continue;
                if (b == "mail-lost") ::unlink(path.c_str());
                else for (int i = 0; i < 5; ++i) std::ofstream(path + ".copy" + std::to_string(i) + ".eml") << read_file(path);
                break;
            }
            if (d) ::closedir(d);
        }

        // ---- the checks ----
        struct Check {
            std::string name;
            bool ok;
            std::string detail;
        };
        std::vector<Check> checks;
        {
            bool ok = true;
            std::string detail;
            for (int64_t id : books) {
                const auto r = check.query_one("SELECT stock, sell_count FROM books WHERE id = ?", id);
                const int64_t held = check.query_one(
                    "SELECT COALESCE(SUM(i.quantity), 0) FROM order_items i JOIN stock_reservations r"
                    " ON r.order_id = i.order_id AND r.status = 'held' WHERE i.book_id = ?", id)->i64(0);
                const int64_t total = r->i64(0) + r->i64(1) + held;
                if (total != kInitialStock) ok = false;
                detail += std::to_string(r->i64(0)) + "+" + std::to_string(r->i64(1)) + "+" + std::to_string(held) + " ";
            }
            checks.push_back({"stock + sold + held = initial, every book", ok, "stock+sold+held: " + detail});
        }
        {
            int not_paid = 0;
            std::string which;
            for (const auto& number : seen.paid_orders) {
                const auto r = check.query_one("SELECT status FROM orders WHERE number = ?", number);
                if (!r || r->str(0) != "paid") {
                    if (++not_paid <= 5) which += " " + number + " (" + (r ? r->str(0) : "missing") + ")";
                }
            }
            checks.push_back({"every order a client saw paid is paid", not_paid == 0,
                              std::to_string(seen.paid_orders.size()) + " seen paid, " + std::to_string(not_paid) +
                                  " not paid in the database" + which});
        }
        {
            const auto s = check.query_one("SELECT quantity, units_left, units_returned FROM flash_sales WHERE id = ?", sale);
            const int64_t live = check.query_one("SELECT COUNT(*) FROM flash_sale_claims WHERE sale_id = ? AND status <> 'released'", sale)->i64(0);
            const int64_t over_limit = check.query_one(
                "SELECT COUNT(*) FROM (SELECT user_id FROM flash_sale_claims WHERE sale_id = ? AND status <> 'released'"
                " GROUP BY user_id HAVING COUNT(*) > 1) x", sale)->i64(0);
            const bool ok = s->i64(0) == s->i64(1) + live + s->i64(2) && live <= s->i64(0) && over_limit == 0;
            checks.push_back({"flash sale: no oversell, one per customer", ok,
                              std::to_string(live) + " live claims + " + std::to_string(s->i64(1)) + " left + " +
                                  std::to_string(s->i64(2)) + " returned of " + std::to_string(s->i64(0)) + "; " +
                                  std::to_string(over_limit) + " over the limit"});
        }
        {
            const auto copies = copies_by_recipient(mail_dir, marker);
            int lost = 0, twice = 0;
            for (const auto& to : committed_mail) {
                const auto it = copies.find(to);
                if (it == copies.end()) ++lost;
                else twice += it->second - 1;
            }
            const int64_t unsent = outbox_left();
            const int allowed = kills["mailer"] * static_cast<int>(config.get_int("mail_in_flight", 1)) *
                                static_cast<int>(config.get_int("mail_senders", 1));
            checks.push_back({"no email lost", lost == 0 && unsent == 0,
                              std::to_string(committed_mail.size()) + " queued, " + std::to_string(lost) +
                                  " never arrived, " + std::to_string(unsent) + " unsent"});
            checks.push_back({"none sent twice but the one in flight at each mailer kill", twice <= allowed,
                              std::to_string(twice) + " repeated, " + std::to_string(allowed) + " allowed"});
        }
        {
            const std::string title = check.query_one("SELECT title FROM books WHERE id = ?", edited)->str(0);
            const int n = title.rfind("Chaos edit ", 0) == 0 ? std::atoi(title.c_str() + 11) : 0;
            const bool ok = last_acked == 0 ? (n == 0 || n <= last_tried) : (n >= last_acked && n <= last_tried);
            checks.push_back({"the author's last saved edit is kept", ok,
                              "title '" + title + "', last confirmed " + std::to_string(last_acked) + ", last tried " +
                                  std::to_string(last_tried)});
        }

        // ---- the table ----
        std::printf("\n| kills: web | mailer | nginx | mariadbd | orders placed | orders paid | flash orders | flash paid | edits saved | mail queued | pages browsed |\n");
        std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        std::printf("| %d | %d | %d | %d | %d | %d | %d | %d | %d | %d | %d |\n", kills["web"], kills["mailer"], kills["nginx"],
                    kills["mariadb"], seen.placed.load(), seen.paid.load(), seen.flash_placed.load(),
                    seen.flash_paid.load(), seen.edits_acked.load(), seen.mail_queued.load(), seen.browsed.load());
        int errors = 0;
        for (const auto& [what, n] : seen.errors) errors += n;
        std::printf("\nerrors seen by clients: %d\n", errors);
        for (const auto& [what, n] : seen.errors) std::printf("  %6d  %s\n", n, what.c_str());
        std::printf("\n| invariant | result | detail |\n|---|---|---|\n");
        bool all = true;
        for (const auto& c : checks) {
            std::printf("| %s | %s | %s |\n", c.name.c_str(), c.ok ? "ok" : "FAILED", c.detail.c_str());
            all = all && c.ok;
        }
        std::fflush(stdout);
        return all ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "chaos_driver: " << e.what() << "\n";
        return 2;
    }
}
