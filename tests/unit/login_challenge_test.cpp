#include <gtest/gtest.h>

#include "core/login_challenge.h"

using namespace bf;
using login_challenge::Verdict;

namespace {

const crypto::Signer& signer() {
    static const crypto::Signer s(std::string(32, 'k'));
    return s;
}

}  // namespace

TEST(LoginChallenge, WaitsDoubleUpToFifteenMinutes) {
    EXPECT_EQ(login_challenge::wait_seconds(1), 30);
    EXPECT_EQ(login_challenge::wait_seconds(2), 60);
    EXPECT_EQ(login_challenge::wait_seconds(5), 480);
    EXPECT_EQ(login_challenge::wait_seconds(6), 900);
    EXPECT_EQ(login_challenge::wait_seconds(60), 900);
}

TEST(LoginChallenge, ATokenOpensOneAttemptOfItsPairAfterItsWait) {
    crypto::init();
    const Time from = Time::from_seconds(1'000'000);
    const std::string token = login_challenge::issue(signer(), "a@example.com\n10.0.0.1", 5, from);
    EXPECT_EQ(login_challenge::judge(signer(), token, "a@example.com\n10.0.0.1", 6, from), Verdict::Accepted);
    EXPECT_EQ(login_challenge::judge(signer(), token, "a@example.com\n10.0.0.1", 6, from.plus_seconds(-1)), Verdict::TooEarly);
    EXPECT_EQ(login_challenge::judge(signer(), token, "a@example.com\n10.0.0.1", 6,
                                     from.plus_seconds(login_challenge::kTokenLifeSeconds)),
              Verdict::Expired);
    EXPECT_EQ(login_challenge::judge(signer(), token, "a@example.com\n10.0.0.1", 7, from), Verdict::Stale)
        << "another attempt came first";
    EXPECT_EQ(login_challenge::judge(signer(), token, "a@example.com\n10.0.0.2", 6, from), Verdict::Invalid)
        << "another address";
    EXPECT_EQ(login_challenge::judge(signer(), token, "b@example.com\n10.0.0.1", 6, from), Verdict::Invalid);
    EXPECT_EQ(login_challenge::judge(signer(), "", "a@example.com\n10.0.0.1", 6, from), Verdict::Missing);
    std::string forged = token;
    forged[2] = forged[2] == 'A' ? 'B' : 'A';
    EXPECT_EQ(login_challenge::judge(signer(), forged, "a@example.com\n10.0.0.1", 6, from), Verdict::Invalid);
    const crypto::Signer other(std::string(32, 'o'));
    EXPECT_EQ(login_challenge::judge(other, token, "a@example.com\n10.0.0.1", 6, from), Verdict::Invalid);
}
