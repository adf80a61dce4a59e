#include "mailer/mime.h"

#include "core/crypto.h"
#include "core/text.h"

namespace bf::mailer {
namespace {

constexpr size_t kQpLineLimit = 76;
// "=?UTF-8?B?" + 60 base64 characters + "?=" is 72: under RFC 2047's 75 per encoded word.
constexpr size_t kWordBytes = 45;

bool is_printable_ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c < 0x20 || c > 0x7e) return false;
    return true;
}

// Length of the UTF-8 sequence starting with byte c (1 for a stray continuation byte).
size_t utf8_sequence_length(unsigned char c) {
    if (c >= 0xf0) return 4;
    if (c >= 0xe0) return 3;
    if (c >= 0xc0) return 2;
    return 1;
}

void append_hex(std::string& out, unsigned char c) {
    static const char kHex[] = "0123456789ABCDEF";
    out += '=';
    out += kHex[c >> 4];
    out += kHex[c & 15];
}

// One source line (no line break) encoded, with soft breaks keeping each output line short.
void qp_line(std::string_view line, std::string& out) {
    size_t width = 0;
    for (size_t i = 0; i < line.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(line[i]);
        const bool last = i + 1 == line.size();
        std::string piece;
        if ((c == ' ' || c == '\t') && !last) piece = std::string(1, static_cast<char>(c));
        else if (c == '.' && width == 0) append_hex(piece, c);  // no bare "." opening a line
        else if (c >= 33 && c <= 126 && c != '=') piece = std::string(1, static_cast<char>(c));
        else append_hex(piece, c);
        // Room for the piece and, unless this is the end of the line, a soft break's '='.
        if (width + piece.size() > (last ? kQpLineLimit : kQpLineLimit - 1)) {
            out += "=\r\n";
            width = 0;
            if (piece == ".") piece = "=2E";
        }
        out += piece;
        width += piece.size();
    }
}

std::string part(const std::string& boundary, const char* type, const std::string& body) {
    return "--" + boundary + "\r\nContent-Type: " + type +
           "; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" + quoted_printable(body) + "\r\n";
}

// "Name <addr>" with the name encoded when it is not plain ASCII.
std::string mailbox_header(std::string_view mailbox) {
    const std::string safe = header_safe(mailbox);
    const auto open = safe.find('<');
    if (open == std::string::npos) return safe;
    const std::string name = trim(safe.substr(0, open));
    return name.empty() ? safe.substr(open) : encode_header(name) + " " + safe.substr(open);
}

}  // namespace

std::string header_safe(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (unsigned char c : value)
        if (c >= 0x20 && c != 0x7f) out += static_cast<char>(c);
    return out;
}

std::string quoted_printable(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    size_t start = 0;
    while (true) {
        const size_t nl = text.find('\n', start);
        std::string_view line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        qp_line(line, out);
        if (nl == std::string_view::npos) break;
        out += "\r\n";
        start = nl + 1;
    }
    return out;
}

std::string encode_header(std::string_view value) {
    const std::string safe = header_safe(value);
    if (is_printable_ascii(safe) && safe.find("=?") == std::string::npos) return safe;
    std::string out;
    size_t i = 0;
    while (i < safe.size()) {
        size_t end = i;
        while (end < safe.size()) {
            const size_t len = utf8_sequence_length(static_cast<unsigned char>(safe[end]));
            if (end + len - i > kWordBytes) break;
            end += len;
        }
        if (end == i) end = std::min(safe.size(), i + kWordBytes);  // malformed input: cut anyway
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + crypto::base64_encode(std::string_view(safe).substr(i, end - i)) + "?=";
        i = end;
    }
    return out;
}

std::string address_of(std::string_view mailbox) {
    const auto open = mailbox.find('<');
    const auto close = mailbox.rfind('>');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) return trim(mailbox);
    return trim(mailbox.substr(open + 1, close - open - 1));
}

std::string domain_of(std::string_view address) {
    const auto at = address.rfind('@');
    if (at == std::string_view::npos || at + 1 == address.size()) return "localhost";
    return std::string(address.substr(at + 1));
}

std::string build_mime(const MimeMessage& m) {
    std::string out;
    out.reserve(m.text.size() + m.html.size() + 1024);
    out += "From: " + mailbox_header(m.from) + "\r\n";
    out += "To: " + header_safe(m.to) + "\r\n";
    out += "Subject: " + encode_header(m.subject) + "\r\n";
    out += "Date: " + format_mail_date(m.date) + "\r\n";
    out += "Message-ID: " + header_safe(m.message_id) + "\r\n";
    out += "MIME-Version: 1.0\r\n";
    if (m.list_unsubscribe) {
        out += "List-Unsubscribe: <" + header_safe(*m.list_unsubscribe) + ">\r\n";
        out += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
    }
    out += "Content-Type: multipart/alternative; boundary=\"" + m.boundary + "\"\r\n\r\n";
    out += part(m.boundary, "text/plain", m.text);
    out += part(m.boundary, "text/html", m.html);
    out += "--" + m.boundary + "--\r\n";
    return out;
}

}  // namespace bf::mailer
