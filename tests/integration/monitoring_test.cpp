// Logs, metrics and health as an operator sees them: one access line per request with the id the
// response carries, no secrets in any log, the Prometheus endpoint for this host only.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "harness.h"

using namespace bf::test;

namespace {

std::string web_log() {
    std::ifstream in(std::string(std::getenv("BOOKFAIR_TEST_ENV")) + "/log/web.log");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The log line that names request `id`, waiting for it to be written (the worker logs after answering).
std::string log_line_of(const std::string& id) {
    std::string line;
    wait_until(
        [&] {
            const std::string log = web_log();
            const auto at = log.find(" REQUEST id=" + id + " ");
            if (at == std::string::npos) return false;
            const auto start = log.rfind('\n', at);
            line = log.substr(start == std::string::npos ? 0 : start + 1,
                              log.find('\n', at) - (start == std::string::npos ? 0 : start + 1));
            return true;
        },
        std::chrono::seconds(10));
    return line;
}

// The value of a metric line "name{labels} value" (or "name value"); -1 when absent.
double metric(const std::string& text, const std::string& series) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
    return -1;
}

}  // namespace

TEST(Monitoring, EveryRequestLogsOneLineWithTheIdItAnswers) {
    HttpClient client;
    client.set_address("127.0.0.1");  // /metrics answers local addresses only
    const auto r = client.get("/books?sort=newest");
    ASSERT_EQ(r.status, 200);
    const std::string id = r.header("X-Request-Id");
    ASSERT_TRUE(std::regex_match(id, std::regex("[0-9a-f]{32}"))) << id;
    const std::string line = log_line_of(id);
    EXPECT_TRUE(std::regex_match(line, std::regex("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ REQUEST id=" + id +
                                                  " method=\"GET\" route=\"/books\" status=200 ms=\\d+\\.\\d{3} user=-")))
        << line;
    EXPECT_EQ(line.find("sort=newest"), std::string::npos) << "no query strings in the log";

    const auto other = client.get("/books");
    EXPECT_NE(other.header("X-Request-Id"), id) << "each request has its own id";
    const auto missing = client.get("/no/such/page");
    EXPECT_NE(log_line_of(missing.header("X-Request-Id")).find("route=\"-\" status=404"), std::string::npos);
}

TEST(Monitoring, LogsNameTheUserAndTheRouteButNoSecretOrToken) {
    HttpClient client;
    client.set_address("127.0.0.1");  // /metrics answers local addresses only
    const std::string email = register_user(client);
    const auto account = client.get("/account");
    ASSERT_EQ(account.status, 200);
    auto db = connect_db();
    const auto user = db->query_one("SELECT id FROM users WHERE email = ?", email);
    ASSERT_TRUE(user);
    EXPECT_NE(log_line_of(account.header("X-Request-Id")).find(" user=" + std::to_string(user->i64(0))),
              std::string::npos);

    const std::string token = "TokenInThePath0123456789abcdefXYZ";
    const auto reset = client.get("/password/reset/" + token);
    EXPECT_NE(log_line_of(reset.header("X-Request-Id")).find("route=\"/password/reset/{token}\""), std::string::npos);

    const std::string log = web_log();
    EXPECT_EQ(log.find(token), std::string::npos);
    EXPECT_EQ(log.find("correct horse"), std::string::npos);
    EXPECT_EQ(log.find("correct+horse"), std::string::npos);
    const std::string session = client.cookie("bf_session");
    ASSERT_FALSE(session.empty());
    EXPECT_EQ(log.find(session), std::string::npos);
}

TEST(Monitoring, MetricsCountRoutesAndShowTheShopsQueues) {
    HttpClient client;
    client.set_address("127.0.0.1");  // /metrics answers local addresses only
    const auto before = client.get("/metrics");
    ASSERT_EQ(before.status, 200);
    EXPECT_NE(before.header("Content-Type").find("text/plain; version=0.0.4"), std::string::npos);
    const std::string series = "bookfair_http_requests_total{method=\"GET\",route=\"/books/{slug}\",status=\"404\"}";
    const double n = std::max(0.0, metric(before.body, series));
    // Several workers' threads share one process: the counts are the process's, whichever thread answers.
    for (int i = 0; i < 3; ++i) ASSERT_EQ(client.get("/books/no-such-book-" + std::to_string(i)).status, 404);
    const auto after = client.get("/metrics");
    EXPECT_EQ(metric(after.body, series), n + 3) << after.body.substr(0, 2000);
    const std::string bucket = "bookfair_http_request_duration_seconds_bucket{method=\"GET\",route=\"/books/{slug}\",le=\"+Inf\"}";
    EXPECT_GE(metric(after.body, bucket), 3);
    EXPECT_GE(metric(after.body, "bookfair_http_requests_in_flight"), 1) << "the scrape itself is in flight";
    EXPECT_EQ(metric(after.body, "bookfair_db_up"), 1);
    for (const char* mail_class : {"transactional", "bulk"}) {
        EXPECT_GE(metric(after.body, std::string("bookfair_outbox_pending_messages{class=\"") + mail_class + "\"}"), 0);
        EXPECT_GE(metric(after.body, std::string("bookfair_outbox_oldest_pending_age_seconds{class=\"") + mail_class + "\"}"), 0);
    }
    EXPECT_GE(metric(after.body, "bookfair_mail_messages_total{status=\"dead\"}"), 0);
    EXPECT_GE(metric(after.body, "bookfair_db_transaction_retries_total"), 0);
    EXPECT_GE(metric(after.body, "bookfair_db_unavailable_errors_total"), 0);
    EXPECT_GE(metric(after.body, "bookfair_worker_threads"), 1);
    EXPECT_NE(after.body.find("# TYPE bookfair_flash_sale_units_left gauge"), std::string::npos);
    // The test stack's mailer goes round every 100 ms and beats every 5 s.
    EXPECT_TRUE(wait_until([&] { return metric(client.get("/metrics").body, "bookfair_mailer_last_loop_age_seconds") >= 0; },
                           std::chrono::seconds(15)));
}

