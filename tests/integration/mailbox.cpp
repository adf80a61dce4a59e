#include "mailbox.h"

#include <dirent.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/text.h"

namespace bf::test {
namespace {

std::string mail_dir() {
    const char* d = std::getenv("BOOKFAIR_MAIL_DIR");
    return d ? d : "";
}

Email parse(const std::string& file, const std::string& raw) {
    Email e;
    e.file = file;
    e.received_ns = std::atoll(file.c_str());
    e.raw = raw;
    const size_t end = raw.find("\r\n\r\n");
    std::string current;
    std::istringstream lines(raw.substr(0, end));
    std::string line;
    auto flush = [&] {
        const auto colon = current.find(':');
        if (colon != std::string::npos) e.headers[to_lower(current.substr(0, colon))] = trim(current.substr(colon + 1));
        current.clear();
    };
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
            current += line;
            continue;
        }
        flush();
        current = line;
    }
    flush();
    return e;
}

// The multipart boundary named in the headers ("" for a single-part message).
std::string boundary_of(const std::string& raw) {
    const size_t at = raw.find("boundary=");
    if (at == std::string::npos) return "";
    size_t start = at + 9;
    const bool quoted = start < raw.size() && raw[start] == '"';
    if (quoted) ++start;
    const size_t end = raw.find_first_of(quoted ? "\"" : ";\r\n", start);
    return raw.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::string part(const std::string& raw, const std::string& type) {
    const size_t at = raw.find("Content-Type: " + type);
    if (at == std::string::npos) return "";
    const size_t body = raw.find("\r\n\r\n", at);
    // The part ends at the next boundary line (a text part may itself hold lines starting "--").
    const size_t end = raw.find("\r\n--" + boundary_of(raw), body + 4);
    return decode_quoted_printable(raw.substr(body + 4, end == std::string::npos ? std::string::npos : end - body - 4));
}

std::map<std::string, Email>& cache() {
    static std::map<std::string, Email> files;
    return files;
}

void refresh() {
    DIR* dir = opendir(mail_dir().c_str());
    if (!dir) return;
    while (dirent* entry = readdir(dir)) {
        const std::string name = entry->d_name;
        if (name.empty() || name[0] == '.' || !ends_with(name, ".eml") || cache().count(name)) continue;
        std::ifstream in(mail_dir() + "/" + name, std::ios::binary);
        std::stringstream s;
        s << in.rdbuf();
        cache().emplace(name, parse(name, s.str()));
    }
    closedir(dir);
}

bool exact(const std::string& rcpt, const std::string& needle) { return rcpt == needle; }
bool contains(const std::string& rcpt, const std::string& needle) { return rcpt.find(needle) != std::string::npos; }

}  // namespace

std::string Email::header(const std::string& name) const {
    const auto it = headers.find(to_lower(name));
    return it == headers.end() ? "" : it->second;
}

std::string Email::text() const { return part(raw, "text/plain"); }
std::string Email::html() const { return part(raw, "text/html"); }

std::string decode_quoted_printable(const std::string& qp) {
    std::string out;
    for (size_t i = 0; i < qp.size(); ++i) {
        if (qp[i] != '=') {
            out += qp[i];
        } else if (qp.compare(i, 3, "=\r\n") == 0) {
            i += 2;
        } else if (i + 2 < qp.size()) {
            out += static_cast<char>(std::strtol(qp.substr(i + 1, 2).c_str(), nullptr, 16));
            i += 2;
        }
    }
    return out;
}

std::vector<Email> received_where(bool (*matches)(const std::string&, const std::string&), const std::string& needle) {
    refresh();
    std::vector<Email> out;
    for (const auto& [name, e] : cache())
        if (matches(e.header("X-Envelope-To"), needle)) out.push_back(e);
    std::sort(out.begin(), out.end(), [](const Email& a, const Email& b) { return a.file < b.file; });
    return out;
}

std::vector<Email> received_by(const std::string& address) { return received_where(exact, address); }
std::vector<Email> received_matching(const std::string& fragment) { return received_where(contains, fragment); }

std::string link_in(const std::string& text, const std::string& base) {
    const auto at = text.find(base);
    if (at == std::string::npos) return "";
    const auto end = text.find_first_of(" \r\n\"<>", at);
    return text.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

}  // namespace bf::test
