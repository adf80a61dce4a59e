// Issue #12.3 with #13.6 (one throttle for password guessing that never locks the owner out) and the
// sign-up limit of #12.2.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <memory>
#include <regex>
#include <thread>
#include <vector>

#include "harness.h"

using namespace bf::test;

namespace {

int login_status(HttpClient& client, const std::string& email, const std::string& password) {
    return static_cast<int>(client.submit("/login", "/login", {{"email", email}, {"password", password}}).status);
}

// Runs `n` failed logins from fresh clients, four at a time; `setup` prepares client i and names the
// email and password it tries. Answers how many were weighed and refused as wrong (422).
int failed_logins(int n, const std::function<std::pair<std::string, std::string>(int, HttpClient&)>& setup) {
    std::atomic<int> next{0}, failed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i; (i = next++) < n;) {
                HttpClient client;
                const auto [email, password] = setup(i, client);
                failed += login_status(client, email, password) == 422;
            }
        });
    for (auto& t : threads) t.join();
    return failed.load();
}

}  // namespace

// #12.3: every attempt is counted before its password is weighed, so twelve parallel guesses from
// one address get five weighed (422) and the rest refused (429), never twelve weighed.
TEST(SecurityLogin, ParallelGuessesWeighNoMoreThanTheLimit) {
    HttpClient owner;
    const std::string email = register_user(owner);
    constexpr int kGuesses = 12;
    std::vector<std::unique_ptr<HttpClient>> clients;
    std::vector<std::string> tokens;
    for (int i = 0; i < kGuesses; ++i) {
        clients.push_back(std::make_unique<HttpClient>());
        clients.back()->set_address("203.0.113.77");
        tokens.push_back(csrf_from(clients.back()->get("/login").body));
    }
    std::atomic<int> weighed{0}, refused{0}, other{0};
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kGuesses; ++i)
        threads.emplace_back([&, i] {
            ++ready;
            while (ready.load() < kGuesses) std::this_thread::yield();
            const auto r = clients[i]->post_form(
                "/login", {{"_csrf", tokens[i]}, {"email", email}, {"password", "guess " + std::to_string(i)}});
            (r.status == 422 ? weighed : r.status == 429 ? refused : other)++;
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(other.load(), 0);
    EXPECT_EQ(weighed.load(), 5) << "the pair's allowance, however many arrive at once";
    EXPECT_EQ(refused.load(), kGuesses - 5);
}

// #13.6: others' failures never refuse the owner's correct password: not from an address the
// account logged in from, and not (on its first try) from a new one; and failures from a shared
// address (an office, a carrier's NAT) do not refuse other people there.
TEST(SecurityLogin, OthersFailuresNeverLockTheOwnerOut) {
    HttpClient owner;
    const std::string email = register_user(owner);
    owner.post_form("/logout", {{"_csrf", csrf_from(owner.get("/account").body)}});
    ASSERT_EQ(login_status(owner, email, "correct horse"), 303) << "the owner's address becomes known";
    owner.post_form("/logout", {{"_csrf", csrf_from(owner.get("/account").body)}});

    // A crowd of addresses guesses past the account's figure; one of them till its pair is refused.
    EXPECT_EQ(failed_logins(12, [&](int i, HttpClient&) { return std::make_pair(email, "crowd " + std::to_string(i)); }), 12);
    HttpClient persistent;
    for (int i = 0; i < 5; ++i) login_status(persistent, email, "guess " + std::to_string(i));
    EXPECT_EQ(login_status(persistent, email, "correct horse"), 429) << "that pair waits, even with the password";
    HttpClient second_from_crowd;
    EXPECT_EQ(login_status(second_from_crowd, email, "a guess"), 422);
    EXPECT_EQ(login_status(second_from_crowd, email, "another"), 429) << "a besieged account: one try per new pair";

    EXPECT_EQ(login_status(owner, email, "correct horse"), 303) << "the owner's known address is unaffected";
    HttpClient owner_travelling;
    EXPECT_EQ(login_status(owner_travelling, email, "correct horse"), 303) << "a new address gets its try";

    // An office address whose other users failed many times.
    HttpClient colleague_owner;
    const std::string colleague = register_user(colleague_owner);
    ASSERT_GE(failed_logins(32, [](int, HttpClient& office) {
                  office.set_address("203.0.113.9");
                  return std::make_pair(unique_email("stuffed"), std::string("stuffed password"));
              }),
              31)
        << "nginx may turn a few away (10 a second per address)";
    HttpClient colleague_at_office;
    colleague_at_office.set_address("203.0.113.9");
    EXPECT_EQ(login_status(colleague_at_office, colleague, "correct horse"), 303);
}

// #12.2: sign-up weighs a password too, so it has a limit per address of its own.
TEST(SecurityLogin, SignUpsAreLimitedPerAddress) {
    const int limit = static_cast<int>(config().get_int("signups_per_address_per_hour", 10));
    int refused_at = 0;
    for (int i = 1; i <= limit + 1 && !refused_at; ++i) {
        HttpClient client;
        client.set_address("203.0.113.41");
        const auto r = client.submit("/register", "/register",
                                     {{"email", unique_email("signup")}, {"display_name", "Signer"},
                                      {"password", "correct horse"}, {"role", "customer"}});
        if (r.status == 429) refused_at = i;
        else EXPECT_EQ(r.status, 303);
    }
    EXPECT_EQ(refused_at, limit + 1);
    HttpClient elsewhere;
    EXPECT_EQ(elsewhere.submit("/register", "/register",
                               {{"email", unique_email("signup")}, {"display_name", "Signer"},
                                {"password", "correct horse"}, {"role", "customer"}})
                  .status,
              303);
}

namespace {

std::string challenge_in(const std::string& html) {
    std::smatch m;
    return std::regex_search(html, m, std::regex("name=\"challenge\" value=\"([^\"]+)\"")) ? m[1].str() : "";
}

struct ClockReset {
    ~ClockReset() { set_clock_offset(0); }
};

}  // namespace

// #13.6 / #12.3: past the pair's allowance the form is not only refused: it carries a signed wait
// token, and an attempt that brings it back after the wait is weighed (a correct password logs in).
// Too early, the wait starts again, longer; each token is good for one attempt, however many copies
// arrive at once.
TEST(SecurityLogin, PastTheAllowanceTheFormChallengesWithAWait) {
    ClockReset reset;
    HttpClient owner;
    const std::string email = register_user(owner);
    HttpClient guesser;
    guesser.set_address("198.51.100.61");
    HttpResponse last;
    for (int i = 0; i < 5; ++i)
        last = guesser.submit("/login", "/login", {{"email", email}, {"password", "guess " + std::to_string(i)}});
    EXPECT_EQ(last.status, 422);
    std::string token = challenge_in(last.body);
    ASSERT_FALSE(token.empty()) << "the fifth failure hands out the wait for the sixth";
    EXPECT_NE(last.body.find("wait 30 seconds"), std::string::npos);

    auto early = guesser.submit("/login", "/login", {{"email", email}, {"password", "correct horse"}, {"challenge", token}});
    EXPECT_EQ(early.status, 429) << "before the wait, even the right password waits";
    EXPECT_NE(early.body.find("before the wait was over"), std::string::npos);
    EXPECT_EQ(early.header("retry-after"), "60") << "the wait doubles";
    token = challenge_in(early.body);
    ASSERT_FALSE(token.empty());

    set_clock_offset(61);
    const auto waited = guesser.submit("/login", "/login", {{"email", email}, {"password", "correct horse"}, {"challenge", token}});
    EXPECT_EQ(waited.status, 303) << waited.body;
    EXPECT_EQ(guesser.get("/account").status, 200);

    // One token, many copies at once: one attempt is weighed.
    HttpClient second_owner;
    const std::string second = register_user(second_owner);
    HttpClient first;
    first.set_address("198.51.100.63");
    for (int i = 0; i < 5; ++i)
        last = first.submit("/login", "/login", {{"email", second}, {"password", "guess " + std::to_string(i)}});
    token = challenge_in(last.body);
    ASSERT_FALSE(token.empty());
    set_clock_offset(61 + 31);
    constexpr int kCopies = 6;
    std::vector<std::unique_ptr<HttpClient>> clients;
    std::vector<std::string> csrf;
    for (int i = 0; i < kCopies; ++i) {
        clients.push_back(std::make_unique<HttpClient>());
        clients.back()->set_address("198.51.100.63");
        csrf.push_back(csrf_from(clients.back()->get("/login").body));
    }
    std::atomic<int> weighed{0}, refused{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kCopies; ++i)
        threads.emplace_back([&, i] {
            const auto r = clients[i]->post_form(
                "/login", {{"_csrf", csrf[i]}, {"email", second}, {"password", "copy " + std::to_string(i)}, {"challenge", token}});
            (r.status == 422 ? weighed : refused) += (r.status == 422 || r.status == 429);
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(weighed.load(), 1);
    EXPECT_EQ(refused.load(), kCopies - 1);
}
