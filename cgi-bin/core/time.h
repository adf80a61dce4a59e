#pragma once
// A point in time as microseconds since the Unix epoch, always UTC.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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
std::string format_minutes(Time t);       // 2026-11-22T13:58 (an <input type="datetime-local"> value)
// A span of seconds in its two largest units: "45 s", "3 min 5 s", "2 h 5 min", "3 d 4 h".
std::string format_duration(int64_t seconds);

// "2026-11-22" -> that day's midnight UTC; nullopt for anything else, a day that does not exist
// (31 April) included, and years outside 1400-2999.
std::optional<Time> parse_date(std::string_view text);
// "2026-11-22T13:58" (or with a space, or with ":SS") -> that minute, UTC.
std::optional<Time> parse_minutes(std::string_view text);
const char* month_abbr(int month);        // 1 -> "Jan"
int days_in_month(int year, int month);

}  // namespace bf
