// The database goes away under load: the worker answers a 503 page quickly, never dies, and
// reconnects when the database is back; the mailer carries on after a database restart.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "buying_fixtures.h"
#include "harness.h"
#include "mailbox.h"
#include "core/clock.h"
#include "store/store.h"

using namespace bf::test;
using namespace std::chrono_literals;

namespace {

// The pid the stack's supervisor last started for NAME (web, mailer), 0 when there is none.
long server_pid(const std::string& name) {
    std::ifstream in(std::string(std::getenv("BOOKFAIR_TEST_ENV")) + "/run/" + name + ".pid");
    long pid = 0;
    in >> pid;
    return pid;
}

std::string read_log(const std::string& name) {
    std::ifstream in(std::string(std::getenv("BOOKFAIR_TEST_ENV")) + "/log/" + name + ".log");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Starts the database again however the test ends.
struct DatabaseStopped {
    DatabaseStopped() { stack_control("db-stop"); }
    ~DatabaseStopped() { stack_control("db-start"); }
};

}  // namespace

TEST(DatabaseGone, EveryPageAnswers503QuicklyAndTheWorkerLivesOnUntilTheDatabaseReturns) {
    auto db = connect_db();
    const int64_t book = create_book(*db, {});
    constexpr int kClients = 16, kRounds = 6;
    // Logged-in buyers with something in their carts: their pages (and the error page's cart count)
    // need the database at every step.
    std::vector<std::unique_ptr<HttpClient>> clients;
    std::vector<std::string> tokens;
    for (int i = 0; i < kClients; ++i) {
        clients.push_back(std::make_unique<HttpClient>());
        log_in_as(*clients.back(), *db, create_buyer(*db).id);
        ASSERT_EQ(add_to_cart(*clients.back(), book).status, 303);
        const auto cart = clients.back()->get("/cart");
        ASSERT_EQ(cart.status, 200);
        tokens.push_back(csrf_from(cart.body));
    }
    const long worker = server_pid("web");
    ASSERT_GT(worker, 0);

    std::mutex mutex;
    std::map<long, int> statuses;
    std::vector<std::string> wrong;
    double slowest_ms = 0;
    {
        DatabaseStopped stopped;
        std::vector<std::thread> threads;
        for (int c = 0; c < kClients; ++c) {
            threads.emplace_back([&, c] {
                HttpClient& client = *clients[c];
                for (int round = 0; round < kRounds; ++round) {
                    const auto started = std::chrono::steady_clock::now();
                    HttpResponse r;
                    switch ((c + round) % 4) {
                        case 0: r = client.get("/account"); break;
                        case 1: r = client.get("/cart"); break;
                        case 2: r = client.post_form("/cart/items", {{"_csrf", tokens[c]}, {"book_id", std::to_string(book)}, {"quantity", "1"}}); break;
                        default: r = client.post_form("/checkout", {{"_csrf", tokens[c]}}); break;
                    }
                    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
                    std::lock_guard<std::mutex> lock(mutex);
                    slowest_ms = std::max(slowest_ms, ms);
                    ++statuses[r.status];
                    const bool clear = r.body.find("cannot reach our database") != std::string::npos &&
                                       r.body.find("class=\"site-header\"") != std::string::npos;  // in the layout
                    if (r.status != 503 || !clear)
                        wrong.push_back(std::to_string(r.status) + ": " + r.body.substr(0, 200));
                }
            });
        }
        for (auto& t : threads) t.join();
        EXPECT_EQ(server_pid("web"), worker) << "the worker was restarted: it died while the database was away";
    }
    for (const auto& [status, n] : statuses) std::printf("database stopped: %d answers %ld\n", n, status);
    std::printf("slowest answer without the database: %.0f ms\n", slowest_ms);
    EXPECT_TRUE(wrong.empty()) << wrong.size() << " answers were not the 503 page, e.g. " << wrong.front();
    // "Within a second" is the goal (README); this bound only tells a hang from an answer on a loaded machine.
    EXPECT_LT(slowest_ms, 10'000);

    EXPECT_TRUE(wait_until([&] { return clients[0]->get("/healthz").status == 200; }, 30s));
    for (int c = 0; c < kClients; ++c) EXPECT_EQ(clients[c]->get("/cart").status, 200) << "client " << c;
    EXPECT_EQ(server_pid("web"), worker) << "reconnected without a restart";
}

// The crash of issue #15: the session was read, then the database went away during the request. The
// error page's cart count (a POST's) asked the database again, threw from inside the handler of the
// first error, and nothing caught it: the worker process ended.
TEST(DatabaseGone, ARequestCutOffMidwayGetsThe503PageAndTheWorkerLivesOn) {
    auto db = connect_db();
    const int64_t book = create_book(*db, {});
    HttpClient client;
    const int64_t user = create_buyer(*db).id;
    log_in_as(client, *db, user);
    ASSERT_EQ(add_to_cart(client, book).status, 303);
    const std::string csrf = csrf_from(client.get("/cart").body);
    const int64_t cart = db->query_one("SELECT id FROM carts WHERE user_id = ?", user)->i64(0);
    const long worker = server_pid("web");

    // The request waits for a row this connection holds, until the database stops under it.
    auto holder = connect_db();
    holder->exec("SET autocommit = 0");
    holder->query("SELECT quantity FROM cart_items WHERE cart_id = ? AND book_id = ? FOR UPDATE", cart, book);
    HttpResponse answer;
    std::thread request([&] {
        answer = client.post_form("/cart/items", {{"_csrf", csrf}, {"book_id", std::to_string(book)}, {"quantity", "1"}});
    });
    const bool waiting = wait_until([&] {
        // PROCESSLIST, not INNODB_TRX: that table is a cache refreshed only when not read for 100 ms.
        return db->query_one("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE"
                             " 'SELECT quantity, edition = ''digital'' FROM cart_items WHERE cart_id = ? AND book_id = ? FOR UPDATE'")
                   ->i64(0) > 0;
    }, 30s);
    {
        DatabaseStopped stopped;
        request.join();
        ASSERT_TRUE(waiting) << "the request never waited for the row";
        EXPECT_EQ(answer.status, 503) << answer.body.substr(0, 300);
        EXPECT_NE(answer.body.find("cannot reach our database"), std::string::npos);
        EXPECT_NE(answer.body.find("class=\"site-header\""), std::string::npos) << "the page has the layout";
        EXPECT_EQ(client.get("/cart").status, 503);
        EXPECT_EQ(server_pid("web"), worker) << "the worker died";
    }
    EXPECT_TRUE(wait_until([&] { return client.get("/cart").status == 200; }, 30s));
    EXPECT_EQ(server_pid("web"), worker);
}

TEST(DatabaseGone, TheMailerCarriesOnAfterADatabaseRestart) {
    const long mailer = server_pid("mailer");
    ASSERT_GT(mailer, 0);
    const size_t log_before = read_log("mailer").size();
    {
        DatabaseStopped stopped;
        // The mailer notices (a failed round) and keeps trying.
        EXPECT_TRUE(wait_until([&] {
            return read_log("mailer").find("mailer round failed", log_before) != std::string::npos;
        }, 30s));
    }
    const std::string to = "after-restart-" + std::to_string(::getpid()) + "@example.com";
    {
        auto db = connect_db();
        bf::store::Store store(*db);
        store.mail.enqueue_all({{"test", "test:" + to, to, "After the restart", "Hello\n", "<p>Hello</p>\n", {}}},
                               bf::SystemClock().now());
    }
    EXPECT_TRUE(wait_until([&] { return received_by(to).size() == 1; }, 30s)) << "the mailer did not send it";
    EXPECT_EQ(server_pid("mailer"), mailer) << "the mailer was restarted: it died while the database was away";
}
