#include "http/parse.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include <cgicc/CgiEnvironment.h>
#include <cgicc/CgiInput.h>
#include <cgicc/Cgicc.h>

#include "core/errors.h"
#include "core/text.h"

namespace bf::http {
namespace {

std::string env_value(const Env& env, const char* name) {
    const auto it = env.find(name);
    return it == env.end() ? std::string() : it->second;
}

// cgicc reads its variables and the body through this, never from the process.
class BufferedInput : public cgicc::CgiInput {
public:
    BufferedInput(const Env& env, const std::string& body) : env_(env), body_(body) {}
    size_t read(char* data, size_t length) override {
        const size_t n = std::min(length, body_.size() - pos_);
        body_.copy(data, n, pos_);
        pos_ += n;
        return n;
    }
    std::string getenv(const char* name) override { return env_value(env_, name); }

private:
    const Env& env_;
    const std::string& body_;
    size_t pos_ = 0;
};

bool is_multipart(const std::string& content_type) {
    return starts_with(to_lower(content_type), "multipart/form-data");
}

std::string multipart_boundary(const std::string& content_type) {
    const std::string lower = to_lower(content_type);
    const auto at = lower.find("boundary=");
    if (at == std::string::npos) return "";
    std::string b = content_type.substr(at + 9);
    const auto semi = b.find(';');
    if (semi != std::string::npos) b = b.substr(0, semi);
    b = trim(b);
    if (b.size() >= 2 && b.front() == '"' && b.back() == '"') b = b.substr(1, b.size() - 2);
    return b;
}

// Most fields (or parts) one request may carry. cgicc's cost per field is high (three strings per
// entry, copied as its vector grows): a 1 MiB body of "a&a&..." would be 500k entries.
constexpr size_t kMaxFields = 2000;

bool contains_ci(std::string_view hay, std::string_view needle_lower) {
    if (needle_lower.size() > hay.size()) return false;
    for (size_t i = 0; i + needle_lower.size() <= hay.size(); ++i) {
        size_t k = 0;
        while (k < needle_lower.size() &&
               std::tolower(static_cast<unsigned char>(hay[i + k])) == needle_lower[k])
            ++k;
        if (k == needle_lower.size()) return true;
    }
    return false;
}

// What cgicc takes for a part's name or file name: the text between the first `tag` anywhere in the
// header block and the next quote (empty when there is none).
std::string cgicc_view(std::string_view header, std::string_view tag) {
    const size_t at = header.find(tag);
    if (at == std::string_view::npos) return "";
    const size_t end = header.find('"', at + tag.size());
    if (end == std::string_view::npos) return "";
    return std::string(header.substr(at + tag.size(), end - at - tag.size()));
}

// A part's Content-Disposition read as RFC 7578 has it: `form-data` and `; param=value` pairs, each value
// a token or a quoted string (browsers write a quote inside a name as %22, so a quote always ends one).
// Answers false when the line is not that. `name` and `filename` are empty when absent.
bool read_disposition(std::string_view header, std::string& name, std::string& filename) {
    size_t line = 0;
    std::string_view value;
    for (;;) {
        const size_t eol = header.find("\r\n", line);
        const std::string_view text = header.substr(line, eol == std::string_view::npos ? std::string_view::npos : eol - line);
        if (text.size() >= 20 && to_lower(text.substr(0, 20)) == "content-disposition:") {
            value = text.substr(20);
            break;
        }
        if (eol == std::string_view::npos) return false;
        line = eol + 2;
    }
    auto skip_space = [&](size_t& i) {
        while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
    };
    size_t i = 0;
    skip_space(i);
    if (to_lower(value.substr(i, 9)) != "form-data") return false;
    i += 9;
    name.clear();
    filename.clear();
    bool has_name = false;
    for (;;) {
        skip_space(i);
        if (i == value.size()) return has_name;
        if (value[i] != ';') return false;
        ++i;
        skip_space(i);
        const size_t eq = value.find('=', i);
        if (eq == std::string_view::npos) return false;
        const std::string param = to_lower(trim(value.substr(i, eq - i)));
        if (param.empty() || param.find_first_of(" \t;\"") != std::string::npos) return false;
        i = eq + 1;
        std::string text;
        if (i < value.size() && value[i] == '"') {
            const size_t close = value.find('"', i + 1);
            if (close == std::string_view::npos) return false;
            text = std::string(value.substr(i + 1, close - i - 1));
            i = close + 1;
        } else {
            const size_t end = std::min(value.find(';', i), value.size());
            text = trim(value.substr(i, end - i));
            i = end;
        }
        if (param == "name") {
            if (has_name) return false;
            has_name = true;
            name = text;
        } else if (param == "filename") {
            filename = text;
        }
    }
}

// cgicc finds a part's name and file name by searching the header block for `name="` and
// `filename="`, so a name holding `filename=` (the closing quote completes the tag), or parameters in
// another order or another header, make it read another name or file name than the part says. Such a
// part is refused: the name the shop acts on is the one the sender wrote, or none.
void check_part_names(std::string_view header) {
    std::string name, filename;
    if (!read_disposition(header, name, filename))
        throw BadRequest("A part of the upload has no readable Content-Disposition with a name.");
    if (cgicc_view(header, "name=\"") != name || cgicc_view(header, "filename=\"") != filename)
        throw BadRequest("A part of the upload has a name or file name we cannot read unambiguously.");
}

// cgicc accepts nearly anything; a body that is not well-formed multipart is refused here.
// Parts are cut exactly where cgicc cuts them ("--B\r\n" ... "--B--\r\n"). Linear in the body:
// every search starts where the previous one ended and looks only inside the current part
// (the header check reads at most the part's own header block, whose size is capped).
void check_multipart(const std::string& content_type, std::string_view body) {
    constexpr size_t kMaxPartHeader = 4096;
    const std::string boundary = multipart_boundary(content_type);
    if (boundary.empty() || boundary.size() > 70) throw BadRequest("The upload had no valid multipart boundary.");
    const std::string separator = "--" + boundary + "\r\n";
    const std::string closing = "--" + boundary + "--";
    if (!starts_with(body, separator)) throw BadRequest("The upload did not start with its multipart boundary.");
    size_t part_start = separator.size();
    size_t parts = 0;
    while (true) {
        const size_t next = body.find(separator, part_start);
        const size_t part_end = next != std::string_view::npos ? next : body.find(closing, part_start);
        if (part_end == std::string_view::npos) throw BadRequest("The upload was cut off before its end.");
        if (++parts > kMaxFields) throw BadRequest("The upload has too many parts.");
        const std::string_view part = body.substr(part_start, part_end - part_start);
        // Every part needs a header block ending in a blank line, inside the part.
        const size_t header_end = part.substr(0, kMaxPartHeader).find("\r\n\r\n");
        if (header_end == std::string_view::npos) throw BadRequest("A part of the upload had no headers.");
        if (!contains_ci(part.substr(0, header_end), "content-disposition: form-data"))
            throw BadRequest("A part of the upload was not form data.");
        check_part_names(part.substr(0, header_end + 4));
        if (next == std::string_view::npos) break;
        part_start = next + separator.size();
    }
}
std::string request_path(const Env& env) {
    std::string path = env_value(env, "PATH_INFO");
    if (path.empty()) path = env_value(env, "DOCUMENT_URI");
    if (path.empty()) {
        std::string uri = env_value(env, "REQUEST_URI");
        uri = uri.substr(0, uri.find('?'));
        if (!url_decode(uri, path)) throw BadRequest("The address has a broken %-escape.");
    }
    if (path.empty()) path = "/";
    if (!is_valid_utf8(path)) throw BadRequest("The address is not valid UTF-8.");
    return path;
}

// Checks a raw url-encoded string for escapes cgicc would silently mangle, and returns it with
// empty pairs ("&&") left out: cgicc's own splitter rescans every run of '&' once per '&' in it,
// which is quadratic (a 40 KB body of '&' cost it 2 s). One pass, linear in `encoded`.
std::string canonical_url_encoding(const std::string& encoded) {
    std::string canonical;
    canonical.reserve(encoded.size());
    std::string decoded;
    size_t fields = 0;
    size_t start = 0;
    while (start <= encoded.size()) {
        size_t end = encoded.find('&', start);
        if (end == std::string::npos) end = encoded.size();
        const std::string_view pair(encoded.data() + start, end - start);
        if (!pair.empty()) {
            if (!url_decode(pair, decoded)) throw BadRequest("The form has a broken %-escape.");
            if (!is_valid_utf8(decoded)) throw BadRequest("The form is not valid UTF-8.");
            if (++fields > kMaxFields) throw BadRequest("The form has too many fields.");
            if (!canonical.empty()) canonical += '&';
            canonical.append(pair);
        }
        start = end + 1;
    }
    return canonical;
}
}  // namespace

bool is_ebook_upload(const std::string& path) {
    const std::string prefix = "/dashboard/books/", suffix = "/ebook/files";
    if (path.size() <= prefix.size() + suffix.size() || path.compare(0, prefix.size(), prefix) != 0 ||
        path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0)
        return false;
    for (size_t i = prefix.size(); i < path.size() - suffix.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(path[i]))) return false;
    return true;
}

