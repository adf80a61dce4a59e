#include "core/iban.h"

#include <cctype>
#include <map>

namespace bf::iban {
namespace {

// Lengths of the SEPA countries' IBANs and a few more; others are held to the general 15-34.
const std::map<std::string, size_t>& lengths() {
    static const std::map<std::string, size_t> m{
        {"AD", 24}, {"AT", 20}, {"BE", 16}, {"BG", 22}, {"CH", 21}, {"CY", 28}, {"CZ", 24}, {"DE", 22}, {"DK", 18},
        {"EE", 20}, {"ES", 24}, {"FI", 18}, {"FR", 27}, {"GB", 22}, {"GI", 23}, {"GR", 27}, {"HR", 21}, {"HU", 28},
        {"IE", 22}, {"IS", 26}, {"IT", 27}, {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"MC", 27}, {"MT", 31},
        {"NL", 18}, {"NO", 15}, {"PL", 28}, {"PT", 25}, {"RO", 24}, {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27},
        {"VA", 22}, {"AE", 23}, {"BR", 29}, {"IL", 23}, {"SA", 24}, {"TR", 26}, {"UA", 29}};
    return m;
}

}  // namespace

std::string normalize(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == ' ' || c == '-' || c == '\t') continue;
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string problem(const std::string& iban) {
    if (iban.empty()) return "Enter your IBAN.";
    for (char c : iban)
        if (!std::isalnum(static_cast<unsigned char>(c)) || (c >= 'a' && c <= 'z'))
            return "An IBAN has only letters and digits.";
    if (iban.size() < 15 || iban.size() > 34) return "An IBAN has 15 to 34 characters.";
    if (!std::isupper(static_cast<unsigned char>(iban[0])) || !std::isupper(static_cast<unsigned char>(iban[1])) ||
        !std::isdigit(static_cast<unsigned char>(iban[2])) || !std::isdigit(static_cast<unsigned char>(iban[3])))
        return "An IBAN starts with a country code and two check digits, like DE89.";
    const auto known = lengths().find(iban.substr(0, 2));
    if (known != lengths().end() && known->second != iban.size())
        return "An IBAN from " + iban.substr(0, 2) + " has " + std::to_string(known->second) + " characters; this one has " +
               std::to_string(iban.size()) + ".";
    // ISO 7064 mod 97-10: the first four characters moved to the end, letters as 10..35, remainder 1.
    const std::string moved = iban.substr(4) + iban.substr(0, 4);
    int remainder = 0;
    for (char c : moved) {
        const int value = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : c - 'A' + 10;
        remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
    }
    if (remainder != 1) return "That IBAN's check digits do not match: please check it for a typing error.";
    return "";
}

std::string grouped(const std::string& iban) {
    std::string out;
    for (size_t i = 0; i < iban.size(); ++i) {
        if (i && i % 4 == 0) out += ' ';
        out += iban[i];
    }
    return out;
}

std::string masked(const std::string& iban) {
    if (iban.size() < 8) return "****";
    return iban.substr(0, 4) + " **** **** " + iban.substr(iban.size() - 4);
}

}  // namespace bf::iban
