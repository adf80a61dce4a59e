#include "emails/account_emails.h"

#include <ctemplate/template.h>

#include "core/crypto.h"
#include "core/templates.h"

namespace bf::emails {
namespace {

store::OutboxMessage compose(const char* name, const ctemplate::TemplateDictionary& dict, const std::string& dedupe_key,
                             const std::string& to) {
    auto parts = templates::render_email(name, dict);
    return {name, dedupe_key, to, std::move(parts.subject), std::move(parts.text), std::move(parts.html), {}};
}

}  // namespace

store::OutboxMessage password_reset_email(const std::string& base_url, const std::string& to, const std::string& name,
                                          const std::string& token, const std::string& token_hash) {
    ctemplate::TemplateDictionary dict("password_reset");
    dict.SetValue("NAME", name);
    dict.SetValue("EMAIL", to);
    dict.SetValue("LINK", base_url + "/password/reset/" + token);
    return compose("password_reset", dict, "password_reset:" + crypto::hex_encode(token_hash), to);
}

store::OutboxMessage signup_attempt_notice(const std::string& base_url, const std::string& to, const std::string& name,
                                           const std::string& dedupe_key) {
    ctemplate::TemplateDictionary dict("signup_attempt");
    dict.SetValue("NAME", name);
    dict.SetValue("EMAIL", to);
    dict.SetValue("LOGIN_LINK", base_url + "/login");
    dict.SetValue("RESET_LINK", base_url + "/password/forgot");
    return compose("signup_attempt", dict, dedupe_key, to);
}

}  // namespace bf::emails
