#include "pages/emails.h"

#include <ctemplate/template.h>

#include "core/crypto.h"
#include "core/templates.h"

namespace bf::pages {
namespace {

// Renders emails/NAME.subject.tpl, NAME.txt.tpl and NAME.html.tpl with one dictionary.
store::OutboxMessage compose(const std::string& name, const ctemplate::TemplateDictionary& dict,
                             const std::string& kind, const std::string& dedupe_key, const std::string& to) {
    store::OutboxMessage m;
    m.kind = kind;
    m.dedupe_key = dedupe_key;
    m.recipient = to;
    m.subject = templates::render("emails/" + name + ".subject.tpl", dict);
    while (!m.subject.empty() && (m.subject.back() == '\n' || m.subject.back() == '\r')) m.subject.pop_back();
    m.text = templates::render("emails/" + name + ".txt.tpl", dict);
    m.html = templates::render("emails/" + name + ".html.tpl", dict);
    return m;
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
