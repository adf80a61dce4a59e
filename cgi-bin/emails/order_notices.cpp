#include "emails/order_notices.h"

#include <ctemplate/template.h>

#include "core/money.h"
#include "core/templates.h"
#include "core/text.h"

namespace bf::emails {
namespace {

constexpr const char* kDefaultTrackingUrl = "https://www.17track.net/en/track?nums={number}";

std::string replace_all(std::string s, const std::string& what, const std::string& with) {
    for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + with.size())) s.replace(at, what.size(), with);
    return s;
}

const char* template_name(store::OrderNotice notice) {
    switch (notice) {
        case store::OrderNotice::Shipped: return "order_shipped";
        case store::OrderNotice::Refunded: return "order_refunded";
        case store::OrderNotice::Cancelled: return "order_cancelled";
        case store::OrderNotice::PaymentExpired: return "payment_expired";
    }
    return "order_cancelled";
}

store::OutboxMessage compose(const std::string& base_url, const std::string& tracking_url, const store::Order& o,
                             store::OrderNotice notice, Cents amount) {
    const char* name = template_name(notice);
    ctemplate::TemplateDictionary dict(name);
    dict.SetValue("NAME", o.buyer_name);
    dict.SetValue("NUMBER", o.number);
    dict.SetValue("LINK", base_url + "/orders/" + o.number);
    for (const auto& i : o.items) {
        auto* d = dict.AddSectionDictionary("ITEM");
        d->SetValue("TITLE", i.title);
        d->SetIntValue("QUANTITY", i.quantity);
    }
    dict.SetValue("AMOUNT", format_money(amount, o.currency));  // the subject of a refund names it too
    dict.ShowSection(amount > 0 ? "HAS_AMOUNT" : "NOTHING_CHARGED");
    dict.SetValue("TOTAL", format_money(o.total, o.currency));
    dict.SetValue("REFUNDED", format_money(o.refunded, o.currency));
    if (o.refunded >= o.total) dict.ShowSection("IN_FULL");
    if (o.carrier && o.tracking_number) {
        dict.SetValue("CARRIER", *o.carrier);
        dict.SetValue("TRACKING_NUMBER", *o.tracking_number);
        dict.SetValue("TRACKING_LINK", replace_all(replace_all(tracking_url, "{number}", url_encode(*o.tracking_number)),
                                                   "{carrier}", url_encode(*o.carrier)));
    }
    dict.SetValue("SHIP_TO", store::one_line(o.ship_to));
    dict.SetValue("BOOKS_LINK", base_url + "/books");
    auto parts = templates::render_email(name, dict);
    return {name, "", o.buyer_email, std::move(parts.subject), std::move(parts.text), std::move(parts.html), {}};
}

}  // namespace

store::OrderNoticeComposer order_notice_composer(const Config& config) {
    const std::string base_url = config.get("base_url", "http://127.0.0.1:8080");
    const std::string tracking_url = config.get("tracking_url", kDefaultTrackingUrl);
    return [base_url, tracking_url](const store::Order& o, store::OrderNotice notice, Cents amount) {
        return compose(base_url, tracking_url, o, notice, amount);
    };
}

void install_order_notices(const Config& config) { store::install_order_notices(order_notice_composer(config)); }

}  // namespace bf::emails
