#pragma once
// One-click unsubscribe links: a signed token naming a user and a mailing list, so
// leaving a list needs no login. Lists: "newsletter" (readers' new-books digest) and
// "author-digests" (authors' daily and monthly sales emails).
#include <cstdint>
#include <optional>
#include <string>

#include "core/crypto.h"

namespace bf::unsubscribe {

inline constexpr const char* kNewsletter = "newsletter";
inline constexpr const char* kAuthorDigests = "author-digests";

struct Subscription {
    int64_t user_id = 0;
    std::string list;
};

bool is_list(const std::string& list);
std::string make_token(const crypto::Signer& signer, int64_t user_id, const std::string& list);
// nullopt when the token was not made by us or names no known list.
std::optional<Subscription> open_token(const crypto::Signer& signer, const std::string& token);
// The page a link opens: base_url + "/unsubscribe/" + token.
std::string link(const std::string& base_url, const crypto::Signer& signer, int64_t user_id, const std::string& list);

}  // namespace bf::unsubscribe
