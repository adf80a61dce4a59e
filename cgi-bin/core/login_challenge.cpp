#include "core/login_challenge.h"

#include <algorithm>
#include <sstream>

namespace bf::login_challenge {
namespace {

std::string pair_tag(const std::string& pair) { return crypto::hex_encode(crypto::sha256("login-pair\n" + pair)); }

}  // namespace

int64_t wait_seconds(int over) {
    int64_t wait = kFirstWaitSeconds;
    for (int i = 1; i < over && wait < kLongestWaitSeconds; ++i) wait *= 2;
    return std::min(wait, kLongestWaitSeconds);
}

std::string issue(const crypto::Signer& signer, const std::string& pair, int attempts, Time not_before) {
    // "login-wait|<pair hash>|<attempts>|<not before, µs>": the purpose keeps it from passing as any
    // other sealed token of the site.
    return signer.seal("login-wait|" + pair_tag(pair) + "|" + std::to_string(attempts) + "|" +
                       std::to_string(not_before.us));
}

Verdict judge(const crypto::Signer& signer, const std::string& token, const std::string& pair, int attempts, Time now) {
    if (token.empty()) return Verdict::Missing;
    std::string payload;
    if (token.size() > 512 || !signer.open(token, payload)) return Verdict::Invalid;
    std::istringstream in(payload);
    std::string purpose, tag, issued_at, not_before;
    if (!std::getline(in, purpose, '|') || !std::getline(in, tag, '|') || !std::getline(in, issued_at, '|') ||
        !std::getline(in, not_before, '|') || purpose != "login-wait" || tag != pair_tag(pair))
        return Verdict::Invalid;
    Time from{};
    int issued = 0;
    try {
        from.us = std::stoll(not_before);
        issued = std::stoi(issued_at);
    } catch (const std::exception&) {
        return Verdict::Invalid;
    }
    if (attempts != issued + 1) return Verdict::Stale;  // another attempt came first: one use only
    if (now < from) return Verdict::TooEarly;
    if (now >= from.plus_seconds(kTokenLifeSeconds)) return Verdict::Expired;
    return Verdict::Accepted;
}

}  // namespace bf::login_challenge
