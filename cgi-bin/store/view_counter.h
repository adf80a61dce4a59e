#pragma once
// Page views counted in the worker's memory. Requests only bump a number here; a background
// thread hands the totals to Catalog::record_views every few seconds, so no page view ever
// waits on the database, let alone on a book's row lock.
#include <cstdint>
#include <map>
#include <mutex>
#include <unordered_map>

namespace bf::store {

class ViewCounter {
public:
    // Distinct books held before views are dropped (a flood of ids between two flushes).
    static constexpr size_t kMaxBooks = 100000;

    void add(int64_t book_id) {
        std::lock_guard<std::mutex> lock(mutex_);
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
};

}  // namespace bf::store
