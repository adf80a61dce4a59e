#pragma once
// Money is integer cents; these helpers only format and parse it.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace bf {

using Cents = int64_t;

// "$", "€", "£", else the code and a space ("CHF ").
std::string currency_symbol(std::string_view currency);
// 123456 -> "$1,234.56" (currency symbol for USD/EUR/GBP, else the code as prefix).
std::string format_money(Cents cents, std::string_view currency = "USD");
// Money in several currencies, per currency code: never summed into one number.
using Amounts = std::map<std::string, Cents>;
// {"EUR": 500, "USD": 1200} -> "€5.00 · $12.00" (currencies in code order; zero ones left out unless
// all are); nothing at all -> format_money(0, when_empty).
std::string format_amounts(const Amounts& amounts, std::string_view when_empty = "USD");
// 1499 -> "14.99", as a person types an amount into a form (no symbol, no separators).
std::string format_plain_amount(Cents cents);
// "12", "12.3", "12.34", "1,234.50" -> cents; nullopt for anything else (no floats involved).
std::optional<Cents> parse_money(std::string_view text);
// Basis points as a percentage without the sign: 1500 -> "15", 1250 -> "12.5", 1205 -> "12.05".
std::string format_basis_points(int64_t basis_points);
// Percentage in basis points applied with rounding half up: apply_rate(1000, 825) == 83.
Cents apply_basis_points(Cents amount, int64_t basis_points);

}  // namespace bf
