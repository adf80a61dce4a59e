#include <gtest/gtest.h>

#include <set>

#include "core/crypto.h"
#include "http/csrf.h"

using namespace bf;

class Crypto : public ::testing::Test {
protected:
    static void SetUpTestSuite() { crypto::init(); }
};

TEST_F(Crypto, TokensAreRandomUrlSafeAndOfTheRightLength) {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const std::string t = crypto::random_token(32);
        EXPECT_EQ(t.size(), 43u);
        EXPECT_EQ(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos);
        seen.insert(t);
    }
    EXPECT_EQ(seen.size(), 1000u);
}

TEST_F(Crypto, Base64UrlRoundTrips) {
    const std::string bytes("\0\xff\x10 binary", 10);
    std::string back;
    ASSERT_TRUE(crypto::base64url_decode(crypto::base64url_encode(bytes), back));
    EXPECT_EQ(back, bytes);
    EXPECT_FALSE(crypto::base64url_decode("not base64!", back));
}

TEST_F(Crypto, PasswordHashIsArgon2idAndVerifies) {
    const std::string hash = crypto::hash_password("correct horse");
    EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
    EXPECT_TRUE(crypto::verify_password(hash, "correct horse"));
    EXPECT_FALSE(crypto::verify_password(hash, "correct horsE"));
    EXPECT_FALSE(crypto::verify_password("garbage", "correct horse"));
    EXPECT_NE(crypto::hash_password("correct horse"), hash) << "salted";
}

TEST_F(Crypto, SealedValuesRejectTampering) {
    crypto::Signer signer(std::string(32, 'k'));
    const std::string sealed = signer.seal("hello");
    std::string payload;
    ASSERT_TRUE(signer.open(sealed, payload));
    EXPECT_EQ(payload, "hello");
    std::string tampered = sealed;
    tampered[0] = 'j';
    EXPECT_FALSE(signer.open(tampered, payload));
    EXPECT_FALSE(crypto::Signer(std::string(32, 'q')).open(sealed, payload)) << "another key";
    EXPECT_FALSE(signer.open("no-dot", payload));
}

TEST_F(Crypto, CsrfTokenIsBoundToTheVisitor) {
    crypto::Signer signer(std::string(32, 'k'));
    http::Csrf csrf(signer);
    const std::string mine = csrf.token_for("s|session-a");
    EXPECT_TRUE(csrf.check("s|session-a", mine));
    EXPECT_FALSE(csrf.check("s|session-b", mine));
    EXPECT_FALSE(csrf.check("s|session-a", ""));
    EXPECT_FALSE(csrf.check("", csrf.token_for("")));
    EXPECT_FALSE(csrf.check("s|session-a", mine.substr(1)));
}

TEST_F(Crypto, Sha256MatchesAKnownVector) {
    EXPECT_EQ(crypto::hex_encode(crypto::sha256("abc")),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