TEST(Monitoring, OutboxDepthAndAgeFollowTheQueue) {
    auto db = connect_db();
    HttpClient client;
    client.set_address("127.0.0.1");  // /metrics answers local addresses only
    const std::string depth = "bookfair_outbox_pending_messages{class=\"transactional\"}";
    const std::string age = "bookfair_outbox_oldest_pending_age_seconds{class=\"transactional\"}";
    stack_control("mailer-stop");  // nothing leaves the queue meanwhile
    const double before = metric(client.get("/metrics").body, depth);
    // A message that is not due for an hour stays pending; it was queued ten minutes ago.
    db->exec("INSERT INTO outbox (dedupe_key, kind, recipient, subject, body_text, body_html, status, next_attempt_at, "
             "created_at) VALUES (?, 'test', 'nobody@bookfair.test', 's', 't', 'h', 'pending', "
             "UTC_TIMESTAMP(6) + INTERVAL 1 HOUR, UTC_TIMESTAMP(6) - INTERVAL 600 SECOND)",
             unique_email("monitoring-outbox"));
    const auto body = client.get("/metrics").body;
    // The oldest is the first queued (lowest id) of the class: this one, unless an older one waits too.
    const auto oldest = db->query_one("SELECT TIMESTAMPDIFF(SECOND, created_at, UTC_TIMESTAMP(6)) FROM outbox WHERE id = "
                                      "(SELECT MIN(id) FROM outbox WHERE status = 'pending' AND mail_class = 'transactional')");
    db->exec("DELETE FROM outbox WHERE kind = 'test' AND recipient = 'nobody@bookfair.test'");
    stack_control("mailer-start");
    EXPECT_EQ(metric(body, depth), before + 1);
    ASSERT_TRUE(oldest);
    EXPECT_NEAR(metric(body, age), static_cast<double>(oldest->i64(0)), 2.0);
}

TEST(Monitoring, MetricsAreRefusedToOtherAddresses) {
    // nginx: only this host. 127.0.0.2 is this machine too, but not in the allow list.
    const CommandResult nginx = run_command("curl -s -o /dev/null -w '%{http_code}' --interface 127.0.0.2 " +
                                            base_url() + "/metrics");
    EXPECT_EQ(nginx.output, "403");
    // The worker checks again, whatever nginx lets through (plain CGI run: no nginx in between).
    const CommandResult worker = run_command("env BOOKFAIR_FCGI_SOCKET= REQUEST_METHOD=GET PATH_INFO=/metrics "
                                             "REMOTE_ADDR=10.1.2.3 " BOOKFAIR_WEB_BINARY " --config " +
                                             std::string(std::getenv("BOOKFAIR_CONFIG")) + " </dev/null 2>/dev/null");
    EXPECT_EQ(worker.output.rfind("Status: 404 Not Found\r\n", 0), 0u) << worker.output.substr(0, 200);
    const CommandResult local = run_command("env BOOKFAIR_FCGI_SOCKET= REQUEST_METHOD=GET PATH_INFO=/metrics "
                                            "REMOTE_ADDR=127.0.0.1 " BOOKFAIR_WEB_BINARY " --config " +
                                            std::string(std::getenv("BOOKFAIR_CONFIG")) + " </dev/null 2>/dev/null");
    EXPECT_EQ(local.output.rfind("Status: 200 OK\r\n", 0), 0u) << local.output.substr(0, 200);
}

TEST(Monitoring, ErrorsCarryTheRequestId) {
    HttpClient client;
    client.set_address("127.0.0.1");  // /metrics answers local addresses only
    register_user(client);
    stack_control("db-stop");
    const auto page = client.get("/account");
    stack_control("db-start");
    ASSERT_EQ(page.status, 503);
    const std::string id = page.header("X-Request-Id");
    ASSERT_FALSE(id.empty());
    EXPECT_TRUE(wait_until([&] { return web_log().find(" ERROR request_id=" + id + " GET /account: ") != std::string::npos; },
                           std::chrono::seconds(10)));
    EXPECT_NE(log_line_of(id).find("status=503"), std::string::npos);
}
