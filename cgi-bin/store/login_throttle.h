#pragma once
// Slows down password guessing: failed logins are counted per account and per
// address within a window; past a threshold each further failure locks for longer.
#include <optional>
#include <string>

#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

struct ThrottlePolicy {
    int threshold;           // failures allowed before the first lock
    int64_t window_seconds;  // failures older than this are forgotten
};

inline constexpr ThrottlePolicy kAccountPolicy{5, 15 * 60};
inline constexpr ThrottlePolicy kAddressPolicy{20, 15 * 60};

// Lock length after `failures` failures: 0 below the threshold, then 30 s doubling to 15 min.
int64_t lockout_seconds(int failures, const ThrottlePolicy& policy);

class LoginThrottle {
public:
    explicit LoginThrottle(db::Connection& db) : db_(db) {}
    // When the subject is locked, the time the lock ends.
    std::optional<Time> locked_until(const std::string& scope, const std::string& subject, Time now);
    void record_failure(const std::string& scope, const std::string& subject, const ThrottlePolicy& policy, Time now);
    void clear(const std::string& scope, const std::string& subject);

private:
    db::Connection& db_;
};

}  // namespace bf::store
