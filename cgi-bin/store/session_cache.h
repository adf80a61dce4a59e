#pragma once
// This process's copies of session rows (with their user and cart count), so that a visitor's
// requests do not each cost a round trip to the database for the same row.
//
// The promise: a copy is used for at most max_age (one second by default, on the application's
// clock) after it was read, so a logout, password change, deactivation or role change made by
// another process (another worker, the admin tool) takes effect here within that time; one made by
// this process drops the copies it touches when its transaction ends, so it takes effect here at once.
// A read that raced with such a change is never stored (see epoch()).
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/time.h"
#include "store/sessions.h"

namespace bf::store {

class SessionCache {
public:
    static constexpr size_t kMaxEntries = 20000;

    // 0 turns the cache off. More than a second would break the promise the README states.
    void set_max_age_ms(int64_t ms);
    bool enabled() const { return max_age_us_ > 0; }

    std::optional<SessionRecord> find(const std::string& token_hash, Time now);
    // Taken before reading a row from the database; put() refuses the row when anything was
    // forgotten meanwhile (the row may predate that change).
    uint64_t epoch() const;
    void put(const std::string& token_hash, const SessionRecord& record, Time read_at, uint64_t epoch_before);

    void forget_token(const std::string& token_hash);
    void forget_session(int64_t session_id);
    void forget_user(int64_t user_id);
    void clear();
    size_t size() const;

private:
    struct Entry {
        SessionRecord record;
        Time read_at;
    };
    template <class Pred>
    void forget_if(Pred pred);

    mutable std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
    uint64_t epoch_ = 0;
    int64_t max_age_us_ = 1000000;
};

// The one cache of this process.
SessionCache& session_cache();

}  // namespace bf::store
