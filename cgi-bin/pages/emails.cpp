#include "pages/emails.h"

#include <ctemplate/template.h>

#include "core/crypto.h"
#include "core/templates.h"

namespace bf::pages {
namespace {

store::OutboxMessage compose(const std::string& name, const ctemplate::TemplateDictionary& dict,
                             const std::string& kind, const std::string& dedupe_key, const std::string& to) {
    auto parts = templates::render_email(name, dict);
    return {kind, dedupe_key, to, std::move(parts.subject), std::move(parts.text), std::move(parts.html), {}};
}

store::OutboxMessage token_email(const App& app, const std::string& name, const std::string& kind,
                                 const std::string& path, const std::string& to, const std::string& display_name,
                                 const std::string& token, const std::string& token_hash) {
    ctemplate::TemplateDictionary dict(name);
    dict.SetValue("NAME", display_name);
    dict.SetValue("EMAIL", to);
    dict.SetValue("LINK", app.base_url() + path + token);
    return compose(name, dict, kind, kind + ":" + crypto::hex_encode(token_hash), to);
}

}  // namespace

store::OutboxMessage verification_email(const App& app, const std::string& to, const std::string& name,
                                        const std::string& token, const std::string& token_hash) {
    return token_email(app, "verify_email", "verify_email", "/verify-email/", to, name, token, token_hash);
}

store::OutboxMessage password_reset_email(const App& app, const std::string& to, const std::string& name,
                                          const std::string& token, const std::string& token_hash) {
    return token_email(app, "password_reset", "password_reset", "/password/reset/", to, name, token, token_hash);
}

}  // namespace bf::pages
