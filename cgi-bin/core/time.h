#pragma once
// A point in time as microseconds since the Unix epoch, always UTC.
#include <cstdint>
#include <string>

namespace bf {

struct Time {
    int64_t us = 0;

    static Time from_seconds(int64_t s) { return Time{s * 1000000}; }
    int64_t seconds() const { return us / 1000000; }
    Time plus_seconds(int64_t s) const { return Time{us + s * 1000000}; }
    Time plus_minutes(int64_t m) const { return plus_seconds(m * 60); }
    Time plus_hours(int64_t h) const { return plus_seconds(h * 3600); }
    Time plus_days(int64_t d) const { return plus_seconds(d * 86400); }

    friend bool operator<(Time a, Time b) { return a.us < b.us; }
    friend bool operator<=(Time a, Time b) { return a.us <= b.us; }
    friend bool operator>(Time a, Time b) { return a.us > b.us; }
    friend bool operator>=(Time a, Time b) { return a.us >= b.us; }
    friend bool operator==(Time a, Time b) { return a.us == b.us; }
    friend bool operator!=(Time a, Time b) { return a.us != b.us; }
};

struct CivilTime {
    int year, month, day, hour, minute, second, micros;
};

CivilTime to_civil(Time t);
Time from_civil(const CivilTime& c);

std::string format_iso(Time t);           // 2026-11-22T13:58:47Z
std::string format_date(Time t);          // 2026-11-22
std::string format_human(Time t);         // 22 Nov 2026, 13:58 UTC
std::string format_http_date(Time t);     // Sun, 22 Nov 2026 13:58:47 GMT
std::string format_mail_date(Time t);     // Sun, 22 Nov 2026 13:58:47 +0000 (RFC 5322)

}  // namespace bf
