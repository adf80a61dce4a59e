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

store::OutboxMessage receipt_email(const std::string& base_url, const Receipt& r) {
    ctemplate::TemplateDictionary dict("receipt");
    dict.SetValue("NAME", r.buyer_name);
    dict.SetValue("ORDER_NUMBER", r.order_number);
    dict.SetValue("PAID_AT", format_human(r.paid_at));
    dict.SetValue("ORDER_LINK", base_url + r.order_path);
    for (const auto& line : r.lines) {
        auto* item = dict.AddSectionDictionary("ITEM");
        item->SetValue("TITLE", line.title);
        item->SetIntValue("QUANTITY", static_cast<long>(line.quantity));
        item->SetValue("UNIT_PRICE", format_money(line.unit_price));
        item->SetValue("LINE_TOTAL", format_money(line.line_total));
    }
    dict.SetValue("SUBTOTAL", format_money(r.subtotal));
    if (r.discount != 0) dict.SetValueAndShowSection("DISCOUNT", format_money(r.discount), "HAS_DISCOUNT");
    dict.SetValue("TOTAL", format_money(r.total));
    return compose("receipt", dict, "receipt", "receipt:" + std::to_string(r.order_id), r.buyer_email);
}

store::OutboxMessage password_reset_email(const App& app, const std::string& to, const std::string& name,
                                          const std::string& token, const std::string& token_hash) {
    return token_email(app, "password_reset", "password_reset", "/password/reset/", to, name, token, token_hash);
}

}  // namespace bf::pages
