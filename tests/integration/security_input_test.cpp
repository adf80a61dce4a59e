// Issue #12.1 and #12.2: every request is parsed in linear time, and every page has one address, so
// nothing reaches a handler past nginx's limits.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "harness.h"

using namespace bf::test;

namespace {

// Shortest of three round trips through nginx for one POST.
double seconds_for(const std::string& path, const std::string& body, const std::string& content_type) {
    double best = 1e9;
    for (int run = 0; run < 3; ++run) {
        HttpClient client;
        const auto start = std::chrono::steady_clock::now();
        const auto r = client.request("POST", path, body, content_type);
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        EXPECT_TRUE(r.status == 400 || r.status == 403) << r.status;
    }
    return best;
}

}  // namespace

// #12.1: a crafted body costs what an ordinary body of the same size costs.
TEST(SecurityInput, CraftedBodiesCostNoMoreThanOrdinaryOnes) {
    const size_t bytes = 64 << 10;
    const std::string form = "application/x-www-form-urlencoded";
    const double ordinary = seconds_for("/login", "x=" + std::string(bytes, 'a'), form);
    const double ampersands = seconds_for("/login", std::string(bytes, '&'), form);
    std::string boundaries;
    while (boundaries.size() < bytes) boundaries += "--b\r\n";
    boundaries += "Content-Disposition: form-data\r\n\r\n--b--\r\n";
    const double multipart = seconds_for("/login", boundaries, "multipart/form-data; boundary=b");
    std::printf("64 KiB POST through nginx: ordinary %.4f s, '&' x N %.4f s (ratio %.1f), "
                "boundary x N %.4f s (ratio %.1f)\n",
                ordinary, ampersands, ampersands / ordinary, multipart, multipart / ordinary);
    EXPECT_LT(ampersands / ordinary, 20.0);
    EXPECT_LT(multipart / ordinary, 20.0);
}

// #12.2: "/login/" and its kind never reach a handler past nginx's limits: GETs move to the one
// address of the page, anything else is refused.
TEST(SecurityInput, NonCanonicalPathsRedirectOrAreRefused) {
    HttpClient client;
    const auto moved = client.get("/login/?next=%2Fcart");
    EXPECT_EQ(moved.status, 308);
    EXPECT_EQ(moved.header("location"), "/login?next=%2Fcart");
    EXPECT_EQ(client.get("/books/").header("location"), "/books");
    const std::string token = csrf_from(client.get("/login").body);
    for (const std::string path : {"/login/", "/register/", "/sales/1/buy/", "/login//"}) {
        const auto r = client.request("POST", path, "_csrf=" + token + "&email=a%40b.example&password=wrong-password");
        EXPECT_EQ(r.status, 404) << path;
    }
}
