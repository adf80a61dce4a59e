// /admin/orders: find orders by number, buyer's email or status; an order's page with its items,
// money, payments, refunds, timeline and admin actions; change its status, refund it, cancel it.
// Each change is one audited store call (store::OrderAdmin).
#include <algorithm>

#include "core/errors.h"
#include "core/text.h"
#include "pages/admin_nav.h"
#include "pages/buying.h"
#include "pages/validate.h"

namespace bf::pages {
namespace {

constexpr int kPageSize = 50;
constexpr size_t kMaxNote = 400;

namespace st = store::order_status;
const std::vector<const char*> kStatuses = {st::kPendingPayment, st::kPaid,      st::kProcessing, st::kShipped,
                                            st::kDelivered,      st::kCancelled, st::kRefunded};

const Field kStatusField{"status", "Next step", "", "", "", true, true, 0};
const Field kCarrierField{"carrier", "Carrier", "text", "off", "Needed when the order ships.", false, true, 60};
const Field kTrackingField{"tracking_number", "Tracking number", "text", "off", "Needed when the order ships.", false, true, 80};
const Field kStatusNoteField{"status_note", "Note for the timeline", "text", "off", "", false, true, kMaxNote};
const Field kAmountField{"amount", "Amount", "text", "off", "", true, true, 16};
const Field kRefundNoteField{"refund_note", "Reason", "text", "off", "", false, true, kMaxNote};
const Field kCancelNoteField{"cancel_note", "Reason", "text", "off", "", false, true, kMaxNote};
const Field kConfirmCancelField{"confirm", "Yes, cancel this order", "checkbox", "off", "", true, true};

// ---- the list ----

struct Search {
    std::string text;
    std::string status;
    std::string problem;  // why the text cannot be searched for
    store::OrderSearch query;
};

Search read_search(Context& ctx) {
    Search s;
    s.text = trim(ctx.req.field("q"));
    s.status = ctx.req.field("status");
    bool known = s.status.empty();
    for (const char* name : kStatuses) known = known || s.status == name;
    if (!known) s.status.clear();
    s.query.status = s.status;
    if (s.text.find('@') != std::string::npos) s.query.email = normalize_email(s.text);
    else if (starts_with(to_upper(s.text), "ORD-")) s.query.number = to_upper(s.text);
    else if (!s.text.empty()) s.problem = "Search by an order number (ORD-…) or the buyer’s whole email address.";
    s.query.before_id = page_marker(ctx, "before");
    s.query.limit = kPageSize + 1;
    return s;
}

std::string list_url(const Search& s, int64_t before) {
    std::string url = "/admin/orders?before=" + std::to_string(before);
    if (!s.text.empty()) url += "&q=" + url_encode(s.text);
    if (!s.status.empty()) url += "&status=" + s.status;
    return url;
}

http::Response list_orders(Context& ctx) {
    const Search s = read_search(ctx);
    View view("admin/orders.tpl", "Orders");
    add_admin_nav(view, "orders");
    auto& page = view.page();
    page.SetValue("QUERY", s.text);
    for (const char* name : kStatuses) {
        auto* o = page.AddSectionDictionary("STATUS_OPTION");
        o->SetValue("VALUE", name);
        o->SetValue("LABEL", status_label(name));
        if (s.status == name) o->ShowSection("SELECTED");
    }
    if (!s.problem.empty()) {
        page.SetValueAndShowSection("PROBLEM", s.problem, "HAS_PROBLEM");
        return ctx.render(view);
    }
    auto orders = ctx.store.order_admin.search(s.query);
    const bool more = orders.size() > kPageSize;
    if (more) orders.resize(kPageSize);
    auto* table = orders.empty() ? nullptr : page.AddSectionDictionary("HAS_ORDERS");
    for (const auto& o : orders) {
        auto* row = table->AddSectionDictionary("ORDER");
        row->SetValue("NUMBER", o.number);
        row->SetValue("URL", "/admin/orders/" + o.number);
        row->SetValue("PLACED", format_human(o.created));
        row->SetValue("BUYER_NAME", o.buyer_name);
        row->SetValue("BUYER_EMAIL", o.buyer_email);
        row->SetValue("BUYER_URL", "/admin/orders?q=" + url_encode(o.buyer_email));
        row->SetIntValue("UNITS", o.units);
        row->SetValue("TOTAL", format_money(o.total, o.currency));
        if (o.refunded > 0) row->SetValueAndShowSection("REFUNDED", format_money(o.refunded, o.currency), "HAS_REFUND");
        row->SetValue("STATUS", status_label(o.status));
        row->SetValue("STATUS_CLASS", status_class(o.status));
    }
    if (orders.empty()) page.ShowSection("EMPTY");
    if (more) page.SetValueAndShowSection("NEXT_URL", list_url(s, orders.back().id), "HAS_MORE");
    if (s.query.before_id) page.ShowSection("NOT_FIRST");
    return ctx.render(view);
}

// ---- one order ----

store::Order order_param(Context& ctx) {
    auto order = ctx.store.orders.find_by_number(ctx.req.param("number"));
    if (!order) throw NotFound("There is no order with that number.");
    return *order;
}

// The statuses an admin may move the order to from where it is.
std::vector<std::pair<std::string, std::string>> next_steps(const store::Order& o) {
    std::vector<std::pair<std::string, std::string>> steps;
    auto add = [&](const char* s) { steps.emplace_back(s, status_label(s)); };
    if (o.status == st::kPaid) add(st::kProcessing);
    if (o.status == st::kPaid || o.status == st::kProcessing) add(st::kShipped);
    if (o.status == st::kShipped) add(st::kDelivered);
    return steps;
}

Cents refundable(const store::Order& o) { return o.is_paid() ? o.total - o.refunded : 0; }

struct OrderForms {
    FormState status, refund, cancel;
};

http::Response render_order(Context& ctx, const store::Order& o, OrderForms forms, int status) {
    View view("admin/order.tpl", "Order " + o.number);
    view.status = status;
    add_admin_nav(view, "orders");
    auto& page = view.page();
    add_order_details(page, o, true);
    if (o.has_ebooks()) {  // what was downloaded, when and from where: the evidence for a dispute
        auto* section = page.AddSectionDictionary("HAS_EBOOK_DOWNLOADS");
        const auto downloads = ctx.store.editions.downloads_for_order(o.id);
        if (downloads.empty()) section->ShowSection("NO_DOWNLOADS");
        auto* rows = downloads.empty() ? nullptr : section->AddSectionDictionary("HAS_ROWS");
        for (const auto& d : downloads) {
            auto* row = rows->AddSectionDictionary("DOWNLOAD");
            row->SetValue("DATE", format_human(d.at));
            row->SetValue("TITLE", d.title);
            row->SetValue("FORMAT", to_upper(d.format));
            row->SetIntValue("VERSION", d.version);
            if (d.personal) row->ShowSection("PERSONAL");
            row->SetValue("ADDRESS", d.client_address);
        }
    }
    page.SetValue("BUYER_NAME", o.buyer_name);
    page.SetValue("BUYER_EMAIL", o.buyer_email);
    page.SetValue("BUYER_URL", "/admin/orders?q=" + url_encode(o.buyer_email));
    if (o.paid_at) page.SetValueAndShowSection("PAID", format_human(*o.paid_at), "IS_PAID");
    if (o.is_paid()) page.SetValueAndShowSection("REFUNDABLE", format_money(refundable(o), o.currency), "HAS_REFUNDABLE");
    const auto refunds = ctx.store.order_admin.refunds(o.id);
    for (const auto& r : refunds) {
        auto* d = page.AddSectionDictionary("REFUND");
        d->SetValue("DATE", format_human(r.at));
        d->SetValue("AMOUNT", format_money(r.amount, o.currency));
        d->SetValue("BY", r.actor_name.empty() ? "the shop" : r.actor_name);
        d->SetValue("NOTE", r.note);
        if (r.restocked) d->ShowSection("RESTOCKED");
    }
    if (!refunds.empty()) page.ShowSection("HAS_REFUNDS");

    if (const auto steps = next_steps(o); !steps.empty()) {
        auto* d = page.AddSectionDictionary("STATUS_FORM");
        add_form_errors(*d, forms.status);
        if (forms.status.values["status"].empty()) forms.status.values["status"] = steps.front().first;
        add_select(*d, "STATUS_FIELD", kStatusField, steps, forms.status);
        if (std::any_of(steps.begin(), steps.end(), [](const auto& s) { return s.first == st::kShipped; })) {
            add_field(*d, "CARRIER_FIELD", kCarrierField, forms.status);
            add_field(*d, "TRACKING_FIELD", kTrackingField, forms.status);
        }
        add_field(*d, "NOTE_FIELD", kStatusNoteField, forms.status);
    }
    if (refundable(o) > 0) {
        auto* d = page.AddSectionDictionary("REFUND_FORM");
        add_form_errors(*d, forms.refund);
        if (!forms.refund.values.count("amount")) forms.refund.values["amount"] = format_plain_amount(refundable(o));
        Field amount = kAmountField;
        amount.hint = "Up to " + format_money(refundable(o), o.currency) + ". A full refund closes the order.";
        add_field(*d, "AMOUNT_FIELD", amount, forms.refund);
        add_field(*d, "NOTE_FIELD", kRefundNoteField, forms.refund);
        if (forms.refund.values.count("restock")) d->ShowSection("RESTOCK_CHECKED");
        if (const auto e = forms.refund.errors.find("restock"); e != forms.refund.errors.end())
            d->SetValueAndShowSection("RESTOCK_ERROR", e->second, "HAS_RESTOCK_ERROR");
    }
    if (o.can_cancel()) {
        auto* d = page.AddSectionDictionary("CANCEL_FORM");
        add_form_errors(*d, forms.cancel);
        add_field(*d, "NOTE_FIELD", kCancelNoteField, forms.cancel);
        Field confirm = kConfirmCancelField;
        if (o.is_paid()) confirm.label += " and refund " + format_money(o.total - o.refunded, o.currency);
        add_checkbox(*d, "CONFIRM_FIELD", confirm, forms.cancel);
        if (o.is_paid()) d->SetValueAndShowSection("CANCEL_REFUND", format_money(o.total - o.refunded, o.currency), "PAID");
        else d->ShowSection("NOT_PAID");
    }
    if (next_steps(o).empty() && refundable(o) == 0 && !o.can_cancel()) page.ShowSection("NO_ACTIONS");
    add_audit_table(page, ctx.store.audit.for_subject("order", o.id, 20));
    return ctx.render(view);
}

http::Response show_order(Context& ctx) { return render_order(ctx, order_param(ctx), {}, 200); }

// A note field: trimmed into the form's values, with a message when too long.
std::string read_note(Context& ctx, FormState& form, const std::string& name) {
    std::string& note = form.values[name] = trim(ctx.req.field(name));
    if (!is_plain_text(note, true)) form.errors[name] = "Use letters, digits and punctuation only.";
    else if (utf8_length(note) > kMaxNote) form.errors[name] = "Keep the note under " + std::to_string(kMaxNote) + " characters.";
    return note;
}

// Runs `change` (the store call; it answers the flash message) when `form` has no errors, then goes back
// to the order. Otherwise, or when the store finds a wrong field, the page comes back with the messages.
template <class F>
http::Response act(Context& ctx, const store::Order& o, OrderForms& forms, FormState& form, F&& change) {
    if (form.errors.empty()) {
        try {
            return http::Response::see_other("/admin/orders/" + o.number, change());
        } catch (const Invalid& e) {
            form.errors = e.fields;
        }
    }
    return render_order(ctx, o, forms, 422);
}

http::Response do_status(Context& ctx) {
    const store::Order o = order_param(ctx);
    OrderForms forms;
    FormState& f = forms.status;
    store::StatusChange change;
    change.status = f.values["status"] = ctx.req.field("status");
    change.carrier = f.values["carrier"] = trim(ctx.req.field("carrier"));
    change.tracking_number = f.values["tracking_number"] = trim(ctx.req.field("tracking_number"));
    change.by.note = read_note(ctx, f, "status_note");
    bool allowed = false;
    for (const auto& [value, label] : next_steps(o)) allowed = allowed || value == change.status;
    if (!allowed) f.errors["status"] = "Choose one of the next steps listed.";
    return act(ctx, o, forms, f, [&] {
        ctx.store.order_admin.set_status(ctx.require_user().id, o.id, change, ctx.now());
        return "Order " + o.number + " is now " + to_lower(status_label(change.status)) + ".";
    });
}

http::Response do_refund(Context& ctx) {
    const store::Order o = order_param(ctx);
    OrderForms forms;
    FormState& f = forms.refund;
    store::Refund refund;
    f.values["amount"] = trim(ctx.req.field("amount"));
    if (ctx.req.field("restock") == "1") f.values["restock"] = "1";
    refund.restock = f.values.count("restock") > 0;
    refund.by.note = read_note(ctx, f, "refund_note");
    const auto amount = parse_money(f.values["amount"]);
    if (refundable(o) == 0) f.errors["amount"] = "Nothing on this order can be refunded.";
    else if (!amount) f.errors["amount"] = "Enter an amount such as 12.50.";
    else if (*amount <= 0) f.errors["amount"] = "Refund more than nothing.";
    else if (*amount > refundable(o))
        f.errors["amount"] = "At most " + format_money(refundable(o), o.currency) + " can still be refunded.";
    else refund.amount = *amount;
    return act(ctx, o, forms, f, [&] {
        ctx.store.order_admin.refund(ctx.require_user().id, o.id, refund, ctx.now());
        const bool full = refund.amount == refundable(o);
        return format_money(refund.amount, o.currency) + (full ? " refunded in full." : " refunded.") +
               (refund.restock ? " The books are back in stock." : "");
    });
}

http::Response do_cancel(Context& ctx) {
    const store::Order o = order_param(ctx);
    OrderForms forms;
    const std::string note = read_note(ctx, forms.cancel, "cancel_note");
    if (o.can_cancel() && ctx.req.field("confirm") != "1")
        forms.cancel.errors["confirm"] = "Tick the box to confirm: a cancelled order cannot be brought back.";
    return act(ctx, o, forms, forms.cancel, [&] {
        ctx.store.order_admin.cancel(ctx.require_user().id, o.id, note, ctx.now());
        return o.is_paid() ? "Order cancelled; " + format_money(o.total - o.refunded, o.currency) +
                                 " refunded and the books are back in stock."
                           : std::string("Order cancelled; the books are back on the shelf.");
    });
}

}  // namespace

void register_admin_order_routes(App& app) {
    app.add("GET", "/admin/orders", {list_orders, Access::Admin});
    app.add("GET", "/admin/orders/{number}", {show_order, Access::Admin});
    app.add("POST", "/admin/orders/{number}/status", {do_status, Access::Admin});
    app.add("POST", "/admin/orders/{number}/refund", {do_refund, Access::Admin});
    app.add("POST", "/admin/orders/{number}/cancel", {do_cancel, Access::Admin});
}

}  // namespace bf::pages