std::string read_body(const Env& env, const BodyLimits& limits, const std::function<size_t(char*, size_t)>& read) {
    const std::string length_text = env_value(env, "CONTENT_LENGTH");
    if (length_text.empty()) return "";
    size_t length = 0;
    try {
        length = static_cast<size_t>(std::stoull(length_text));
    } catch (const std::exception&) {
        throw BadRequest("The request has an invalid Content-Length.");
    }
    const bool multipart = is_multipart(env_value(env, "CONTENT_TYPE"));
    const size_t limit = !multipart ? limits.form_bytes
                         : is_ebook_upload(request_path(env)) ? std::max(limits.ebook_bytes, limits.multipart_bytes)
                                                              : limits.multipart_bytes;
    std::string body;
    const bool too_large = length > limit;
    if (!too_large) body.resize(length);
    char scratch[16384];
    size_t got = 0;
    while (got < length) {
        char* into = too_large ? scratch : body.data() + got;
        const size_t want = too_large ? std::min(sizeof scratch, length - got) : length - got;
        const size_t n = read(into, want);
        if (n == 0) break;
        got += n;
    }
    if (too_large) throw PayloadTooLarge("That is more than we accept in one request (" +
                                         std::to_string(limit / (1 << 20)) + " MiB at most).");
    if (got != length) throw BadRequest("The request body ended early.");
    return body;
}

