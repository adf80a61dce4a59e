#pragma once
// CSRF tokens bound to the visitor: to the session token when there is a session,
// otherwise to a random anonymous cookie. The token is a MAC, so nothing is stored.
#include <string>

#include "core/crypto.h"
#include "http/request.h"

namespace bf::http {

class Csrf {
public:
    explicit Csrf(const crypto::Signer& signer) : signer_(signer) {}
    std::string token_for(const std::string& binding) const;
    bool check(const std::string& binding, const std::string& presented) const;

private:
    const crypto::Signer& signer_;
};

// "https://shop.example:8443/x" -> "https://shop.example:8443".
std::string origin_of(const std::string& url);
// True when the browser says the request came from a page of this site: Sec-Fetch-Site is
// same-origin, or (older browsers) the Origin header is the site's configured origin (never the
// Host header, which the client chooses). Neither can be set by another site's page.
bool same_origin(const Env& env, const std::string& site_origin);

}  // namespace bf::http
