#pragma once
// International Bank Account Numbers (ISO 13616): normalising what a person types, the mod-97 check
// and the country lengths, and the masked form the pages show. Pure.
#include <optional>
#include <string>
#include <string_view>

namespace bf::iban {

// Spaces and dashes dropped, letters upper-cased: "de89 3704 0044 0532 0130 00" -> "DE89370400440532013000".
std::string normalize(std::string_view text);
// "" when `iban` (normalised) is valid, else why not, as a sentence for the form.
std::string problem(const std::string& iban);
// Grouped by four for reading: "DE89 3704 0044 0532 0130 00".
std::string grouped(const std::string& iban);
// Only the country, check digits and last four shown: "DE89 •••• •••• •••• ••30 00" style, as
// "DE89 **** **** 3000" (never enough to reuse).
std::string masked(const std::string& iban);

}  // namespace bf::iban
