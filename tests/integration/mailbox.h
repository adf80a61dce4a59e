#pragma once
// Reading what the real SMTP server received: every message is an .eml file in
// BOOKFAIR_MAIL_DIR, named <nanoseconds>-<counter>.eml by scripts/smtp-sink.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace bf::test {

struct Email {
    std::string file;
    int64_t received_ns = 0;           // when the server stored it (from the file name)
    std::map<std::string, std::string> headers;  // lower-case names, unfolded values
    std::string raw;
    std::string header(const std::string& name) const;
    std::string text() const;          // the text/plain part, quoted-printable decoded
    std::string html() const;          // the text/html part, decoded
};

// Every message received so far whose envelope recipient satisfies `matches`, oldest first.
// Files are parsed once and remembered, so polling a large mail directory stays cheap.
std::vector<Email> received_where(bool (*matches)(const std::string& rcpt, const std::string& needle),
                                  const std::string& needle);
// Messages whose envelope recipient is exactly `address`.
std::vector<Email> received_by(const std::string& address);
// Messages whose envelope recipient contains `fragment` (a test's own marker).
std::vector<Email> received_matching(const std::string& fragment);
// The first http(s) link in a text that starts with `base`.
std::string link_in(const std::string& text, const std::string& base);
std::string decode_quoted_printable(const std::string& qp);

}  // namespace bf::test
