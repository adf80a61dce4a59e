#pragma once
// One throttle for password guessing and the other costly anonymous forms (sign-up, reset emails).
//
// An attempt is counted before the work it guards (the password weighed, the email sent), in one
// locked upsert, so no number of parallel requests gets past the limit. Logins are limited per
// account+address pair; an account or address that draws many failures from pairs with no login
// history squeezes only such pairs (one try a window each), so a correct password is still accepted
// and the owner's known addresses keep their own allowance.
#include <cstdint>
#include <optional>
#include <string>

#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

struct ThrottlePolicy {
    int limit;               // attempts allowed in a window
    int64_t window_seconds;  // a window starts with its first attempt
};

inline constexpr ThrottlePolicy kPairPolicy{5, 15 * 60};        // guesses per account+address
inline constexpr ThrottlePolicy kUnknownPairPolicy{1, 15 * 60};  // per pair, while its account or address is besieged
inline constexpr ThrottlePolicy kAccountFailures{10, 60 * 60};  // failures from unknown addresses, per account
inline constexpr ThrottlePolicy kAddressFailures{30, 60 * 60};  // failures on unknown accounts, per address
inline constexpr ThrottlePolicy kRegisterPolicy{10, 60 * 60};    // sign-ups per address
inline constexpr ThrottlePolicy kResetAddressPolicy{10, 60 * 60};
inline constexpr ThrottlePolicy kResetEmailPolicy{3, 60 * 60};

struct Admission {
    bool admitted = true;
    int64_t retry_after_seconds = 0;  // when refused: until the window ends
    int attempts = 0;                 // counted in the window so far, this one included
    int limit = 0;                    // the window's allowance
};

class LoginThrottle {
public:
    explicit LoginThrottle(db::Connection& db) : db_(db) {}

    // Counts one attempt at (scope, key) and admits it while the window holds at most `policy.limit`.
    Admission count(const std::string& scope, const std::string& key, const ThrottlePolicy& policy, Time now);

    // Counts a login attempt on the pair before its password is weighed. `user_id` is the account of
    // `email` when there is one (an unknown email is throttled the same way, so nothing tells them apart).
    Admission admit_login(const std::string& email, const std::string& address, std::optional<int64_t> user_id,
                          Time now);
    // A wrong password: counted against the account and the address unless the pair logged in before.
    void login_failed(const std::string& email, const std::string& address, std::optional<int64_t> user_id,
                      Time now);
    // A right one: the pair starts afresh and the address becomes known to the account.
    void login_succeeded(const std::string& email, const std::string& address, int64_t user_id, Time now);

    // Forgets windows that ended before `cutoff` (housekeeping).
    uint64_t forget_before(Time cutoff);

private:
    bool known_address(int64_t user_id, const std::string& address);
    int recent(const std::string& scope, const std::string& key, const ThrottlePolicy& policy, Time now);
    db::Connection& db_;
};

}  // namespace bf::store
