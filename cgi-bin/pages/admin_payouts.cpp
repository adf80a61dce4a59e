// /admin/payouts: payout runs (start one, see its payouts, download the bank-transfer CSV, confirm the
// transfers went out) and /admin/payouts/terms: the shop's commission and per-author overrides, each
// from a start date on. The store does the money; these pages parse, validate and show.
#include "core/crypto.h"
#include "core/csv.h"
#include "core/errors.h"
#include "core/iban.h"
#include "core/royalty.h"
#include "core/text.h"
#include "pages/admin_nav.h"

namespace bf::pages {
namespace {

constexpr int kRuns = 50;
constexpr int kTermsRows = 200;

std::string totals_text(const std::vector<std::pair<std::string, Cents>>& totals) {
    std::string out;
    for (const auto& [currency, cents] : totals) out += (out.empty() ? "" : ", ") + format_money(cents, currency);
    return out.empty() ? "—" : out;
}

// ---- runs ----

http::Response list_runs(Context& ctx) {
    View view("admin/payouts.tpl", "Payouts");
    view.has_form = true;
    add_admin_nav(view, "payouts");
    auto& page = view.page();
    const auto settings = royalty::PayoutSettings::from(ctx.app.config());
    page.SetValue("MINIMUM", format_plain_amount(settings.minimum));
    page.SetIntValue("HOLD_DAYS", settings.hold_days);
    page.SetValue("IDEMPOTENCY_KEY", crypto::random_token(16));
    page.SetValue("SCHEDULE", settings.scheduled ? "on the 1st of each month at " + std::to_string(settings.run_hour) + ":00 UTC"
                                                 : "only when started here");
    const auto runs = ctx.store.payouts.runs(kRuns);
    for (const auto& r : runs) {
        auto* row = page.AddSectionDictionary("RUN");
        row->SetIntValue("ID", r.id);
        row->SetValue("DATE", format_human(r.created));
        row->SetValue("KEY", r.run_key);
        row->SetValue("BY", r.started_by.empty() ? "schedule" : r.started_by);
        row->SetIntValue("PAYOUTS", r.payouts);
        row->SetIntValue("PAID", r.paid);
        row->SetValue("TOTAL", totals_text(r.totals));
    }
    if (runs.empty()) page.ShowSection("EMPTY");
    return ctx.render(view);
}

http::Response start_run(Context& ctx) {
    const std::string key = ctx.req.field("idempotency_key");
    const auto minimum = parse_money(ctx.req.field("minimum"));
    if (!minimum || *minimum < 0) throw HttpError(422, "Enter the minimum payout as an amount, such as 20.00.");
    if (key.empty() || key.size() > 32) throw BadRequest("This form is out of date. Please reload the page.");
    const auto settings = royalty::PayoutSettings::from(ctx.app.config());
    const auto r = ctx.store.payouts.run("manual-" + key, *minimum, settings.payable_before(ctx.now()),
                                         ctx.require_user().id, ctx.now());
    return http::Response::see_other("/admin/payouts/runs/" + std::to_string(r.run_id),
                                     r.repeated ? "This run had already been started; nothing new was paid."
                                                : std::to_string(r.payouts) + (r.payouts == 1 ? " payout" : " payouts") +
                                                      " made. Send them with the CSV, then confirm.");
}

http::Response show_run(Context& ctx) {
    const int64_t id = path_id(ctx, "We could not find that payout run.");
    const auto run = ctx.store.payouts.find_run(id);
    if (!run) throw NotFound("We could not find that payout run.");
    View view("admin/payout_run.tpl", "Payout run " + std::to_string(id));
    view.has_form = true;
    add_admin_nav(view, "payouts");
    auto& page = view.page();
    page.SetIntValue("ID", run->id);
    page.SetValue("KEY", run->run_key);
    page.SetValue("DATE", format_human(run->created));
    page.SetValue("MINIMUM", format_money(run->minimum));
    page.SetValue("TOTAL", totals_text(run->totals));
    const auto payouts = ctx.store.payouts.run_payouts(id);
    for (const auto& p : payouts) {
        auto* row = page.AddSectionDictionary("PAYOUT");
        row->SetIntValue("ID", p.id);
        row->SetValue("AUTHOR", p.author_name);
        row->SetIntValue("AUTHOR_ID", p.author_id);
        row->SetValue("ACCOUNT_NAME", p.account_name);
        row->SetValue("IBAN", iban::masked(p.iban));
        row->SetValue("AMOUNT", format_money(p.amount, p.currency));
        row->SetIntValue("ITEMS", p.items);
        row->SetValue("STATUS", p.status);
    }
    if (payouts.empty()) page.ShowSection("EMPTY");
    if (run->paid < run->payouts) page.ShowSection("CAN_CONFIRM");
    return ctx.render(view);
}

// The run as a bank-transfer batch: one credit transfer per payout, in the columns most banks' bulk
// upload takes (name, IBAN, amount with a dot, currency, reference).
http::Response run_csv(Context& ctx) {
    const int64_t id = path_id(ctx, "We could not find that payout run.");
    if (!ctx.store.payouts.find_run(id)) throw NotFound("We could not find that payout run.");
    std::string body = "\xEF\xBB\xBF";
    body += "beneficiary_name,iban,amount,currency,reference\r\n";
    for (const auto& p : ctx.store.payouts.run_payouts(id))
        body += csv_field(p.account_name, true) + "," + p.iban + "," + format_plain_amount(p.amount) + "," + p.currency +
                ",Bookfair royalties P" + std::to_string(p.id) + "\r\n";
    http::Response response;
    response.content_type = "text/csv; charset=utf-8";
    response.header("Content-Disposition", "attachment; filename=\"bookfair-payouts-" + std::to_string(id) + ".csv\"");
    response.body = std::move(body);
    return response;
}

http::Response confirm_run(Context& ctx) {
    const int64_t id = path_id(ctx, "We could not find that payout run.");
    const int n = ctx.store.payouts.confirm(id, ctx.require_user().id, ctx.now());
    return http::Response::see_other("/admin/payouts/runs/" + std::to_string(id),
                                     n ? std::to_string(n) + (n == 1 ? " payout" : " payouts") + " marked as sent."
                                       : "Every payout of this run was confirmed already.");
}

// ---- terms ----

const Field kAuthorField{"author", "Author id", "text", "off", "Empty: the shop's default for every author without their own.", false, true, 18};
const Field kRateField{"rate", "Commission (%)", "text", "off", "0 to 100, such as 30 or 12.5.", true, true, 6};
const Field kFixedField{"fixed", "Fixed part per copy", "text", "off", "Such as 0.50; empty: none.", false, true, 12};
const Field kFromField{"effective_from", "Applies to sales from (UTC)", "datetime-local", "off",
                       "Now or later: terms never change sales already made.", true, true, 0};
const Field kNoteField{"note", "Note", "text", "off", "Why, for the record.", false, true, 200};

http::Response terms_page(Context& ctx, FormState form, int status = 200) {
    View view("admin/payout_terms.tpl", "Commission terms");
    view.status = status;
    view.has_form = true;
    add_admin_nav(view, "payouts");
    auto& page = view.page();
    for (const auto& t : ctx.store.ledger.terms(kTermsRows)) {
        auto* row = page.AddSectionDictionary("TERMS");
        row->SetValue("WHO", t.author_id ? t.author_name + " (" + std::to_string(*t.author_id) + ")" : "Shop default");
        row->SetValue("RATE", format_basis_points(t.rate_bp) + " %");
        row->SetValue("FIXED", t.fixed_cents ? format_money(t.fixed_cents) + " a copy" : "—");
        row->SetValue("FROM", format_human(t.effective_from));
        row->SetValue("NOTE", t.note);
        if (t.effective_from > ctx.now()) row->ShowSection("SCHEDULED");
    }
    if (form.values["effective_from"].empty()) form.values["effective_from"] = format_minutes(ctx.now().plus_days(1));
    add_form_errors(page, form);
    add_field(page, "AUTHOR_FIELD", kAuthorField, form);
    add_field(page, "RATE_FIELD", kRateField, form);
    add_field(page, "FIXED_FIELD", kFixedField, form);
    add_field(page, "FROM_FIELD", kFromField, form);
    add_field(page, "NOTE_FIELD", kNoteField, form);
    return ctx.render(view);
}

http::Response show_terms(Context& ctx) { return terms_page(ctx, {}); }

http::Response add_terms(Context& ctx) {
    FormState form;
    for (const char* name : {"author", "rate", "fixed", "effective_from", "note"}) form.values[name] = trim(ctx.req.field(name));
    store::NewTerms t;
    if (!form.values["author"].empty()) {
        t.author_id = parse_int(form.values["author"], 1, INT64_MAX / 10);
        if (!t.author_id) form.errors["author"] = "Enter an author's id (their number in Users), or leave it empty.";
    }
    // The percentage goes through the money parser: "12.5" is 1250 hundredths, exactly the basis points.
    const auto rate = parse_money(form.values["rate"]);
    if (!rate || *rate < 0 || *rate > 10000) form.errors["rate"] = "Enter a commission from 0 to 100, such as 30 or 12.5.";
    else t.rate_bp = *rate;
    if (!form.values["fixed"].empty()) {
        const auto fixed = parse_money(form.values["fixed"]);
        if (!fixed || *fixed < 0) form.errors["fixed"] = "Enter an amount such as 0.50, or leave it empty.";
        else t.fixed_cents = *fixed;
    }
    const auto from = parse_minutes(form.values["effective_from"]);
    if (!from) form.errors["effective_from"] = "Enter a date and time such as 2027-01-01T00:00.";
    else t.effective_from = *from;
    t.note = form.values["note"];
    if (!form.errors.empty()) return terms_page(ctx, form, 422);
    // A start within this minute means now (the form has minutes only).
    if (t.effective_from < ctx.now() && ctx.now() < t.effective_from.plus_minutes(1)) t.effective_from = ctx.now();
    try {
        ctx.store.ledger.add_terms(t, ctx.require_user().id, ctx.now());
    } catch (const Invalid& e) {
        form.errors = e.fields;
        return terms_page(ctx, form, 422);
    }
    return http::Response::see_other("/admin/payouts/terms", "The new terms apply to sales from " + format_human(t.effective_from) + ".");
}

}  // namespace

void register_admin_payout_routes(App& app) {
    app.add("GET", "/admin/payouts", {list_runs, Access::Admin});
    app.add("POST", "/admin/payouts/runs", {start_run, Access::Admin});
    app.add("GET", "/admin/payouts/runs/{id}", {show_run, Access::Admin});
    app.add("GET", "/admin/payouts/runs/{id}/csv", {run_csv, Access::Admin});
    app.add("POST", "/admin/payouts/runs/{id}/confirm", {confirm_run, Access::Admin});
    app.add("GET", "/admin/payouts/terms", {show_terms, Access::Admin});
    app.add("POST", "/admin/payouts/terms", {add_terms, Access::Admin});
}

}  // namespace bf::pages
