#include "core/text.h"

#include <cctype>
#include <cstdlib>

namespace bf {

std::string trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return std::string(s.substr(b, e - b));
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string to_upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

bool is_valid_utf8(std::string_view s) {
    size_t i = 0;
    const size_t n = s.size();
    while (i < n) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) { ++i; continue; }
        size_t len;
        uint32_t cp;
        if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
        else return false;
        if (i + len > n) return false;
        for (size_t k = 1; k < len; ++k) {
            const unsigned char cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Reject overlong forms, surrogates and values past U+10FFFF.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return false;
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += len;
    }
    return true;
}

size_t utf8_length(std::string_view s) {
    size_t count = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
    return count;
}

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string url_encode(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size() * 3);
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

bool url_decode(std::string_view s, std::string& out) {
    out.clear();
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%') {
            if (i + 2 >= s.size()) return false;
            if (!std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
                !std::isxdigit(static_cast<unsigned char>(s[i + 2])))
                return false;
            out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += c;
        }
    }
    return true;
}

std::string excerpt(std::string_view s, size_t max_chars) {
    std::string flat;
    for (char c : s) {
        const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
        if (!space) flat += c;
        else if (!flat.empty() && flat.back() != ' ') flat += ' ';
    }
    while (!flat.empty() && flat.back() == ' ') flat.pop_back();
    if (utf8_length(flat) <= max_chars) return flat;
    // Cut at a code point boundary, then back to the last space so no word is broken.
    size_t bytes = 0, chars = 0;
    while (bytes < flat.size() && chars < max_chars - 1) {
        ++bytes;
        while (bytes < flat.size() && (static_cast<unsigned char>(flat[bytes]) & 0xC0) == 0x80) ++bytes;
        ++chars;
    }
    const size_t space = flat.rfind(' ', bytes);
    if (space != std::string::npos && space > 0) bytes = space;
    flat.resize(bytes);
    while (!flat.empty() && (flat.back() == ' ' || flat.back() == ',' || flat.back() == '.')) flat.pop_back();
    return flat + "\u2026";
}

std::string slugify(std::string_view s) {
    std::string out;
    bool dash = false;
    for (unsigned char c : s) {
        if (std::isalnum(c)) {
            if (dash && !out.empty()) out += '-';
            out += static_cast<char>(std::tolower(c));
            dash = false;
        } else {
            dash = true;
        }
    }
    return out;
}

std::optional<int64_t> parse_int(const std::string& text, int64_t lo, int64_t hi) {
    // Digits only: strtoll alone would also take a sign and leading spaces.
    if (text.empty() || text.size() > 12) return std::nullopt;
    int64_t v = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    if (v < lo || v > hi) return std::nullopt;
    return v;
}

std::string utf8_prefix(std::string_view s, size_t max_chars) {
    size_t chars = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;  // a continuation byte
        if (chars++ == max_chars) return std::string(s.substr(0, i));
    }
    return std::string(s);
}

bool is_plain_text(std::string_view s, bool multiline) {
    for (unsigned char c : s) {
        if (c == '\n' || c == '\r' || c == '\t') {
            if (!multiline) return false;
        } else if (c < 0x20 || c == 0x7f) {
            return false;
        }
    }
    return is_valid_utf8(s);
}

std::string count_of(int64_t n, std::string_view one, std::string_view many) {
    return with_thousands(n) + " " + std::string(n == 1 ? one : many);
}

std::string normalize_newlines(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\r') { out += s[i]; continue; }
        out += '\n';
        if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    }
    return out;
}

std::vector<std::string> paragraphs(std::string_view text) {
    const std::string lines = normalize_newlines(text);
    std::vector<std::string> out;
    std::string current;
    auto finish = [&] {
        std::string t = trim(current);
        if (!t.empty()) out.push_back(std::move(t));
        current.clear();
    };
    for (size_t start = 0; start <= lines.size();) {
        size_t end = lines.find('\n', start);
        if (end == std::string::npos) end = lines.size();
        const std::string_view line = std::string_view(lines).substr(start, end - start);
        if (trim(line).empty()) finish();
        else current.append(current.empty() ? "" : "\n").append(line);
        start = end + 1;
    }
    finish();
    return out;
}

std::vector<std::string> split_trimmed(std::string_view text, char separator) {
    std::vector<std::string> out;
    for (size_t start = 0; start <= text.size();) {
        size_t end = text.find(separator, start);
        if (end == std::string_view::npos) end = text.size();
        std::string piece = trim(text.substr(start, end - start));
        if (!piece.empty()) out.push_back(std::move(piece));
        start = end + 1;
    }
    return out;
}

std::string with_thousands(int64_t n) {
    // The magnitude as unsigned, so INT64_MIN does not overflow.
    std::string digits = std::to_string(n < 0 ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n));
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<size_t>(i), ",");
    return (n < 0 ? "-" : "") + digits;
}

}  // namespace bf
