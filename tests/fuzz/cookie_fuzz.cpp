// The Cookie header (HTTP_COOKIE) through http::parse_request. Properties:
// - anything is parsed or refused with BadRequest, nothing else;
// - the cookies parsed, written back as a Cookie header, parse to the same cookies;
// - parse time is linear in the size of the header.
#include <map>

#include "core/errors.h"
#include "fuzz_support.h"
#include "http/parse.h"

namespace {

using Cookies = std::map<std::string, std::string>;

bool parse(const std::string& header, Cookies& out) {
    bf::http::Env env{{"REQUEST_METHOD", "GET"}, {"REQUEST_URI", "/"}, {"HTTP_COOKIE", header}};
    try {
        out = bf::http::parse_request(env, "").cookies;
        return true;
    } catch (const bf::BadRequest&) {
        return false;
    }
}

std::string show(const Cookies& c) {
    std::string s;
    for (const auto& [k, v] : c) s += "[" + k + "]=[" + v + "] ";
    return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string header(reinterpret_cast<const char*>(data), size);
    Cookies cookies;
    if (parse(header, cookies)) {
        // Only cookies a browser could send back are written again: no separators inside, no
        // spaces around (browsers trim them), a name.
        std::string again;
        Cookies sendable;
        for (const auto& [name, value] : cookies) {
            if (name.empty() || name.find_first_of(";= \t") != std::string::npos ||
                value.find_first_of("; \t") != std::string::npos || name.find('\0') != std::string::npos ||
                value.find('\0') != std::string::npos)
                continue;
            sendable[name] = value;
            again += (again.empty() ? "" : "; ") + name + "=" + value;
        }
        Cookies reparsed;
        FUZZ_CHECK(parse(again, reparsed), again);
        FUZZ_CHECK(reparsed == sendable, "header: " + header + "\nsent: " + show(sendable) + "\nagain: " + show(reparsed));
    }
    bf::fuzz::maybe_check_linear_time(data, size, [](const std::string& s) { return s; }, [](const std::string& s) {
        Cookies ignored;
        parse(s, ignored);
    });
    return 0;
}
