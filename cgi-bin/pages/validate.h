#pragma once
// Field rules shared by every form; each returns the message to show, or "" when fine.
#include <string>

namespace bf::pages {

inline constexpr size_t kMinPasswordLength = 8;
inline constexpr size_t kMaxPasswordBytes = 1024;  // argon2 takes any length; bound the work

std::string normalize_email(const std::string& raw);  // trimmed, lowercased
std::string check_email(const std::string& email);
std::string check_password(const std::string& password);
std::string check_display_name(const std::string& name);
// A local path to return to after login; anything else (other hosts, "//x") becomes "/account".
std::string safe_next(const std::string& next);

}  // namespace bf::pages
