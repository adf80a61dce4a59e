// Bad requests get clear answers and change nothing.
#include <gtest/gtest.h>

#include "harness.h"

using namespace bf::test;

TEST(HttpSafety, PostWithoutCsrfTokenIs403AndCreatesNothing) {
    HttpClient client;
    const std::string email = unique_email("nocsrf");
    client.get("/register");
    const auto r = client.post_form("/register", {{"email", email}, {"display_name", "X"}, {"password", "correct horse"}});
    EXPECT_EQ(r.status, 403);
    EXPECT_NE(r.body.find("did not come from Bookfair"), std::string::npos);
    auto db = connect_db();
    EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM users WHERE email = ?", email)->i64(0), 0);
}

TEST(HttpSafety, CsrfTokenOfAnotherVisitorIsRefused) {
    HttpClient victim, attacker;
    register_user(victim);
    const std::string attacker_token = csrf_from(attacker.get("/login").body);
    const auto r = victim.post_form("/logout", {{"_csrf", attacker_token}});
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(victim.get("/account").status, 200) << "still logged in";
}

TEST(HttpSafety, WrongMethodIs405WithAllowHeader) {
    HttpClient client;
    const auto r = client.request("DELETE", "/login");
    EXPECT_EQ(r.status, 405);
    EXPECT_EQ(r.header("allow"), "GET, POST, HEAD");
    EXPECT_NE(r.body.find("Wrong kind of request"), std::string::npos);
    EXPECT_EQ(client.get("/logout").status, 405);
}

TEST(HttpSafety, UnknownPathIsAFriendly404) {
    HttpClient client;
    const auto r = client.get("/no/such/page");
    EXPECT_EQ(r.status, 404);
    EXPECT_NE(r.body.find("Page not found"), std::string::npos);
    EXPECT_NE(r.body.find("href=\"/\""), std::string::npos);
}

TEST(HttpSafety, OversizedFormIs413) {
    HttpClient client;
    const std::string token = csrf_from(client.get("/login").body);
    const std::string body = "_csrf=" + token + "&email=" + std::string(2 << 20, 'a');
    const auto r = client.request("POST", "/login", body);
    EXPECT_EQ(r.status, 413);
}

TEST(HttpSafety, UploadBeyondNginxLimitIs413) {
    HttpClient client;
    const std::string boundary = "xyz";
    const std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.bin\"\r\n\r\n" +
                             std::string(7 << 20, 'a') + "\r\n--" + boundary + "--\r\n";
    const auto r = client.request("POST", "/login", body, "multipart/form-data; boundary=" + boundary);
    EXPECT_EQ(r.status, 413);
}

TEST(HttpSafety, InvalidUtf8Is400) {
    HttpClient client;
    const std::string token = csrf_from(client.get("/login").body);
    const auto r = client.request("POST", "/login", "_csrf=" + token + "&email=%C3%28&password=x");
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("UTF-8"), std::string::npos);
    EXPECT_EQ(client.get("/books?q=%FF%FE").status, 400);
}

TEST(HttpSafety, BrokenPercentEscapeIs400) {
    HttpClient client;
    const std::string token = csrf_from(client.get("/login").body);
    EXPECT_EQ(client.request("POST", "/login", "_csrf=" + token + "&email=%zz").status, 400);
}

TEST(HttpSafety, BrokenMultipartIs400) {
    HttpClient client;
    const std::string token = csrf_from(client.get("/login").body);
    // No boundary parameter at all.
    EXPECT_EQ(client.request("POST", "/login", "garbage", "multipart/form-data").status, 400);
    // A body cut off before its closing boundary.
    const std::string cut = "--b\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token + "\r\n--b\r\nContent-Dispo";
    EXPECT_EQ(client.request("POST", "/login", cut, "multipart/form-data; boundary=b").status, 400);
    // A part without headers.
    EXPECT_EQ(client.request("POST", "/login", "--b\r\nno headers here--b--\r\n", "multipart/form-data; boundary=b").status, 400);
}

TEST(HttpSafety, WellFormedMultipartFormIsAccepted) {
    HttpClient client;
    const std::string token = csrf_from(client.get("/login").body);
    const std::string body = "--b\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token +
                             "\r\n--b\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nnobody@example.com"
                             "\r\n--b\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nwhatever1\r\n--b--\r\n";
    const auto r = client.request("POST", "/login", body, "multipart/form-data; boundary=b");
    EXPECT_EQ(r.status, 422) << "parsed and answered as a failed login";
}

TEST(HttpSafety, SecurityHeadersOnEveryPage) {
    HttpClient client;
    for (const char* path : {"/", "/login", "/nope"}) {
        const auto r = client.get(path);
        EXPECT_NE(r.header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos) << path;
        EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << path;
        EXPECT_EQ(r.header("referrer-policy"), "same-origin") << path;
    }
}

TEST(HttpSafety, FlashMessageShowsOnceAfterRedirect) {
    HttpClient client;
    const auto account = client.get("/account");  // not logged in
    ASSERT_EQ(account.status, 303);
    const auto login = client.get(account.header("location"));
    EXPECT_NE(login.body.find("Please log in to continue."), std::string::npos);
    EXPECT_EQ(client.get("/login").body.find("Please log in to continue."), std::string::npos);
}

TEST(HttpSafety, TamperedFlashCookieIsIgnored) {
    HttpClient client;
    client.set_cookie("bf_flash", "SGVsbG8.AAAA");
    const auto r = client.get("/");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body.find("class=\"flash"), std::string::npos);
}
