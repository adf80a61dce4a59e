// URL-encoded forms (POST bodies) and query strings (GET) through http::parse_request, as nginx hands
// them to the worker. Properties:
// - anything is either parsed or refused with BadRequest (a 400 page), nothing else;
// - what was parsed, encoded again with url_encode and parsed, gives the same fields (as a
//   body and as a query string alike);
// - every parsed name and value is valid UTF-8;
// - parse time is linear in the size of the input.
#include <map>

#include "core/errors.h"
#include "core/text.h"
#include "fuzz_support.h"
#include "http/parse.h"


namespace {

using Fields = std::multimap<std::string, std::string>;

// Parses `encoded` as a POST body or as a GET's query string; nullopt when refused with 400.
bool parse(const std::string& encoded, bool as_body, Fields& out) {
    bf::http::Env env{{"REQUEST_METHOD", as_body ? "POST" : "GET"}, {"REQUEST_URI", "/form"}};
    if (as_body) {
        env["CONTENT_TYPE"] = "application/x-www-form-urlencoded";
        env["CONTENT_LENGTH"] = std::to_string(encoded.size());
    } else {
        env["QUERY_STRING"] = encoded;
    }
    try {
        out = bf::http::parse_request(env, as_body ? encoded : std::string()).fields;
        return true;
    } catch (const bf::BadRequest&) {
        return false;
    }
}

std::string encode(const Fields& fields) {
    std::string s;
    for (const auto& [name, value] : fields) {
        if (!s.empty()) s += '&';
        s += bf::url_encode(name) + "=" + bf::url_encode(value);
    }
    return s;
}

std::string show(const Fields& f) {
    std::string s;
    for (const auto& [k, v] : f) s += "[" + k + "]=[" + v + "] ";
    return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    const bool as_body = data[0] & 0x80;
    const std::string encoded(reinterpret_cast<const char*>(data) + 1, size - 1);
    Fields fields;
    if (parse(encoded, as_body, fields)) {
        for (const auto& [name, value] : fields)
            FUZZ_CHECK(bf::is_valid_utf8(name) && bf::is_valid_utf8(value), show(fields));
        const std::string again = encode(fields);
        for (const bool body : {true, false}) {
            Fields reparsed;
            FUZZ_CHECK(parse(again, body, reparsed), again);
            FUZZ_CHECK(reparsed == fields, "input: " + encoded + "\nfirst: " + show(fields) + "\nagain: " + show(reparsed));
        }
    }
    bf::fuzz::maybe_check_linear_time(data, size, [](const std::string& s) { return s; },
                                      [&](const std::string& s) {
                                          Fields ignored;
                                          parse(s, as_body, ignored);
                                      });
    return 0;
}
