// What people type into forms: amounts of money, ISBNs, dates, date-times and whole numbers. The first
// byte picks the parser, the rest is the text. Properties (none may throw):
// - money: a parsed amount is never negative, and format_plain_amount of it parses back to it;
// - ISBN: a normalised ISBN is 13 digits with a correct check digit and normalises to itself;
// - dates and date-times: a parsed time formats to a text that parses back to the same time (for a
//   date-time with seconds, to the same minute: the form's format has none);
// - numbers: a parsed number lies within the bounds asked for and its decimal form parses back to it;
// - every parser takes time linear in its input.
#include <cctype>

#include "core/isbn.h"
#include "core/money.h"
#include "core/text.h"
#include "core/time.h"
#include "fuzz_support.h"

namespace {

void check(int which, const std::string& text) {
    switch (which % 5) {
        case 0: {
            if (const auto cents = bf::parse_money(text)) {
                FUZZ_CHECK(*cents >= 0, text);
                const std::string plain = bf::format_plain_amount(*cents);
                FUZZ_CHECK(bf::parse_money(plain) == cents, text + " -> " + plain);
            }
            break;
        }
        case 1: {
            if (const auto isbn = bf::normalize_isbn13(text)) {
                FUZZ_CHECK(isbn->size() == 13, text);
                for (char c : *isbn) FUZZ_CHECK(std::isdigit(static_cast<unsigned char>(c)), text);
                FUZZ_CHECK(bf::isbn13_check_digit(isbn->substr(0, 12)) == (*isbn)[12], text);
                FUZZ_CHECK(bf::normalize_isbn13(*isbn) == isbn, text);
            }
            break;
        }
        case 2: {
            if (const auto t = bf::parse_date(text)) {
                const std::string again = bf::format_date(*t);
                FUZZ_CHECK(bf::parse_date(again) == t, text + " -> " + again);
            }
            break;
        }
        case 3: {
            if (const auto t = bf::parse_minutes(text)) {
                const std::string again = bf::format_minutes(*t);
                const int64_t m = 60'000'000;
                const bf::Time minute{t->us - ((t->us % m) + m) % m};
                FUZZ_CHECK(bf::parse_minutes(again) == minute, text + " -> " + again);
            }
            break;
        }
        default: {
            const int64_t lo = static_cast<int64_t>(text.size() % 7), hi = INT64_MAX / (1 + text.size() % 3);
            if (const auto n = bf::parse_int(text, lo, hi)) {
                FUZZ_CHECK(*n >= lo && *n <= hi, text);
                FUZZ_CHECK(bf::parse_int(std::to_string(*n), lo, hi) == n, text);
            }
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    const int which = data[0];
    check(which, std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
    bf::fuzz::maybe_check_linear_time(data, size, [](const std::string& s) { return s; },
                                      [&](const std::string& s) { check(which, s); });
    return 0;
}
