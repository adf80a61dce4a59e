// The router's path matching, with the shop's own route table (the patterns of every app.add in
// cgi-bin/pages, gathered when the fuzzers are configured). The input is a method selector and a
// path. Properties:
// - split_path gives no empty segment and no segment with a slash, and loses nothing but slashes;
// - a match's parameters, put into its pattern, give back exactly the path's segments;
// - a HEAD matches where a GET does; a 405's Allow list names only methods that match the path;
// - matching time is linear in the length of the path.
#include <set>
#include <vector>

#include "fuzz_support.h"
#include "http/router.h"
#include "route_patterns.h"  // generated: kRoutePatterns, {method, pattern} pairs

namespace {

const bf::http::Router<int>& router() {
    static const auto* r = [] {
        auto* router = new bf::http::Router<int>();
        int id = 0;
        for (const auto& [method, pattern] : kRoutePatterns) router->add(method, pattern, id++);
        return router;
    }();
    return *r;
}

std::string without_slashes(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c != '/') out += c;
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    static const char* const kMethods[] = {"GET", "POST", "HEAD", "PUT", "DELETE"};
    const std::string method = kMethods[data[0] % 5];
    const std::string path(reinterpret_cast<const char*>(data) + 1, size - 1);

    const auto segments = bf::http::split_path(path);
    std::string joined;
    for (const auto& s : segments) {
        FUZZ_CHECK(!s.empty() && s.find('/') == std::string::npos, path);
        joined += s;
    }
    FUZZ_CHECK(joined == without_slashes(path), path);

    const auto match = router().match(method, path);
    if (match.handler) {
        const auto& [m, pattern] = kRoutePatterns[static_cast<size_t>(*match.handler)];
        FUZZ_CHECK(m == (method == "HEAD" ? "GET" : method), method + " " + path + " -> " + m + " " + pattern);
        std::vector<std::string> rebuilt;
        for (const auto& p : bf::http::split_path(pattern)) {
            if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
                const auto it = match.params.find(p.substr(1, p.size() - 2));
                FUZZ_CHECK(it != match.params.end() && !it->second.empty(), path + " -> " + pattern);
                rebuilt.push_back(it->second);
            } else {
                rebuilt.push_back(p);
            }
        }
        FUZZ_CHECK(rebuilt == segments, path + " -> " + pattern);
        if (method == "GET") FUZZ_CHECK(router().match("HEAD", path).handler == match.handler, path);
    } else if (!match.allowed.empty()) {
        for (const std::string other : {"GET", "POST"})
            if (match.allowed.find(other) != std::string::npos)
                FUZZ_CHECK(router().match(other, path).handler != nullptr, method + " " + path + " Allow: " + match.allowed);
    }
    bf::fuzz::maybe_check_linear_time(data, size, [](const std::string& s) { return s; },
                                      [&](const std::string& s) { (void)router().match(method, s); });
    return 0;
}
