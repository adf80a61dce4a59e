#pragma once
// Payment card checks for the simulated provider: Luhn, brand, expiry. Pure.
#include <optional>
#include <string>

#include "core/time.h"

namespace bf::cards {

// Digits only, or "" when anything but digits, spaces and dashes was typed.
std::string normalize_number(const std::string& typed);
bool luhn_valid(const std::string& digits);
// "Visa", "Mastercard", "American Express", "Discover" or "Card".
std::string brand(const std::string& digits);
// "MM/YY", "MM / YY" or "MM/YYYY" -> {month, four-digit year}; nullopt when malformed.
std::optional<std::pair<int, int>> parse_expiry(const std::string& typed);
// A card is good through the last moment of its expiry month (UTC).
bool expired(int month, int year, Time now);

}  // namespace bf::cards
