#pragma once
// The login throttle's challenge (#12.3, #13.6): past the allowance of an account+address pair the
// form is not simply refused; it carries a wait token that the next attempt must bring back after its
// delay. The token is sealed with the site's secret (libsodium HMAC), names the pair (as a hash) and
// the attempt count it was issued at, and opens a window [not_before, expires). The throttle counts
// every attempt before the password is weighed, so a token is good for exactly one attempt: the next
// after it was issued (parallel copies find the count moved on). Each wait doubles, so guesses from
// one pair slow to a handful an hour, while a person who mistyped waits a short while and gets in.
// Chosen over an emailed code or a puzzle: it works without JavaScript, sends no mail an attacker
// could aim at someone's inbox, needs no state on the server and costs the server nothing.
#include <cstdint>
#include <optional>
#include <string>

#include "core/crypto.h"
#include "core/time.h"

namespace bf::login_challenge {

inline constexpr int64_t kFirstWaitSeconds = 30;
inline constexpr int64_t kLongestWaitSeconds = 15 * 60;
inline constexpr int64_t kTokenLifeSeconds = 15 * 60;  // after not_before

// The wait before attempt number `over` beyond the allowance (1 for the first): 30 s, doubling, at
// most 15 minutes.
int64_t wait_seconds(int over);

// A token for the attempt after `attempts` on `pair` (any string naming the account and address).
std::string issue(const crypto::Signer& signer, const std::string& pair, int attempts, Time not_before);

enum class Verdict { Missing, Invalid, TooEarly, Expired, Stale, Accepted };
// Judges a token brought with an attempt that made the pair's count `attempts`.
Verdict judge(const crypto::Signer& signer, const std::string& token, const std::string& pair, int attempts, Time now);

}  // namespace bf::login_challenge