Request parse_request(Env env, const std::string& body) {
    Request req;
    req.method = env_value(env, "REQUEST_METHOD");
    if (req.method.empty()) req.method = "GET";
    req.path = request_path(env);
    req.query_string = env_value(env, "QUERY_STRING");
    req.remote_addr = env_value(env, "REMOTE_ADDR");
    req.https = to_lower(env_value(env, "HTTPS")) == "on";

    // cgicc only ever sees input checked here: well-formed, bounded in fields, and in the
    // canonical form its parsers handle in linear time.
    const std::string content_type = env_value(env, "CONTENT_TYPE");
    const bool has_body = req.method == "POST" || req.method == "PUT";
    const bool multipart = has_body && is_multipart(content_type);
    if (multipart) check_multipart(content_type, body);
    const std::string form_body = has_body && !multipart ? canonical_url_encoding(body) : std::string();
    Env cgi_env = env;
    cgi_env["QUERY_STRING"] = canonical_url_encoding(req.query_string);
    if (has_body && !multipart) cgi_env["CONTENT_LENGTH"] = std::to_string(form_body.size());

    try {
        BufferedInput input(cgi_env, multipart ? body : form_body);
        cgicc::Cgicc cgi(&input);
        for (const auto& entry : cgi.getElements()) {
            const std::string value = entry.getValue();
            if (!is_valid_utf8(entry.getName()) || !is_valid_utf8(value))
                throw BadRequest("The form is not valid UTF-8.");
            req.fields.emplace(entry.getName(), value);
        }
        for (const auto& f : cgi.getFiles())
            req.files.push_back(UploadedFile{f.getName(), f.getFilename(), f.getDataType(), f.getData()});
        // Our cookie values are base64url or sealed tokens: no decoding needed.
        for (const auto& c : cgi.getEnvironment().getCookieList()) req.cookies[trim(c.getName())] = c.getValue();
    } catch (const BadRequest&) {
        throw;
    } catch (const std::exception& e) {
        throw BadRequest(std::string("The request could not be read: ") + e.what());
    }
    // A file field with no file chosen arrives as an empty upload: drop it.
    std::vector<UploadedFile> files;
    for (auto& f : req.files)
        if (!f.filename.empty() || !f.data.empty()) files.push_back(std::move(f));
    req.files = std::move(files);
    req.env = std::move(env);
    return req;
}

}  // namespace bf::http
