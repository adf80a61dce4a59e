#include "core/isbn.h"

namespace bf {

char isbn13_check_digit(std::string_view twelve) {
    int sum = 0;
    for (size_t i = 0; i < 12 && i < twelve.size(); ++i) sum += (twelve[i] - '0') * (i % 2 ? 3 : 1);
    return static_cast<char>('0' + (10 - sum % 10) % 10);
}

std::optional<std::string> normalize_isbn13(std::string_view text) {
    std::string digits;
    for (char c : text) {
        if (c >= '0' && c <= '9') digits += c;
        else if (c != '-' && c != ' ') return std::nullopt;
    }
    if (digits.size() != 13 || isbn13_check_digit(digits) != digits[12]) return std::nullopt;
    return digits;
}

}  // namespace bf
