#pragma once
// Matches "METHOD /path/{param}" patterns. A path that matches with another method
// is a 405 (with the allowed methods); no match at all is a 404.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bf::http {

std::vector<std::string> split_path(const std::string& path);
// The one address of a path: no empty segments, no trailing slash ("/login/" and "//login" are
// "/login"), each byte outside RFC 3986's path characters %-encoded, so it is safe in a Location.
std::string canonical_path(const std::string& decoded_path);
bool is_canonical_path(const std::string& decoded_path);

template <class Handler>
class Router {
public:
    struct Match {
        const Handler* handler = nullptr;
        std::map<std::string, std::string> params;
        std::string allowed;  // filled when the path exists under other methods
        std::string pattern;  // the matched route's pattern ("/books/{slug}"), for logs and metrics
    };

    void add(const std::string& method, const std::string& pattern, Handler handler) {
        routes_.push_back(Route{method, pattern, split_path(pattern), std::move(handler)});
    }

    // Every "METHOD pattern" pair, in the order added (tests walk them for access checks).
    struct Entry {
        std::string method, pattern;
        const Handler* handler;
    };
    std::vector<Entry> list() const {
        std::vector<Entry> out;
        for (const auto& r : routes_) out.push_back(Entry{r.method, r.pattern, &r.handler});
        return out;
    }

    Match match(const std::string& method, const std::string& path) const {
        const std::string wanted = method == "HEAD" ? "GET" : method;
        const std::vector<std::string> segments = split_path(path);
        Match result;
        for (const auto& route : routes_) {
            std::map<std::string, std::string> params;
            if (!matches(route.segments, segments, params)) continue;
            if (route.method == wanted) {
                result.handler = &route.handler;
                result.params = std::move(params);
                result.pattern = route.pattern;
                result.allowed.clear();
                return result;
            }
            if (result.allowed.find(route.method) == std::string::npos)
                result.allowed += (result.allowed.empty() ? "" : ", ") + route.method;
        }
        if (result.allowed.find("GET") != std::string::npos) result.allowed += ", HEAD";
        return result;
    }

private:
    struct Route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;
        Handler handler;
    };

    static bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
                        std::map<std::string, std::string>& params) {
        if (pattern.size() != path.size()) return false;
        for (size_t i = 0; i < pattern.size(); ++i) {
            const std::string& p = pattern[i];
            if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
                if (path[i].empty()) return false;
                params[p.substr(1, p.size() - 2)] = path[i];
            } else if (p != path[i]) {
                return false;
            }
        }
        return true;
    }

    std::vector<Route> routes_;
};

}  // namespace bf::http
