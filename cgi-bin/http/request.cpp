#include "http/request.h"

#include "core/text.h"

namespace bf::http {

std::string Request::field(const std::string& name) const {
    const auto it = fields.find(name);
    return it == fields.end() ? std::string() : it->second;
}

std::vector<std::string> Request::all(const std::string& name) const {
    std::vector<std::string> out;
    const auto range = fields.equal_range(name);
    for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
    return out;
}

const UploadedFile* Request::file(const std::string& name) const {
    for (const auto& f : files)
        if (f.field == name) return &f;
    return nullptr;
}

std::string Request::cookie(const std::string& name) const {
    const auto it = cookies.find(name);
    return it == cookies.end() ? std::string() : it->second;
}

std::string Request::header(const std::string& name) const {
    std::string key = "HTTP_" + to_upper(name);
    for (char& c : key)
        if (c == '-') c = '_';
    const auto it = env.find(key);
    return it == env.end() ? std::string() : it->second;
}

std::string Request::param(const std::string& name) const {
    const auto it = path_params.find(name);
    return it == path_params.end() ? std::string() : it->second;
}

}  // namespace bf::http
