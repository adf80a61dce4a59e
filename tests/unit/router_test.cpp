#include <gtest/gtest.h>

#include "http/router.h"

using bf::http::Router;

TEST(Router, MatchesLiteralAndParameterSegments) {
    Router<int> r;
    r.add("GET", "/", 1);
    r.add("GET", "/books/{slug}", 2);
    r.add("POST", "/books/{slug}/reviews", 3);
    EXPECT_EQ(*r.match("GET", "/").handler, 1);
    const auto m = r.match("GET", "/books/dune");
    ASSERT_NE(m.handler, nullptr);
    EXPECT_EQ(*m.handler, 2);
    EXPECT_EQ(m.params.at("slug"), "dune");
    EXPECT_EQ(*r.match("POST", "/books/dune/reviews").handler, 3);
}

TEST(Router, UnknownPathHasNoHandlerAndNoAllowedMethods) {
    Router<int> r;
    r.add("GET", "/books/{slug}", 2);
    const auto m = r.match("GET", "/authors/x");
    EXPECT_EQ(m.handler, nullptr);
    EXPECT_TRUE(m.allowed.empty());
    EXPECT_EQ(r.match("GET", "/books/a/b").handler, nullptr);
}

TEST(Router, WrongMethodListsTheAllowedOnes) {
    Router<int> r;
    r.add("GET", "/login", 1);
    r.add("POST", "/login", 2);
    r.add("POST", "/logout", 3);
    const auto m = r.match("DELETE", "/login");
    EXPECT_EQ(m.handler, nullptr);
    EXPECT_EQ(m.allowed, "GET, POST, HEAD");
    EXPECT_EQ(r.match("GET", "/logout").allowed, "POST");
}

TEST(Router, HeadIsAnsweredByTheGetRoute) {
    Router<int> r;
    r.add("GET", "/", 1);
    ASSERT_NE(r.match("HEAD", "/").handler, nullptr);
}

TEST(Router, EveryPathHasOneCanonicalForm) {
    EXPECT_TRUE(bf::http::is_canonical_path("/"));
    EXPECT_TRUE(bf::http::is_canonical_path("/sales/3/buy"));
    EXPECT_FALSE(bf::http::is_canonical_path("/login/"));
    EXPECT_FALSE(bf::http::is_canonical_path("//login"));
    EXPECT_FALSE(bf::http::is_canonical_path("/sales//3/buy"));
    EXPECT_FALSE(bf::http::is_canonical_path("login"));
    EXPECT_EQ(bf::http::canonical_path("/login/"), "/login");
    EXPECT_EQ(bf::http::canonical_path("//"), "/");
    EXPECT_EQ(bf::http::canonical_path("//evil.example/x/"), "/evil.example/x") << "never a protocol-relative address";
    EXPECT_EQ(bf::http::canonical_path("/a b/\\x\r\n/"), "/a%20b/%5Cx%0D%0A");
    EXPECT_EQ(bf::http::canonical_path(std::string("/a\0b/", 5)), "/a%00b");
}
