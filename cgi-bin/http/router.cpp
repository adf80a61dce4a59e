#include "http/router.h"

#include <cctype>
#include <cstring>

#include "core/text.h"

namespace bf::http {

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < path.size()) {
        if (path[start] == '/') {
            ++start;
            continue;
        }
        const size_t end = path.find('/', start);
        out.push_back(path.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

std::string canonical_path(const std::string& decoded_path) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const auto& segment : split_path(decoded_path)) {
        out += '/';
        for (const unsigned char c : segment) {
            if (std::isalnum(c) || (c != 0 && std::strchr("-._~!$&'()*+,;=:@", c))) {
                out += static_cast<char>(c);
            } else {
                out += '%';
                out += hex[c >> 4];
                out += hex[c & 15];
            }
        }
    }
    return out.empty() ? "/" : out;
}

bool is_canonical_path(const std::string& decoded_path) {
    if (decoded_path == "/") return true;
    return starts_with(decoded_path, "/") && decoded_path.back() != '/' && decoded_path.find("//") == std::string::npos;
}

}  // namespace bf::http
