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

namespace {

// The newest link of `kind` mailed to `email` (a path under the site), "" when none.
std::string mailed_link(const std::string& email, const std::string& kind, const std::string& path_pattern) {
    auto db = connect_db();
    const auto row = db->query_one("SELECT body_text FROM outbox WHERE recipient = ? AND kind = ? ORDER BY id DESC LIMIT 1",
                                   email, kind);
    if (!row) return "";
    std::smatch m;
    const std::string text = row->str(0);
    if (!std::regex_search(text, m, std::regex("(" + path_pattern + "[A-Za-z0-9_-]+)"))) return "";
    return m[1].str();
}

}  // namespace

// #12.9: confirming a new address voids reset links and ends the other sessions.
TEST(SecurityAccounts, ConfirmingANewEmailVoidsResetLinksAndOtherSessions) {
    HttpClient here;
    const std::string email = register_user(here);
    HttpClient elsewhere;
    ASSERT_EQ(login_status(elsewhere, email, "correct horse"), 303);
    HttpClient stranger;
    ASSERT_EQ(stranger.submit("/password/forgot", "/password/forgot", {{"email", email}}).status, 303);
    const std::string reset = mailed_link(email, "password_reset", "/password/reset/");
    ASSERT_FALSE(reset.empty());

    const std::string new_email = unique_email("moved");
    ASSERT_EQ(here.submit("/account/settings", "/account/settings/email",
                          {{"new_email", new_email}, {"email_password", "correct horse"}})
                  .status,
              303);
    const std::string confirm = mailed_link(new_email, "email_change", "/account/email/confirm/");
    ASSERT_FALSE(confirm.empty());
    ASSERT_EQ(here.submit(confirm, confirm, {}).status, 303);

    EXPECT_EQ(here.get("/account").status, 200) << "the confirming session stays";
    EXPECT_EQ(elsewhere.get("/account").status, 303) << "the other session has ended";
    EXPECT_EQ(stranger.get(reset).status, 410) << "the old reset link is void";
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

// Also tightened: the secret tokens of emailed and shared links stay out of nginx's access log.
TEST(SecurityAccounts, SecretTokensInPathsAreNotLogged) {
    const std::string secret = "Sekr3t" + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
    HttpClient client;
    for (const std::string& path : {"/password/reset/", "/verify-email/", "/account/email/confirm/", "/wishlists/shared/",
                                    "/unsubscribe/", "/pay/"})
        client.get(path + secret);
    client.get("/payments/callback?ref=" + secret + "&outcome=declined&sig=x");
    client.add_header("Referer: " + base_url() + "/password/reset/" + secret);
    const std::string marker = "/books?logged=" + secret.substr(6);
    client.get(marker);
    const std::string log_path = std::string(std::getenv("BOOKFAIR_TEST_ENV")) + "/log/nginx-access.log";
    std::string log;
    ASSERT_TRUE(wait_until(
        [&] {
            std::ifstream in(log_path);
            log.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
            return log.find(marker) != std::string::npos;
        },
        std::chrono::seconds(30)))
        << "nginx writes its log at least every second";
    EXPECT_EQ(log.find("Sekr3t"), std::string::npos) << "a token reached the access log";
    EXPECT_NE(log.find("/password/reset/[redacted]"), std::string::npos);
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
