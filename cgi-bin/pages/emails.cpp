#include "pages/emails.h"

#include <ctemplate/template.h>

#include "core/crypto.h"
#include "core/money.h"
#include "core/pricing.h"
#include "core/templates.h"
#include "core/text.h"
#include "core/time.h"

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
                                        const std::string& token, const std::string& token_hash,
                                        const std::string& next) {
    // The page the person was on when they signed up comes back with the link (never a secret).
    const std::string after = next.empty() ? "" : "?next=" + url_encode(next);
    return token_email(app, "verify_email", "verify_email", "/verify-email/", to, name, token + after, token_hash);
}

store::OutboxMessage email_change_email(const App& app, const std::string& new_email, const std::string& name,
                                        const std::string& token, const std::string& token_hash) {
    return token_email(app, "email_change", "email_change", "/account/email/confirm/", new_email, name, token, token_hash);
}

store::OutboxMessage email_changed_notice(const App& app, const std::string& old_email, const std::string& name,
                                          const std::string& new_email, const std::string& token_hash) {
    ctemplate::TemplateDictionary dict("email_changed");
    dict.SetValue("NAME", name);
    dict.SetValue("NEW_EMAIL", new_email);
    dict.SetValue("LINK", app.base_url() + "/password/forgot");
    return compose("email_changed", dict, "email_changed", "email_changed:" + crypto::hex_encode(token_hash), old_email);
}

store::OutboxMessage address_in_use_notice(const App& app, const std::string& to, const std::string& name,
                                           const std::string& token_hash) {
    ctemplate::TemplateDictionary dict("address_in_use");
    dict.SetValue("NAME", name);
    dict.SetValue("LINK", app.base_url() + "/password/forgot");
    return compose("address_in_use", dict, "address_in_use", "address_in_use:" + crypto::hex_encode(token_hash), to);
}

namespace {

store::AccountNotice account_notice(const App& app, const std::string& name) {
    const std::string reset = app.base_url() + "/password/forgot";
    const std::string books = app.base_url() + "/books";
    return [name, reset, books](const store::User& user) {
        ctemplate::TemplateDictionary dict(name);
        dict.SetValue("NAME", user.display_name);
        dict.SetValue("EMAIL", user.email);
        dict.SetValue("RESET_LINK", reset);
        dict.SetValue("BOOKS_LINK", books);
        return compose(name, dict, name, "", user.email);
    };
}

}  // namespace

store::AccountNotice password_changed_notice(const App& app) { return account_notice(app, "password_changed"); }
store::AccountNotice account_closed_notice(const App& app) { return account_notice(app, "account_closed"); }

store::OutboxMessage receipt_email(const App& app, const store::Order& o) {
    ctemplate::TemplateDictionary dict("receipt");
    dict.SetValue("NAME", o.buyer_name);
    dict.SetValue("NUMBER", o.number);
    dict.SetValue("DATE", format_human(o.paid_at.value_or(o.created)));
    dict.SetValue("LINK", app.base_url() + "/orders/" + o.number);
    for (const auto& i : o.items) {
        auto* d = dict.AddSectionDictionary("ITEM");
        d->SetValue("TITLE", i.title);
        d->SetIntValue("QUANTITY", i.quantity);
        d->SetValue("UNIT_PRICE", format_money(i.unit_price, o.currency));
        d->SetValue("LINE_TOTAL", format_money(i.line_total, o.currency));
        d->ShowSection(i.digital ? "EBOOK" : "PRINT");
        if (i.backordered > 0) {
            d->SetIntValue("BACKORDERED", i.backordered);
            d->ShowSection("HAS_BACKORDER");
        }
    }
    dict.SetValue("SUBTOTAL", format_money(o.subtotal, o.currency));
    if (o.discount > 0) {
        dict.SetValueAndShowSection("DISCOUNT", format_money(o.discount, o.currency), "HAS_DISCOUNT");
        dict.SetValue("COUPON", o.coupon_code.value_or(""));
    }
    dict.SetValue("SHIPPING", o.shipping == 0 ? "Free" : format_money(o.shipping, o.currency));
    dict.SetValue("METHOD", pricing::method_label(pricing::parse_method(o.shipping_method).value_or(pricing::ShippingMethod::Standard)));
    dict.SetValue("TAX", format_money(o.tax, o.currency));
    dict.SetValue("TOTAL", format_money(o.total, o.currency));
    if (o.ships()) dict.SetValueAndShowSection("SHIP_TO", store::one_line(o.ship_to), "SHIPS");
    if (o.has_ebooks()) dict.SetValueAndShowSection("LIBRARY_LINK", app.base_url() + "/library", "HAS_EBOOKS");
    for (const auto& p : o.payments)
        if (p.status == "succeeded" && p.card_brand)
            dict.SetValueAndShowSection("CARD", *p.card_brand + " ending " + p.card_last4.value_or(""), "HAS_CARD");
    return compose("receipt", dict, "receipt", "receipt:" + o.number, o.buyer_email);
}

}  // namespace bf::pages
