#include "mailer/rate_limiter.h"

#include <algorithm>
#include <thread>

namespace bf::mailer {

int64_t send_interval_us(int64_t per_minute) {
    if (per_minute <= 0) return 0;
    return (60'000'000LL * 101 / 100 + per_minute - 1) / per_minute;
}

RateLimiter::RateLimiter(int64_t per_minute, store::Store& store, const Clock& clock, const std::atomic<bool>& stop)
    : interval_us_(send_interval_us(per_minute)), store_(store), clock_(clock), stop_(stop) {}

bool RateLimiter::acquire() {
    if (!enabled()) return !stop_;
    while (!stop_) {
        const auto busy_until = store_.mail.take_send_slot(interval_us_, clock_.now());
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
