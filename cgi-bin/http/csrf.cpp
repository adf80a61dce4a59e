#include "http/csrf.h"

namespace bf::http {

std::string Csrf::token_for(const std::string& binding) const {
    return crypto::base64url_encode(signer_.mac("csrf|" + binding));
}

bool Csrf::check(const std::string& binding, const std::string& presented) const {
    if (binding.empty() || presented.empty()) return false;
    return crypto::constant_time_equal(token_for(binding), presented);
}

}  // namespace bf::http
