#pragma once
// Page views counted in the worker's memory. Requests only bump a number here; a background
// thread hands the totals to Catalog::record_views every few seconds, so no page view ever
// waits on the database, let alone on a book's row lock.
#include <cstdint>
#include <map>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

namespace bf::store {

class ViewCounter {
public:
    // Distinct books held before views are dropped (a flood of ids between two flushes).
    static constexpr size_t kMaxBooks = 100000;

    // (visitor, book) pairs remembered per period; past this a flood counts nothing more.
    static constexpr size_t kMaxSeen = 1000000;

    // Counts a view of `book_id` once per visitor (a hash of their session or address) per period
    // (e.g. the hour): replaying the beacon adds nothing. Per worker process.
    void add(int64_t book_id, uint64_t visitor, int64_t period) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (period != period_) {
            seen_.clear();
            period_ = period;
        }
        if (seen_.size() >= kMaxSeen) return;
        if (!seen_.insert(visitor * 0x9E3779B97F4A7C15ULL ^ static_cast<uint64_t>(book_id)).second) return;
        if (counts_.size() < kMaxBooks || counts_.count(book_id)) ++counts_[book_id];
    }
    // Everything counted since the last call, in book-id order.
    std::map<int64_t, int64_t> take() {
        std::unordered_map<int64_t, int64_t> taken;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            taken.swap(counts_);
        }
        return std::map<int64_t, int64_t>(taken.begin(), taken.end());
    }

private:
    std::mutex mutex_;
    std::unordered_map<int64_t, int64_t> counts_;
    std::unordered_set<uint64_t> seen_;
    int64_t period_ = -1;
};

}  // namespace bf::store
