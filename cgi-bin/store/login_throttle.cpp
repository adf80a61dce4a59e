#include "store/login_throttle.h"

#include "core/crypto.h"

namespace bf::store {
namespace {

db::Bytes subject(const std::string& key) { return db::Bytes{crypto::sha256(key)}; }
std::string pair_key(const std::string& email, const std::string& address) { return email + "\n" + address; }

}  // namespace

Admission LoginThrottle::count(const std::string& scope, const std::string& key, const ThrottlePolicy& policy,
                               Time now) {
    return db_.transaction([&] {
        // The upsert locks the row until commit: parallel attempts on one key count one after another.
        const Time stale = now.plus_seconds(-policy.window_seconds);
        db_.exec("INSERT INTO login_guard (scope, subject, attempts, window_started_at) VALUES (?, ?, 1, ?)"
                 " ON DUPLICATE KEY UPDATE"
                 " attempts = IF(window_started_at <= ?, 1, attempts + 1),"
                 " window_started_at = IF(window_started_at <= ?, VALUES(window_started_at), window_started_at)",
                 scope, subject(key), now, stale, stale);
        const auto row = db_.query_one("SELECT attempts, window_started_at FROM login_guard WHERE scope = ? AND subject = ?",
                                       scope, subject(key));
        Admission admission;
        admission.attempts = row ? static_cast<int>(row->i64(0)) : 1;
        admission.limit = policy.limit;
        if (row && row->i64(0) > policy.limit) {
            admission.admitted = false;
            const int64_t left = row->time(1).plus_seconds(policy.window_seconds).seconds() - now.seconds();
            admission.retry_after_seconds = left < 1 ? 1 : left;
        }
        return admission;
    });
}

int LoginThrottle::recent(const std::string& scope, const std::string& key, const ThrottlePolicy& policy, Time now) {
    const auto row = db_.query_one("SELECT attempts FROM login_guard WHERE scope = ? AND subject = ? AND window_started_at > ?",
                                   scope, subject(key), now.plus_seconds(-policy.window_seconds));
    return row ? static_cast<int>(row->i64(0)) : 0;
}

bool LoginThrottle::known_address(int64_t user_id, const std::string& address) {
    return db_.query_one("SELECT 1 FROM login_known_addresses WHERE user_id = ? AND address_hash = ?", user_id,
                         subject(address))
        .has_value();
}

Admission LoginThrottle::admit_login(const std::string& email, const std::string& address,
                                     std::optional<int64_t> user_id, Time now) {
    const bool known = user_id && known_address(*user_id, address);
    const bool besieged = !known && (recent("account", email, kAccountFailures, now) >= kAccountFailures.limit ||
                                     recent("address", address, kAddressFailures, now) >= kAddressFailures.limit);
    return count("pair", pair_key(email, address), besieged ? kUnknownPairPolicy : kPairPolicy, now);
}

void LoginThrottle::login_failed(const std::string& email, const std::string& address, std::optional<int64_t> user_id,
                                 Time now) {
    if (user_id && known_address(*user_id, address)) return;
    count("account", email, kAccountFailures, now);
    count("address", address, kAddressFailures, now);
}

void LoginThrottle::login_succeeded(const std::string& email, const std::string& address, int64_t user_id, Time now) {
    db_.exec("DELETE FROM login_guard WHERE scope = 'pair' AND subject = ?", subject(pair_key(email, address)));
    db_.exec("INSERT INTO login_known_addresses (user_id, address_hash, last_login_at) VALUES (?, ?, ?)"
             " ON DUPLICATE KEY UPDATE last_login_at = VALUES(last_login_at)",
             user_id, subject(address), now);
}

uint64_t LoginThrottle::forget_before(Time cutoff) {
    return db_.exec("DELETE FROM login_guard WHERE window_started_at < ?", cutoff);
}

}  // namespace bf::store
