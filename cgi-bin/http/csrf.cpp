#include "http/csrf.h"

namespace bf::http {

std::string Csrf::token_for(const std::string& binding) const {
    return crypto::base64url_encode(signer_.mac("csrf|" + binding));
}

bool Csrf::check(const std::string& binding, const std::string& presented) const {
    if (binding.empty() || presented.empty()) return false;
    return crypto::constant_time_equal(token_for(binding), presented);
}

bool same_origin(const Env& env) {
    auto get = [&](const char* name) {
        const auto it = env.find(name);
        return it == env.end() ? std::string() : it->second;
    };
    const std::string fetch_site = get("HTTP_SEC_FETCH_SITE");
    if (!fetch_site.empty()) return fetch_site == "same-origin";
    const std::string origin = get("HTTP_ORIGIN"), host = get("HTTP_HOST");
    if (origin.empty() || host.empty()) return false;
    const std::string scheme = get("HTTPS") == "on" ? "https://" : "http://";
    return origin == scheme + host;
}

}  // namespace bf::http
