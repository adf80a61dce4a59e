#include "pages/validate.h"

#include <cctype>

#include "core/text.h"

namespace bf::pages {
namespace {

bool valid_domain(const std::string& domain) {
    if (domain.empty() || domain.size() > 253 || domain.find('.') == std::string::npos) return false;
    size_t start = 0;
    while (start <= domain.size()) {
        const size_t end = domain.find('.', start);
        const std::string label = domain.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
        for (unsigned char c : label)
            if (!std::isalnum(c) && c != '-' && c < 0x80) return false;
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return true;
}

}  // namespace

std::string normalize_email(const std::string& raw) { return to_lower(trim(raw)); }

std::string check_email(const std::string& email) {
    if (email.empty()) return "Enter your email address.";
    if (email.size() > 254) return "That email address is too long.";
    const auto at = email.rfind('@');
    if (at == std::string::npos || at == 0 || at + 1 >= email.size())
        return "Enter an email address like name@example.com.";
    const std::string local = email.substr(0, at);
    if (local.size() > 64) return "The part before the @ is too long.";
    for (unsigned char c : local)
        if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == '@' || c == ',' || c == ';' || c == '\\')
            return "The part before the @ contains a character email addresses cannot have.";
    if (!valid_domain(email.substr(at + 1))) return "The part after the @ is not a valid domain.";
    return "";
}

std::string check_password(const std::string& password) {
    if (utf8_length(password) < kMinPasswordLength)
        return "Use at least " + std::to_string(kMinPasswordLength) + " characters.";
    if (password.size() > kMaxPasswordBytes) return "That password is too long.";
    return "";
}

std::string check_display_name(const std::string& name) {
    if (name.empty()) return "Tell us what to call you.";
    if (!is_plain_text(name, false)) return "Use letters, digits and punctuation only.";
    if (utf8_length(name) > 100) return "Keep it to 100 characters or fewer.";
    return "";
}

std::string safe_next(const std::string& next) {
    if (next.empty() || next[0] != '/' || starts_with(next, "//") || starts_with(next, "/\\")) return "/account";
    for (unsigned char c : next)
        if (c < 0x20 || c == 0x7f) return "/account";
    return next;
}

}  // namespace bf::pages
