// Issue #12.7 to #12.12 and the "also tighten" list: plain-text book fields, email changes, reset
// emails, same-origin checks, tokens kept out of logs, replaced covers.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <regex>
#include <vector>

#include "harness.h"

using namespace bf::test;

namespace {

int login_status(HttpClient& client, const std::string& email, const std::string& password) {
    return static_cast<int>(client.submit("/login", "/login", {{"email", email}, {"password", password}}).status);
}

}  // namespace

// #12.7: book fields take plain text only, so nothing reaches a page or an email as control codes.
TEST(SecurityAccounts, BookFieldsRefuseControlCharacters) {
    HttpClient author;
    register_user(author, "author", "Control Author");
    auto db = connect_db();
    const std::string category = db->query_one("SELECT slug FROM categories ORDER BY id LIMIT 1")->str(0);
    const auto fields = [&](const std::string& title, const std::string& description) {
        return std::vector<std::pair<std::string, std::string>>{
            {"title", title},   {"description", description}, {"category", category}, {"language", "en"},
            {"price", "12.50"}, {"currency", "USD"},          {"stock", "7"},          {"stock_seen", "0"},
            {"low_stock_threshold", "3"}};
    };
    const std::string marker = unique_email("ctl");
    for (const auto& [title, description] :
         std::vector<std::pair<std::string, std::string>>{{marker + "\r\nBcc: all@example.com", "Fine."},
                                                          {marker, "Ink \x1b[2J cleared"},
                                                          {marker, std::string("Nul \0 inside", 12)},
                                                          {marker + "\tTabbed", "A tab in a one-line field."}}) {
        const auto r = author.submit("/dashboard/books/new", "/dashboard/books", fields(title, description));
        EXPECT_EQ(r.status, 422) << title;
        EXPECT_NE(r.body.find("control characters"), std::string::npos);
    }
    EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM books WHERE title LIKE ?", marker + "%")->i64(0), 0);
    EXPECT_EQ(author.submit("/dashboard/books/new", "/dashboard/books", fields(marker, "Two\r\n\r\nparagraphs."))
                  .status,
              303);
}

// #12.9: confirming a new address voids reset links and ends the other sessions.
TEST(SecurityAccounts, ConfirmingANewEmailVoidsResetLinksAndOtherSessions) {
    HttpClient here;
    const std::string email = register_user(here);
    HttpClient elsewhere;
    ASSERT_EQ(login_status(elsewhere, email, "correct horse"), 303);
    HttpClient stranger;
    ASSERT_EQ(stranger.submit("/password/forgot", "/password/forgot", {{"email", email}}).status, 303);
    const std::string reset = mailed_link(email, "password_reset");
    ASSERT_FALSE(reset.empty());

    const std::string new_email = unique_email("moved");
    ASSERT_EQ(here.submit("/account/settings", "/account/settings/email",
                          {{"new_email", new_email}, {"email_password", "correct horse"}})
                  .status,
              303);
    const std::string confirm = mailed_link(new_email, "email_change");
    ASSERT_FALSE(confirm.empty());
    ASSERT_EQ(here.submit(confirm, confirm, {}).status, 303);

    EXPECT_EQ(here.get("/account").status, 200) << "the confirming session stays";
    EXPECT_EQ(elsewhere.get("/account").status, 303) << "the other session has ended";
    EXPECT_EQ(stranger.get(reset).status, 410) << "the old reset link is void";
}

