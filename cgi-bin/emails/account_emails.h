#pragma once
// Account emails that more than one program writes: the password reset link (queued by the mailer,
// which works through the reset requests the form records) and the notice to an address's owner that
// someone tried to sign up with it. Rendered from templates/emails/ in the shared email layout.
#include <string>

#include "store/outbox.h"

namespace bf::emails {

store::OutboxMessage password_reset_email(const std::string& base_url, const std::string& to, const std::string& name,
                                          const std::string& token, const std::string& token_hash);

// To the owner of an address someone signed up with: the sign-up page answered as for a new
// address; this says what happened and how to get in. `dedupe_key` is set by the caller.
store::OutboxMessage signup_attempt_notice(const std::string& base_url, const std::string& to, const std::string& name,
                                           const std::string& dedupe_key);

}  // namespace bf::emails
