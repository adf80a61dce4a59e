#include "store/login_throttle.h"

#include <algorithm>

namespace bf::store {

int64_t lockout_seconds(int failures, const ThrottlePolicy& policy) {
    if (failures < policy.threshold) return 0;
    const int doublings = std::min(failures - policy.threshold, 10);
    return std::min<int64_t>(30LL << doublings, 15 * 60);
}

std::optional<Time> LoginThrottle::locked_until(const std::string& scope, const std::string& subject, Time now) {
    const auto row = db_.query_one(
        "SELECT locked_until FROM login_throttle WHERE scope = ? AND subject = ? AND locked_until > ?", scope,
        subject, now);
    if (!row) return std::nullopt;
    return row->time(0);
}

void LoginThrottle::record_failure(const std::string& scope, const std::string& subject,
                                   const ThrottlePolicy& policy, Time now) {
    db_.transaction([&] {
        const auto row = db_.query_one(
            "SELECT failures, window_started_at FROM login_throttle WHERE scope = ? AND subject = ? FOR UPDATE",
            scope, subject);
        int failures = 1;
        Time window_start = now;
        if (row && row->time(1) > now.plus_seconds(-policy.window_seconds)) {
            failures = static_cast<int>(row->i64(0)) + 1;
            window_start = row->time(1);
        }
        const int64_t lock = lockout_seconds(failures, policy);
        std::optional<Time> locked;
        if (lock > 0) locked = now.plus_seconds(lock);
        db_.exec(
            "INSERT INTO login_throttle (scope, subject, failures, window_started_at, locked_until)"
            " VALUES (?, ?, ?, ?, ?)"
            " ON DUPLICATE KEY UPDATE failures = VALUES(failures), window_started_at = VALUES(window_started_at),"
            " locked_until = VALUES(locked_until)",
            scope, subject, failures, window_start, locked);
    });
}

void LoginThrottle::clear(const std::string& scope, const std::string& subject) {
    db_.exec("DELETE FROM login_throttle WHERE scope = ? AND subject = ?", scope, subject);
}

}  // namespace bf::store
