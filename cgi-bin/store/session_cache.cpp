#include "store/session_cache.h"

namespace bf::store {

void SessionCache::set_max_age_ms(int64_t ms) {
    std::lock_guard<std::mutex> lock(mutex_);
    max_age_us_ = ms < 0 ? 0 : ms > 1000 ? 1000000 : ms * 1000;
    entries_.clear();
    ++epoch_;
}

std::optional<SessionRecord> SessionCache::find(const std::string& token_hash, Time now) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = entries_.find(token_hash);
    if (it == entries_.end()) return std::nullopt;
    // Fresh only between its reading and max_age later: a clock moved back does not extend a copy.
    const int64_t age = now.us - it->second.read_at.us;
    if (age < 0 || age >= max_age_us_ || !(it->second.record.expires > now)) {
        entries_.erase(it);
        return std::nullopt;
    }
    return it->second.record;
}

uint64_t SessionCache::epoch() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return epoch_;
}

void SessionCache::put(const std::string& token_hash, const SessionRecord& record, Time read_at,
                       uint64_t epoch_before) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (max_age_us_ == 0 || epoch_ != epoch_before) return;
    if (entries_.size() >= kMaxEntries) {
        // Full: drop what has aged out; if that frees too little, start over (a second's worth of
        // visitors is all the cache can serve anyway).
        for (auto it = entries_.begin(); it != entries_.end();)
            it = read_at.us - it->second.read_at.us >= max_age_us_ ? entries_.erase(it) : std::next(it);
        if (entries_.size() >= kMaxEntries / 2) entries_.clear();
    }
    entries_[token_hash] = Entry{record, read_at};
}

template <class Pred>
void SessionCache::forget_if(Pred pred) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++epoch_;
    for (auto it = entries_.begin(); it != entries_.end();) it = pred(it->second.record) ? entries_.erase(it) : std::next(it);
}

void SessionCache::forget_token(const std::string& token_hash) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++epoch_;
    entries_.erase(token_hash);
}

void SessionCache::forget_session(int64_t session_id) {
    forget_if([session_id](const SessionRecord& r) { return r.id == session_id; });
}

void SessionCache::forget_user(int64_t user_id) {
    forget_if([user_id](const SessionRecord& r) { return r.user && r.user->id == user_id; });
}

void SessionCache::clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++epoch_;
    entries_.clear();
}

size_t SessionCache::size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return entries_.size();
}

SessionCache& session_cache() {
    static SessionCache cache;
    return cache;
}

}  // namespace bf::store