// #12.8: the forgot-password form does the same work for known and unknown addresses (it records the
// request; the mailer looks the address up), so its answer takes the same time. Many requests,
// interleaved, each from its own client address (under every limit); the time distributions are
// compared by ratio at their quartiles.
namespace {

// One round of the forgot-password timing: `each` known and `each` unknown addresses, interleaved so
// that load from others falls on both alike. Returns whether every quartile's known/unknown ratio is
// within 1.3 either way, and the known addresses asked for.
bool forgot_password_round(bf::db::Connection& db, int each, int round, std::vector<std::string>& known) {
    const std::string run = unique_word("fp");
    std::vector<std::string> unknown;
    known.clear();
    for (int i = 0; i < each; ++i) {
        known.push_back(run + "-known-" + std::to_string(i) + "@example.com");
        unknown.push_back(run + "-unknown-" + std::to_string(i) + "@example.com");
        db.exec("INSERT INTO users (email, display_name, password_hash, role, email_verified_at, created_at, updated_at)"
                " VALUES (?, 'Timed Reader', 'x', 'customer', ?, ?, ?)",
                known.back(), stack_now(), stack_now(), stack_now());
    }
    HttpClient client;
    const std::string csrf = csrf_from(client.get("/password/forgot").body);
    const auto timed = [&](const std::string& email, int n) {
        // A client address of its own per request and round: the per-client limit never answers.
        client.set_address("10." + std::to_string(88 + round) + "." + std::to_string(n / 200) + "." + std::to_string(n % 200 + 1));
        const auto start = std::chrono::steady_clock::now();
        const auto r = client.post_form("/password/forgot", {{"_csrf", csrf}, {"email", email}});
        const std::chrono::duration<double, std::micro> took = std::chrono::steady_clock::now() - start;
        EXPECT_EQ(r.status, 303);
        return took.count();
    };
    for (int i = 0; i < 20; ++i) timed(unique_email("warm"), 1000 + i);  // warm the worker threads' statements
    std::vector<double> known_us, unknown_us;
    for (int i = 0; i < each; ++i) {
        if (i % 2) {
            known_us.push_back(timed(known[i], 2 * i));
            unknown_us.push_back(timed(unknown[i], 2 * i + 1));
        } else {
            unknown_us.push_back(timed(unknown[i], 2 * i));
            known_us.push_back(timed(known[i], 2 * i + 1));
        }
    }
    std::sort(known_us.begin(), known_us.end());
    std::sort(unknown_us.begin(), unknown_us.end());
    bool alike = true;
    for (const double q : {0.25, 0.5, 0.75}) {
        const auto at = static_cast<size_t>(q * (each - 1));
        const double ratio = known_us[at] / unknown_us[at];
        std::printf("round %d: forgot-password known/unknown time at q%.2f: %.0f/%.0f us = %.3f\n", round, q,
                    known_us[at], unknown_us[at], ratio);
        alike = alike && ratio < 1.3 && ratio > 1 / 1.3;
    }
    return alike;
}

}  // namespace

TEST(SecurityAccounts, ForgotPasswordTakesTheSameTimeForKnownAndUnknownAddresses) {
    // The old form (lookup and mail in the request) measured 1.49 to 1.85 here, in every round; the
    // same path for both, 0.90 to 1.17 on a loaded machine, with now and then one quartile of a round
    // past 1.3 either way when other engineers' builds load both cores. A difference in the work shows
    // in every round; noise does not: the answer times must agree within 1.3 in one of three rounds.
    auto db = connect_db();
    std::vector<std::string> known;
    bool alike = false;
    for (int round = 0; round < 3 && !alike; ++round) alike = forgot_password_round(*db, 150, round, known);
    EXPECT_TRUE(alike) << "known and unknown addresses answered at measurably different speeds in three rounds";
    // The mailer still sends the known addresses their links (it ran meanwhile).
    EXPECT_FALSE(mailed_link(known[0], "password_reset").empty());
}

// #12.10: reset emails are limited per address asked for (and per client), quietly.
TEST(SecurityAccounts, ResetEmailsAreLimited) {
    HttpClient owner;
    const std::string email = register_user(owner);
    for (int i = 0; i < 8; ++i) {
        HttpClient client;
        const auto r = client.submit("/password/forgot", "/password/forgot", {{"email", email}});
        EXPECT_EQ(r.status, 303) << "the same answer every time";
    }
    auto db = connect_db();
    ASSERT_TRUE(wait_until([&] { return db->query_one("SELECT COUNT(*) FROM password_reset_requests WHERE email = ?", email)->i64(0) == 0; },
                           std::chrono::seconds(15)))
        << "the mailer works through the requests";
    EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM outbox WHERE recipient = ? AND kind = 'password_reset'", email)->i64(0), 3);
}

// Also tightened: a guest's same-origin add to cart is judged by the configured origin, not by a
// Host header the client sends to match its own Origin.
TEST(SecurityAccounts, SameOriginIgnoresAClientChosenHost) {
    auto db = connect_db();
    const auto book = db->query_one("SELECT id FROM books WHERE status = 'published' AND stock > 5 ORDER BY id LIMIT 1");
    ASSERT_TRUE(book.has_value());
    HttpClient forged;
    forged.add_header("Origin: http://evil.example");
    forged.add_header("Host: evil.example");
    const auto r = forged.request("POST", "/cart/items", "book_id=" + std::to_string(book->i64(0)) + "&quantity=1");
    EXPECT_EQ(r.status, 403);
}

