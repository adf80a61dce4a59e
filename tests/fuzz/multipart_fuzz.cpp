// Multipart form bodies (cover uploads) through http::parse_request. The input is a boundary (up to a
// 0x00 byte) and the body. Properties:
// - anything is parsed or refused with BadRequest, nothing else;
// - the fields and files parsed (at least one), written again as a well-formed multipart body, parse
//   to the same fields and the same files byte for byte;
// - parse time is linear in the size of the body (with the boundary "XyZ").
#include <map>
#include <vector>

#include "core/errors.h"
#include "fuzz_support.h"
#include "http/parse.h"

namespace {

struct Parsed {
    std::multimap<std::string, std::string> fields;
    std::vector<bf::http::UploadedFile> files;
};

bool same_files(const std::vector<bf::http::UploadedFile>& a, const std::vector<bf::http::UploadedFile>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].field != b[i].field || a[i].filename != b[i].filename || a[i].content_type != b[i].content_type ||
            a[i].data != b[i].data)
            return false;
    return true;
}

bool parse(const std::string& boundary, const std::string& body, Parsed& out) {
    bf::http::Env env{{"REQUEST_METHOD", "POST"},
                      {"REQUEST_URI", "/upload"},
                      {"CONTENT_TYPE", "multipart/form-data; boundary=" + boundary},
                      {"CONTENT_LENGTH", std::to_string(body.size())}};
    try {
        auto req = bf::http::parse_request(env, body);
        out.fields = std::move(req.fields);
        out.files = std::move(req.files);
        return true;
    } catch (const bf::BadRequest&) {
        return false;
    }
}

// Something a browser could send: no quotes, line breaks or NUL bytes inside the quoted names (no
// file name holds a NUL, and one written into a part header does not read back the same).
bool representable(const std::string& s) { return s.find_first_of(std::string("\"\r\n\0", 4)) == std::string::npos; }

// cgicc URL-decodes a file name ("a%41" reads "aA", "+" a space), so one is written again encoded.
std::string encoded_filename(const std::string& name) {
    std::string out;
    for (char c : name) out += c == '%' ? "%25" : c == '+' ? "%2B" : std::string(1, c);
    return out;
}

std::string show(const Parsed& p) {
    std::string s;
    for (const auto& [k, v] : p.fields) s += "field [" + k + "]=[" + v + "]\n";
    for (const auto& f : p.files)
        s += "file [" + f.field + "] [" + f.filename + "] [" + f.content_type + "] " + std::to_string(f.data.size()) +
             " bytes\n";
    return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    bf::fuzz::Bytes bytes(data, size);
    const std::string boundary = bytes.text(80);
    const std::string body = bytes.rest();
    Parsed first;
    if (parse(boundary, body, first)) {
        bool can_write = true;
        std::string everything;
        for (const auto& [k, v] : first.fields) {
            can_write = can_write && representable(k);
            everything += k + v;
        }
        for (const auto& f : first.files) {
            can_write = can_write && representable(f.field) && representable(f.filename) && !f.filename.empty() &&
                        representable(f.content_type) && !f.content_type.empty();
            everything += f.field + f.filename + f.content_type + f.data;
        }
        // Nothing parsed (a part cgicc could not read is dropped) has nothing to write again: a body of
        // no parts at all ("--b--") is refused, as RFC 2046's grammar has at least one part, and every
        // form of the shop carries its CSRF field.
        can_write = can_write && !(first.fields.empty() && first.files.empty());
        if (can_write) {
            std::string b = "bfz";
            while (everything.find(b) != std::string::npos) b += "q";
            std::string again;
            for (const auto& [k, v] : first.fields)
                again += "--" + b + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
            for (const auto& f : first.files)
                again += "--" + b + "\r\nContent-Disposition: form-data; name=\"" + f.field + "\"; filename=\"" +
                         encoded_filename(f.filename) + "\"\r\nContent-Type: " + f.content_type + "\r\n\r\n" + f.data + "\r\n";
            again += "--" + b + "--\r\n";
            Parsed second;
            FUZZ_CHECK(parse(b, again, second), show(first) + "\nwritten again:\n" + again);
            FUZZ_CHECK(second.fields == first.fields && same_files(second.files, first.files),
                       "first:\n" + show(first) + "again:\n" + show(second));
        }
    }
    bf::fuzz::maybe_check_linear_time(data, size, [](const std::string& s) { return s; }, [](const std::string& s) {
        Parsed ignored;
        parse("XyZ", s, ignored);
    });
    return 0;
}
