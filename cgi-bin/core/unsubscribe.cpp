#include "core/unsubscribe.h"

#include <cstdlib>

namespace bf::unsubscribe {
namespace {

// The prefix keeps these MACs apart from every other use of the same key (CSRF, flash).
constexpr const char* kPrefix = "unsub:";

}  // namespace

bool is_list(const std::string& list) { return list == kNewsletter || list == kAuthorDigests; }

std::string make_token(const crypto::Signer& signer, int64_t user_id, const std::string& list) {
    return signer.seal(kPrefix + std::to_string(user_id) + ":" + list);
}

std::optional<Subscription> open_token(const crypto::Signer& signer, const std::string& token) {
    std::string payload;
    if (!signer.open(token, payload) || payload.rfind(kPrefix, 0) != 0) return std::nullopt;
    const std::string rest = payload.substr(std::char_traits<char>::length(kPrefix));
    const auto colon = rest.find(':');
    if (colon == std::string::npos || colon == 0) return std::nullopt;
    Subscription s;
    char* end = nullptr;
    s.user_id = std::strtoll(rest.c_str(), &end, 10);
    if (end != rest.c_str() + colon || s.user_id <= 0) return std::nullopt;
    s.list = rest.substr(colon + 1);
    if (!is_list(s.list)) return std::nullopt;
    return s;
}

std::string link(const std::string& base_url, const crypto::Signer& signer, int64_t user_id, const std::string& list) {
    return base_url + "/unsubscribe/" + make_token(signer, user_id, list);
}

}  // namespace bf::unsubscribe
