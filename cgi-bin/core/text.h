#pragma once
// Small text helpers: trimming, case, UTF-8 checks, URL encoding.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bf {

std::string trim(std::string_view s);
std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);
bool is_valid_utf8(std::string_view s);
size_t utf8_length(std::string_view s);  // code points; assumes valid UTF-8
// The first `max_chars` code points of valid UTF-8 (a VARCHAR(n) holds n of them): never cuts a
// character in half. The one way the shop shortens text.
std::string utf8_prefix(std::string_view s, size_t max_chars);
// Valid UTF-8 without control characters; `multiline` also lets line breaks and tabs through.
bool is_plain_text(std::string_view s, bool multiline);
bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);
std::string url_encode(std::string_view s);
// Decodes %XX and '+'; returns false on a malformed escape.
bool url_decode(std::string_view s, std::string& out);
// A whole decimal number from lo to hi (no sign, space or other characters); nullopt otherwise.
std::optional<int64_t> parse_int(const std::string& text, int64_t lo, int64_t hi);
// Browsers send a textarea's line breaks as CRLF: "a\r\nb" and "a\rb" -> "a\nb", so text stored from a
// form is the same bytes however many times the form is saved.
std::string normalize_newlines(std::string_view s);
// The paragraphs of a text: runs of lines separated by blank (empty or whitespace-only) lines, each
// trimmed; any line ending counts.
std::vector<std::string> paragraphs(std::string_view text);
// "a, b,,c " -> {"a", "b", "c"}: the pieces between separators, trimmed, empty ones left out.
std::vector<std::string> split_trimmed(std::string_view text, char separator = ',');
// count_of(1, "item", "items") -> "1 item", count_of(1200, ...) -> "1,200 items".
std::string count_of(int64_t n, std::string_view one, std::string_view many);
// 1234567 -> "1,234,567", -1234 -> "-1,234".
std::string with_thousands(int64_t n);
// At most `max_chars` code points of `s` with runs of whitespace made single spaces, cut at a word
// boundary and ending in "…" when cut (meta descriptions, previews).
std::string excerpt(std::string_view s, size_t max_chars);
// A lowercase ASCII slug from a title: "Hello, World!" -> "hello-world".
std::string slugify(std::string_view s);

}  // namespace bf
