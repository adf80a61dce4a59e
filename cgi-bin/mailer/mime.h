#pragma once
// Builds the bytes of one email: RFC 5322 headers and a multipart/alternative body with
// a text/plain and a text/html part, both UTF-8 in quoted-printable. Pure functions.
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"

namespace bf::mailer {

struct MimeMessage {
    std::string from;        // "Bookfair <no-reply@bookfair.test>"
    std::string to;          // a bare address
    std::string subject;     // UTF-8, one line
    std::string text;
    std::string html;
    std::string message_id;  // "<...@...>", stable for the outbox row so a resend keeps it
    Time date{};
    std::optional<std::string> list_unsubscribe;  // URL: adds List-Unsubscribe and one-click POST
    std::string boundary;    // chosen by the caller (random); must start with "=_"
};

std::string build_mime(const MimeMessage& m);

// Quoted-printable (RFC 2045): lines of at most 76 characters, CRLF line ends, '=' soft breaks.
std::string quoted_printable(std::string_view text);
// A header value as is when it is printable ASCII, else RFC 2047 "=?UTF-8?B?...?=" words of
// at most 75 characters, folded, never splitting a UTF-8 character.
std::string encode_header(std::string_view value);
// The address inside "Name <addr>", or the whole value when there are no angle brackets.
std::string address_of(std::string_view mailbox);
// The domain of an address ("bookfair.test"); "localhost" when it has none.
std::string domain_of(std::string_view address);
// Removes CR, LF and other control characters, so a value cannot start a new header.
std::string header_safe(std::string_view value);

}  // namespace bf::mailer
