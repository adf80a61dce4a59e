#pragma once
// The send budget shared by every mailer: one row in the database holds the earliest instant the
// next message may go, and each send moves it one interval on (store::Mail::take_send_slot).
// Sends are therefore spaced, never bunched at a window's edge, so any window of any length
// holds at most its share. The interval carries a 1% margin: the limit is a promise about what
// the SMTP server sees, and the time between taking a slot and the message arriving varies.
//
// Bulk mail takes a slot of a second budget first, spaced for its share of the rate only
// (100% less mail_transactional_reserve_percent), then the shared slot: so bulk mail alone never
// uses the part of each minute kept for transactional mail, while transactional mail may use all.
#include <atomic>
#include <cstdint>

#include "core/clock.h"
#include "store/store.h"

namespace bf::mailer {

// Microseconds between two sends for `percent` % of a limit per minute; 0 means no limit.
int64_t send_interval_us(int64_t per_minute, int64_t percent = 100);

class RateLimiter {
public:
    RateLimiter(int64_t per_minute, int64_t transactional_reserve_percent, store::Store& store, const Clock& clock,
                const std::atomic<bool>& stop);
    bool enabled() const { return interval_us_ > 0; }
    // Waits until this process may send one message of the class; false when asked to stop first.
    bool acquire(store::MailClass mail_class);

private:
    // Conflicts on the budget row asked again at once before one is thrown to the round.
    static constexpr int kMaxSlotConflicts = 50;
    bool take(const char* budget, int64_t interval_us);

    int64_t interval_us_;
    int64_t bulk_interval_us_;
    store::Store& store_;
    const Clock& clock_;
    const std::atomic<bool>& stop_;
};

// Sleeps until the clock reaches `when` (re-reading it, so a test that moves time ends the wait),
// or until `stop` is set, in steps of at most 100 ms. True when the time came.
bool sleep_until(const Clock& clock, Time when, const std::atomic<bool>& stop);

}  // namespace bf::mailer
