#include "mailer/rate_limiter.h"

#include <algorithm>
#include <optional>
#include <thread>

#include "db/connection.h"

namespace bf::mailer {

int64_t send_interval_us(int64_t per_minute, int64_t percent) {
    if (per_minute <= 0 || percent <= 0) return 0;
    // 60 s with the 1% margin, over per_minute * percent / 100 messages, rounded up.
    const int64_t share = per_minute * percent;
    return (60'000'000LL * 101 + share - 1) / share;
}

RateLimiter::RateLimiter(int64_t per_minute, int64_t transactional_reserve_percent, store::Store& store,
                         const Clock& clock, const std::atomic<bool>& stop)
    : interval_us_(send_interval_us(per_minute)),
      bulk_interval_us_(send_interval_us(per_minute, 100 - transactional_reserve_percent)),
      store_(store),
      clock_(clock),
      stop_(stop) {}

bool RateLimiter::acquire(store::MailClass mail_class) {
    if (!enabled()) return !stop_;
    if (mail_class == store::MailClass::Bulk && bulk_interval_us_ > interval_us_ && !take("smtp-bulk", bulk_interval_us_))
        return false;
    return take("smtp", interval_us_);
}

bool RateLimiter::take(const char* budget, int64_t interval_us) {
    for (int conflicts = 0; !stop_;) {
        std::optional<Time> busy_until;
        try {
            busy_until = store_.mail.take_send_slot(budget, interval_us, clock_.now());
        } catch (const db::Error& e) {
            // Mailers taking the budget row through two Galera nodes meet as certification conflicts
            // (1213). That is a lost race, not a failure: ask again at once, with the time as it is
            // now. Thrown to the round, each cost its mailer a one-second pause (a cluster test's
            // second mailer lost 6 s that way and the busiest 10 s held 72 messages of 100).
            if (!e.is_deadlock_or_lock_timeout() || ++conflicts > kMaxSlotConflicts) throw;
            continue;
        }
        if (!busy_until) return true;
        sleep_until(clock_, *busy_until, stop_);
    }
    return false;
}

bool sleep_until(const Clock& clock, Time when, const std::atomic<bool>& stop) {
    // Wakes when the (movable) clock reaches `when`, or when as much real time has passed as was
    // asked for at the start: a clock moved backwards (tests do) must not stretch the sleep.
    const auto real_deadline =
        std::chrono::steady_clock::now() + std::chrono::microseconds(std::max<int64_t>(0, when.us - clock.now().us));
    while (!stop) {
        const int64_t left_us = when.us - clock.now().us;
        if (left_us <= 0 || std::chrono::steady_clock::now() >= real_deadline) return true;
        std::this_thread::sleep_for(std::chrono::microseconds(std::min<int64_t>(left_us, 100'000)));
    }
    return false;
}

}  // namespace bf::mailer