namespace {

std::string read_whole(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

// #12 "secret tokens not in logs": the tokens of emailed and shared links stay out of nginx's access
// log, nginx's error log and the worker's log, also when the request fails (unknown token, no CSRF
// token, a body nginx refuses, which nginx reports in its error log with the request line).
TEST(SecurityAccounts, SecretTokensInPathsAreNotLogged) {
    const std::string secret = "Sekr3t" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
    HttpClient client;
    const std::string too_large(7 * 1024 * 1024, 'x');  // above client_max_body_size (6m)
    for (const std::string& path : {"/password/reset/", "/verify-email/", "/account/email/confirm/", "/wishlists/shared/",
                                    "/unsubscribe/", "/pay/"}) {
        client.get(path + secret);
        client.post_form(path + secret, {{"password", "no csrf token"}});
        EXPECT_EQ(client.request("POST", path + secret, too_large, "application/x-www-form-urlencoded").status, 413);
    }
    client.get("/payments/callback?ref=" + secret + "&outcome=declined&sig=x");
    EXPECT_EQ(client.request("POST", "/payments/callback?ref=" + secret, too_large, "application/x-www-form-urlencoded").status,
              413);
    client.add_header("Referer: " + base_url() + "/password/reset/" + secret);
    const std::string marker = "/books?logged=" + secret.substr(6);
    client.get(marker);
    const std::string log_dir = std::string(std::getenv("BOOKFAIR_TEST_ENV")) + "/log/";
    std::string log;
    ASSERT_TRUE(wait_until(
        [&] {
            log = read_whole(log_dir + "nginx-access.log");
            return log.find(marker) != std::string::npos;
        },
        std::chrono::seconds(30)))
        << "nginx writes its log at least every second";
    EXPECT_EQ(log.find("Sekr3t"), std::string::npos) << "a token reached the access log";
    EXPECT_NE(log.find("/password/reset/[redacted]"), std::string::npos);
    // The refused bodies are in nginx's error log by now: it writes before answering 413.
    for (const auto& entry : std::filesystem::directory_iterator(log_dir)) {
        const std::string content = read_whole(entry.path().string());
        const auto at = content.find("Sekr3t");
        EXPECT_EQ(at, std::string::npos) << "a token reached " << entry.path().filename() << ": "
                                         << content.substr(at == std::string::npos ? 0 : content.rfind('\n', at) + 1, 300);
    }
}

namespace {

std::string multipart_book(const std::vector<std::pair<std::string, std::string>>& fields, const std::string& png) {
    std::string body;
    for (const auto& [k, v] : fields)
        body += "--cv\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
    return body + "--cv\r\nContent-Disposition: form-data; name=\"cover\"; filename=\"c.png\"\r\nContent-Type: image/png\r\n\r\n" +
           png + "\r\n--cv--\r\n";
}

}  // namespace

// Also tightened: a replaced cover that no order refers to is removed from the uploads.
TEST(SecurityAccounts, ReplacedCoversAreRemoved) {
    const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    HttpClient author;
    register_user(author, "author", "Cover Author");
    auto db = connect_db();
    const std::string category = db->query_one("SELECT slug FROM categories ORDER BY id LIMIT 1")->str(0);
    std::vector<std::pair<std::string, std::string>> fields{
        {"title", "Covered " + unique_email("c")}, {"description", "A cover test."}, {"category", category},
        {"language", "en"}, {"price", "12.50"}, {"currency", "USD"}, {"stock", "7"}, {"stock_seen", "0"},
        {"low_stock_threshold", "3"}, {"_csrf", csrf_from(author.get("/dashboard/books/new").body)}};
    auto r = author.request("POST", "/dashboard/books", multipart_book(fields, png), "multipart/form-data; boundary=cv");
    ASSERT_EQ(r.status, 303) << r.body.substr(0, 300);
    const std::string edit = r.header("location");
    const int64_t id = std::stoll(edit.substr(edit.rfind('/') + 1));
    const std::string first = db->query_one("SELECT cover_path FROM books WHERE id = ?", id)->str(0);
    const auto uploads = std::filesystem::path(config().get("uploads_dir"));
    ASSERT_TRUE(std::filesystem::exists(uploads / first));

    fields.back().second = csrf_from(author.get(edit).body);
    fields.emplace_back("stock_seen", "7");
    fields.erase(std::find_if(fields.begin(), fields.end(), [](const auto& f) { return f.first == "stock_seen"; }));
    r = author.request("POST", edit, multipart_book(fields, png), "multipart/form-data; boundary=cv");
    ASSERT_EQ(r.status, 303) << r.body.substr(0, 300);
    const std::string second = db->query_one("SELECT cover_path FROM books WHERE id = ?", id)->str(0);
    EXPECT_NE(second, first);
    EXPECT_TRUE(std::filesystem::exists(uploads / second));
    EXPECT_FALSE(std::filesystem::exists(uploads / first)) << "the replaced cover is gone";
}
