#pragma once
// A small thread-safe map whose entries expire after a fixed time on the steady clock (not the
// application's clock: tests move that one, and a cache must not live for hours because of it).
// Full means cleared: the entries are cheap to rebuild and this keeps memory bounded.
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace bf {

template <class V>
class TtlCache {
public:
    TtlCache(std::chrono::milliseconds ttl, size_t max_entries) : ttl_(ttl), max_entries_(max_entries) {}

    // The value, or nullptr when absent or expired.
    std::shared_ptr<const V> get(const std::string& key) {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto it = entries_.find(key);
        if (it == entries_.end()) return nullptr;
        if (std::chrono::steady_clock::now() >= it->second.expires) {
            entries_.erase(it);
            return nullptr;
        }
        return it->second.value;
    }

    std::shared_ptr<const V> put(const std::string& key, V value) {
        auto shared = std::make_shared<const V>(std::move(value));
        std::lock_guard<std::mutex> lock(mutex_);
        if (entries_.size() >= max_entries_) entries_.clear();
        entries_[key] = Entry{shared, std::chrono::steady_clock::now() + ttl_};
        return shared;
    }

    void clear() {
        std::lock_guard<std::mutex> lock(mutex_);
        entries_.clear();
    }

private:
    struct Entry {
        std::shared_ptr<const V> value;
        std::chrono::steady_clock::time_point expires;
    };
    std::chrono::milliseconds ttl_;
    size_t max_entries_;
    std::mutex mutex_;
    std::unordered_map<std::string, Entry> entries_;
};

}  // namespace bf
