#include "core/cards.h"

#include <cctype>

namespace bf::cards {

std::string normalize_number(const std::string& typed) {
    std::string digits;
    for (char c : typed) {
        if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
        else if (c != ' ' && c != '-') return "";
    }
    return digits;
}

bool luhn_valid(const std::string& digits) {
    if (digits.size() < 12 || digits.size() > 19) return false;
    int sum = 0;
    bool twice = false;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (!std::isdigit(static_cast<unsigned char>(*it))) return false;
        int d = *it - '0';
        if (twice) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        sum += d;
        twice = !twice;
    }
    return sum % 10 == 0;
}

std::string brand(const std::string& digits) {
    auto prefix = [&](size_t n) { return digits.size() >= n ? std::stoi(digits.substr(0, n)) : -1; };
    if (!digits.empty() && digits[0] == '4') return "Visa";
    if ((prefix(2) >= 51 && prefix(2) <= 55) || (prefix(4) >= 2221 && prefix(4) <= 2720)) return "Mastercard";
    if (prefix(2) == 34 || prefix(2) == 37) return "American Express";
    if (prefix(4) == 6011 || prefix(2) == 65) return "Discover";
    return "Card";
}

std::optional<std::pair<int, int>> parse_expiry(const std::string& typed) {
    std::string month, year;
    bool slash = false;
    for (char c : typed) {
        if (c == ' ') continue;
        if (c == '/') {
            if (slash) return std::nullopt;
            slash = true;
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            (slash ? year : month) += c;
        } else {
            return std::nullopt;
        }
    }
    if (!slash || month.empty() || month.size() > 2 || (year.size() != 2 && year.size() != 4)) return std::nullopt;
    const int m = std::stoi(month);
    int y = std::stoi(year);
    if (m < 1 || m > 12) return std::nullopt;
    if (year.size() == 2) y += 2000;
    return std::make_pair(m, y);
}

bool expired(int month, int year, Time now) {
    const CivilTime c = to_civil(now);
    return year < c.year || (year == c.year && month < c.month);
}

}  // namespace bf::cards
