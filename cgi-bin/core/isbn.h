#pragma once
// ISBN-13: the check digit, and normalising what a person types ("978-0-306-40615-7").
#include <optional>
#include <string>
#include <string_view>

namespace bf {

// The check digit ('0'..'9') for twelve digits.
char isbn13_check_digit(std::string_view twelve_digits);
// Thirteen digits with a correct check digit, hyphens and spaces removed; nullopt otherwise.
std::optional<std::string> normalize_isbn13(std::string_view text);

}  // namespace bf
