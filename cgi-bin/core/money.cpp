#include "core/money.h"
#include "core/text.h"

#include <cctype>
#include <cstdlib>

namespace bf {

std::string currency_symbol(std::string_view currency) {
    if (currency == "USD") return "$";
    if (currency == "EUR") return "\u20ac";
    if (currency == "GBP") return "\u00a3";
    return std::string(currency) + " ";
}

std::string format_money(Cents cents, std::string_view currency) {
    const bool negative = cents < 0;
    // Work on the magnitude as unsigned so INT64_MIN does not overflow.
    uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(cents) : static_cast<uint64_t>(cents);
    const std::string whole = with_thousands(static_cast<int64_t>(magnitude / 100));
    const uint64_t frac = magnitude % 100;
    return std::string(negative ? "-" : "") + currency_symbol(currency) + whole + "." + (frac < 10 ? "0" : "") + std::to_string(frac);
}

std::string format_amounts(const Amounts& amounts, std::string_view when_empty) {
    std::string text;
    for (const auto& [currency, cents] : amounts)
        if (cents != 0) text += (text.empty() ? "" : " \u00b7 ") + format_money(cents, currency);
    if (!text.empty()) return text;
    return format_money(0, amounts.empty() ? when_empty : std::string_view(amounts.begin()->first));
}

std::string format_plain_amount(Cents c) {
    const Cents magnitude = c < 0 ? -c : c;
    const std::string cents = std::to_string(magnitude % 100);
    return std::string(c < 0 ? "-" : "") + std::to_string(magnitude / 100) + "." + (cents.size() < 2 ? "0" : "") + cents;
}

std::optional<Cents> parse_money(std::string_view text) {
    size_t i = 0;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i < text.size() && text[i] == '$') ++i;
    Cents whole = 0;
    int digits = 0;
    for (; i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == ','); ++i) {
        if (text[i] == ',') continue;
        if (++digits > 12) return std::nullopt;  // beyond any price we sell
        whole = whole * 10 + (text[i] - '0');
    }
    Cents frac = 0;
    if (i < text.size() && text[i] == '.') {
        ++i;
        int frac_digits = 0;
        for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
            if (++frac_digits > 2) return std::nullopt;
            frac = frac * 10 + (text[i] - '0');
        }
        if (frac_digits == 0) return std::nullopt;
        if (frac_digits == 1) frac *= 10;
    }
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i != text.size() || digits == 0) return std::nullopt;
    return whole * 100 + frac;
}

std::string format_basis_points(int64_t bp) {
    std::string s = std::string(bp < 0 ? "-" : "") + std::to_string((bp < 0 ? -bp : bp) / 100);
    const int64_t rest = (bp < 0 ? -bp : bp) % 100;
    if (rest == 0) return s;
    return s + "." + (rest % 10 ? std::to_string(100 + rest).substr(1) : std::to_string(rest / 10));
}

Cents apply_basis_points(Cents amount, int64_t basis_points) {
    // amount * bp / 10000, rounded half away from zero, in integers only.
    const __int128 product = static_cast<__int128>(amount) * basis_points;
    const __int128 half = product >= 0 ? 5000 : -5000;
    return static_cast<Cents>((product + half) / 10000);
}

}  // namespace bf
