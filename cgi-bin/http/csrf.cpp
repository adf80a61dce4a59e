#include "http/csrf.h"

namespace bf::http {

std::string Csrf::token_for(const std::string& binding) const {
    return crypto::base64url_encode(signer_.mac("csrf|" + binding));
}

bool Csrf::check(const std::string& binding, const std::string& presented) const {
    if (binding.empty() || presented.empty()) return false;
    return crypto::constant_time_equal(token_for(binding), presented);
}

std::string origin_of(const std::string& url) {
    const size_t scheme_end = url.find("://");
    if (scheme_end == std::string::npos) return url;
    return url.substr(0, url.find('/', scheme_end + 3));
}

bool same_origin(const Env& env, const std::string& site_origin) {
    auto get = [&](const char* name) {
        const auto it = env.find(name);
        return it == env.end() ? std::string() : it->second;
    };
    const std::string fetch_site = get("HTTP_SEC_FETCH_SITE");
    if (!fetch_site.empty()) return fetch_site == "same-origin";
    // Compared with the configured origin, never with the Host header the client chose.
    const std::string origin = get("HTTP_ORIGIN");
    return !origin.empty() && !site_origin.empty() && origin == site_origin;
}

}  // namespace bf::http
