// The parts of an order's page that its buyer and the admin console both show.
#include "pages/buying.h"

namespace bf::pages {
namespace {

void add_payments(ctemplate::TemplateDictionary& page, const store::Order& o) {
    if (o.payments.empty()) return;
    auto* list = page.AddSectionDictionary("HAS_PAYMENTS")->AddIncludeDictionary("ORDER_PAYMENTS");
    list->SetFilename("buying/order_payments.tpl");
    for (const auto& p : o.payments) {
        auto* d = list->AddSectionDictionary("PAYMENT");
        d->SetIntValue("ATTEMPT", p.attempt);
        d->SetValue("DATE", format_human(p.settled.value_or(p.created)));
        d->SetValue("AMOUNT", format_money(p.amount, o.currency));
        d->SetValue("CARD", p.card_brand ? *p.card_brand + " ending " + p.card_last4.value_or("????") : "—");
        std::string result = p.status == "succeeded"    ? "Paid"
                             : p.status == "failed"     ? "Failed: " + p.failure_reason.value_or("declined")
                             : p.status == "refund_due" ? "Received late: refunded"
                                                        : "Not completed";
        d->SetValue("RESULT", result);
        d->SetValue("RESULT_CLASS", p.status == "succeeded" ? "ok" : p.status == "pending" ? "pending" : "closed");
    }
}

}  // namespace

void add_order_details(ctemplate::TemplateDictionary& page, const store::Order& o, bool for_staff) {
    auto* items = page.AddIncludeDictionary("ORDER_ITEMS");
    items->SetFilename("buying/order_items.tpl");
    auto* timeline = page.AddIncludeDictionary("ORDER_TIMELINE");
    timeline->SetFilename("buying/order_timeline.tpl");
    page.SetValue("NUMBER", o.number);
    page.SetValue("DATE", format_human(o.created));
    page.SetValue("STATUS", status_label(o.status));
    page.SetValue("STATUS_CLASS", status_class(o.status));
    for (const auto& i : o.items) {
        auto* d = items->AddSectionDictionary("ITEM");
        d->SetValue("TITLE", i.title);
        if (i.isbn13) d->SetValueAndShowSection("ISBN", *i.isbn13, "HAS_ISBN");
        const std::string cover = cover_url(i.cover_path);
        if (!cover.empty()) d->SetValueAndShowSection("COVER_URL", cover, "COVER");
        else d->ShowSection("NO_COVER");
        d->SetValue("UNIT_PRICE", format_money(i.unit_price, o.currency));
        d->SetIntValue("QUANTITY", i.quantity);
        d->ShowSection(i.digital ? "EBOOK" : "PRINT");
        d->SetValue("LINE_TOTAL", format_money(i.line_total, o.currency));
        if (i.backordered > 0 && o.status != store::order_status::kCancelled)
            d->SetValueAndShowSection("BACKORDERED", std::to_string(i.backordered) + " on backorder", "HAS_BACKORDER");
    }
    items->SetValue("SUBTOTAL", format_money(o.subtotal, o.currency));
    if (o.discount > 0) {
        auto* d = items->AddSectionDictionary("HAS_DISCOUNT");
        d->SetValue("DISCOUNT", format_money(o.discount, o.currency));
        if (o.coupon_code) d->SetValueAndShowSection("COUPON", *o.coupon_code, "HAS_COUPON");
    }
    if (o.ships()) items->ShowSection("SHIPS");
    items->SetValue("SHIPPING", o.shipping == 0 ? "Free" : format_money(o.shipping, o.currency));
    items->SetValue("METHOD", pricing::method_label(pricing::parse_method(o.shipping_method).value_or(pricing::ShippingMethod::Standard)));
    items->SetValue("TAX", format_money(o.tax, o.currency));
    items->SetValue("TOTAL", format_money(o.total, o.currency));
    if (o.refunded > 0) items->SetValueAndShowSection("REFUNDED", format_money(o.refunded, o.currency), "HAS_REFUND");
    if (o.ships()) page.ShowSection("SHIPS");
    if (o.has_ebooks()) page.ShowSection(o.is_paid() ? "EBOOKS_READY" : "EBOOKS_WAITING");
    const auto& a = o.ship_to;
    page.SetValue("SHIP_NAME", a.full_name);
    page.SetValue("SHIP_LINE1", a.line1);
    if (!a.line2.empty()) page.SetValueAndShowSection("SHIP_LINE2", a.line2, "HAS_LINE2");
    page.SetValue("SHIP_CITY_LINE", a.city + (a.region.empty() ? "" : ", " + a.region) + " " + a.postal_code);
    page.SetValue("SHIP_COUNTRY", a.country);
    if (o.tracking_number) {
        auto* d = page.AddSectionDictionary("TRACKING");
        d->SetValue("CARRIER", o.carrier.value_or(""));
        d->SetValue("TRACKING_NUMBER", *o.tracking_number);
    }
    for (const auto& e : o.events) {
        auto* d = timeline->AddSectionDictionary("EVENT");
        d->SetValue("STATUS", status_label(e.status));
        d->SetValue("NOTE", e.note);
        d->SetValue("DATE", format_human(e.at));
        d->SetValue("DATE_ISO", format_iso(e.at));
        if (for_staff && !e.actor_name.empty()) d->SetValueAndShowSection("ACTOR", e.actor_name, "HAS_ACTOR");
    }
    add_payments(page, o);
}

}  // namespace bf::pages
