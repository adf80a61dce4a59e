#include "core/time.h"

#include <cstdio>
#include <iterator>

namespace bf {
namespace {

// Howard Hinnant's civil-from-days algorithm, proleptic Gregorian calendar.
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int& y, int& m, int& d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(static_cast<int64_t>(yoe) + era * 400 + (m <= 2));
}

const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
const char* const kWeekdays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

CivilTime to_civil(Time t) {
    const int64_t secs = floor_div(t.us, 1000000);
    const int64_t days = floor_div(secs, 86400);
    const int64_t rem = secs - days * 86400;
    CivilTime c{};
    civil_from_days(days, c.year, c.month, c.day);
    c.hour = static_cast<int>(rem / 3600);
    c.minute = static_cast<int>(rem / 60 % 60);
    c.second = static_cast<int>(rem % 60);
    c.micros = static_cast<int>(t.us - secs * 1000000);
    return c;
}

Time from_civil(const CivilTime& c) {
    const int64_t days = days_from_civil(c.year, static_cast<unsigned>(c.month), static_cast<unsigned>(c.day));
    const int64_t secs = days * 86400 + c.hour * 3600 + c.minute * 60 + c.second;
    return Time{secs * 1000000 + c.micros};
}

std::string format_iso(Time t) {
    const CivilTime c = to_civil(t);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour,
                  c.minute, c.second);
    return buf;
}

std::string format_date(Time t) {
    const CivilTime c = to_civil(t);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", c.year, c.month, c.day);
    return buf;
}

std::string format_human(Time t) {
    const CivilTime c = to_civil(t);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%d %s %04d, %02d:%02d UTC", c.day, kMonths[c.month - 1], c.year,
                  c.hour, c.minute);
    return buf;
}

std::string format_duration(int64_t seconds) {
    if (seconds < 0) seconds = 0;
    struct Unit {
        int64_t seconds;
        const char* name;
    };
    static constexpr Unit kUnits[] = {{86400, "d"}, {3600, "h"}, {60, "min"}, {1, "s"}};
    for (size_t i = 0; i + 1 < std::size(kUnits); ++i) {
        if (seconds < kUnits[i].seconds) continue;
        const int64_t big = seconds / kUnits[i].seconds;
        const int64_t small = seconds % kUnits[i].seconds / kUnits[i + 1].seconds;
        return std::to_string(big) + " " + kUnits[i].name +
               (small ? " " + std::to_string(small) + " " + kUnits[i + 1].name : std::string());
    }
    return std::to_string(seconds) + " s";
}

namespace {

// "Sun, 22 Nov 2026 13:58:47 " followed by the zone the caller names.
std::string format_weekday_date(Time t, const char* zone) {
    const CivilTime c = to_civil(t);
    const int64_t days = floor_div(floor_div(t.us, 1000000), 86400);
    const int weekday = static_cast<int>(((days % 7) + 7) % 7);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d %s", kWeekdays[weekday], c.day,
                  kMonths[c.month - 1], c.year, c.hour, c.minute, c.second, zone);
    return buf;
}

}  // namespace

std::string format_http_date(Time t) { return format_weekday_date(t, "GMT"); }

std::string format_mail_date(Time t) { return format_weekday_date(t, "+0000"); }

std::string format_minutes(Time t) {
    const CivilTime c = to_civil(t);
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d", c.year, c.month, c.day, c.hour, c.minute);
    return buf;
}

namespace {

// Exactly `width` digits at `text[at]`, or -1.
int digits_at(std::string_view text, size_t at, size_t width) {
    if (at + width > text.size()) return -1;
    int v = 0;
    for (size_t i = at; i < at + width; ++i) {
        if (text[i] < '0' || text[i] > '9') return -1;
        v = v * 10 + (text[i] - '0');
    }
    return v;
}

}  // namespace

std::optional<Time> parse_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    const int y = digits_at(s, 0, 4), m = digits_at(s, 5, 2), d = digits_at(s, 8, 2);
    if (y < 1400 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    // A date that survives the trip through the calendar is real (no 31 April).
    const Time t = from_civil(CivilTime{y, m, d, 0, 0, 0, 0});
    const CivilTime back = to_civil(t);
    if (back.month != m || back.day != d) return std::nullopt;
    return t;
}

std::optional<Time> parse_minutes(std::string_view s) {
    if (s.size() != 16 && s.size() != 19) return std::nullopt;
    const auto day = parse_date(s.substr(0, 10));
    if (!day || (s[10] != 'T' && s[10] != ' ') || s[13] != ':') return std::nullopt;
    const int h = digits_at(s, 11, 2), mi = digits_at(s, 14, 2);
    const int sec = s.size() == 19 && s[16] == ':' ? digits_at(s, 17, 2) : s.size() == 16 ? 0 : -1;
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return std::nullopt;
    return day->plus_seconds(h * 3600 + mi * 60 + sec);
}

const char* month_abbr(int month) { return kMonths[(month - 1 + 1200) % 12]; }

int days_in_month(int year, int month) {
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[(month - 1 + 1200) % 12];
}

}  // namespace bf
