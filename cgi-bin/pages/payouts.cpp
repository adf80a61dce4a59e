// The author's money: /dashboard/payouts (pending, payable, in payment and paid, this month's statement,
// the payouts), /dashboard/statements/{YYYY-MM} (printable) and its CSV, and the bank details in
// /account/payout (validated, shown masked, changed only through a link emailed to the author).
// Every figure comes from store::Ledger, the same reads the monthly statement email uses.
#include "core/crypto.h"
#include "core/csv.h"
#include "core/errors.h"
#include "core/iban.h"
#include "core/royalty.h"
#include "core/templates.h"
#include "pages/context.h"

namespace bf::pages {
namespace {

constexpr int kStatementMonths = 12;
constexpr int kPayoutRows = 24;

struct Month {
    Time start{}, end{};
    std::string label;  // 2026-11
};

Month month_of(int year, int month) {
    Month m;
    m.start = from_civil({year, month, 1, 0, 0, 0, 0});
    m.end = month == 12 ? from_civil({year + 1, 1, 1, 0, 0, 0, 0}) : from_civil({year, month + 1, 1, 0, 0, 0, 0});
    m.label = format_date(m.start).substr(0, 7);
    return m;
}

Month month_containing(Time t) {
    const CivilTime c = to_civil(t);
    return month_of(c.year, c.month);
}

// "2026-11" -> that month; NotFound for anything else.
Month parse_month(const std::string& text) {
    const auto day = text.size() == 7 ? parse_date(text + "-01") : std::nullopt;
    if (!day) throw NotFound("Name the month as YYYY-MM, for example /dashboard/statements/2026-11.");
    return month_containing(*day);
}

// One currency's statement as dashboard/statement_table.tpl, included in `section`.
void fill_statement(ctemplate::TemplateDictionary& section, const store::Statement& s) {
    auto& dict = *section.AddIncludeDictionary("STATEMENT_TABLE");
    dict.SetFilename("dashboard/statement_table.tpl");
    dict.SetValue("CURRENCY", s.currency);
    for (const auto& [label, value] : store::statement_lines(s)) {
        auto* line = dict.AddSectionDictionary("LINE");
        line->SetValue("LABEL", label);
        line->SetValue("AMOUNT", format_money(value, s.currency));
        line->SetValue("CENTS", std::to_string(value));
        if (label == "Closing balance") line->ShowSection("TOTAL");
    }
    for (const auto& b : s.books) {
        auto* row = dict.AddSectionDictionary("BOOK");
        row->SetValue("TITLE", b.title);
        row->SetValue("SALES", format_money(b.sales, s.currency));
        row->SetValue("REFUNDS", format_money(-b.refunds, s.currency));
        row->SetValue("COMMISSION", format_money(-b.commission, s.currency));
        row->SetValue("ROYALTY", format_money(b.royalty(), s.currency));
    }
    if (s.books.empty()) dict.ShowSection("NO_BOOKS");
}

// ---- /dashboard/payouts ----

http::Response show_payouts(Context& ctx) {
    const auto& user = ctx.require_user();
    const auto settings = royalty::PayoutSettings::from(ctx.app.config());
    View view("dashboard/payouts.tpl", "Royalties and payouts");
    auto& page = view.page();
    page.SetIntValue("HOLD_DAYS", settings.hold_days);
    page.SetValue("MINIMUM", format_money(settings.minimum));
    const auto balances = ctx.store.ledger.balances(user.id, settings.payable_before(ctx.now()));
    for (const auto& b : balances) {
        auto* cur = page.AddSectionDictionary("BALANCE");
        cur->SetValue("CURRENCY", b.currency);
        for (const auto& [key, label, value] :
             std::vector<std::tuple<std::string, std::string, Cents>>{{"pending", "Pending (in the refund window)", b.pending},
                                                                      {"payable", "Payable at the next run", b.payable},
                                                                      {"in_payment", "In payment", b.in_payment},
                                                                      {"paid", "Paid, all time", b.paid}}) {
            auto* f = cur->AddSectionDictionary("FIGURE");
            f->SetValue("KEY", key);
            f->SetValue("LABEL", label);
            f->SetValue("CENTS", std::to_string(value));
            f->SetValue("TEXT", format_money(value, b.currency));
            if (value < 0) f->ShowSection("NEGATIVE");
        }
        if (b.payable < 0) cur->ShowSection("OWED");
    }
    if (balances.empty()) page.ShowSection("NO_BALANCE");
    // This month so far: the statement's own figures.
    const Month now = month_containing(ctx.now());
    page.SetValue("MONTH", store::statement_month(now.start));
    page.SetValue("MONTH_LABEL", now.label);
    for (const auto& s : ctx.store.ledger.statements(user.id, now.start, now.end))
        fill_statement(*page.AddSectionDictionary("STATEMENT"), s);
    // The last months' statements.
    Month m = now;
    for (int i = 0; i < kStatementMonths; ++i) {
        auto* row = page.AddSectionDictionary("PAST_MONTH");
        row->SetValue("LABEL", m.label);
        row->SetValue("NAME", store::statement_month(m.start));
        m = month_containing(m.start.plus_days(-1));
    }
    const auto payouts = ctx.store.payouts.author_payouts(user.id, kPayoutRows);
    auto* table = payouts.empty() ? nullptr : page.AddSectionDictionary("HAS_PAYOUTS");
    for (const auto& p : payouts) {
        auto* row = table->AddSectionDictionary("PAYOUT");
        row->SetValue("DATE", format_date(p.created));
        row->SetValue("AMOUNT", format_money(p.amount, p.currency));
        row->SetValue("STATUS", p.status == "paid" ? "sent " + format_date(*p.paid_at) : "being sent");
        row->SetValue("IBAN", iban::masked(p.iban));
    }
    if (payouts.empty()) page.ShowSection("NO_PAYOUTS");
    const auto details = ctx.store.payouts.details(user.id);
    if (details) page.SetValueAndShowSection("IBAN", iban::masked(details->iban), "HAS_DETAILS");
    else page.ShowSection("NO_DETAILS");
    return ctx.render(view);
}

// ---- statements ----

http::Response show_statement(Context& ctx) {
    const auto& user = ctx.require_user();
    const Month m = parse_month(ctx.req.param("month"));
    View view("dashboard/statement.tpl", "Statement for " + store::statement_month(m.start));
    auto& page = view.page();
    page.SetValue("MONTH", store::statement_month(m.start));
    page.SetValue("LABEL", m.label);
    page.SetValue("AUTHOR", user.display_name);
    page.SetValue("FROM", format_date(m.start));
    page.SetValue("TO", format_date(m.end.plus_days(-1)));
    const auto statements = ctx.store.ledger.statements(user.id, m.start, m.end);
    for (const auto& s : statements) fill_statement(*page.AddSectionDictionary("STATEMENT"), s);
    if (statements.empty()) page.ShowSection("EMPTY");
    return ctx.render(view);
}

http::Response statement_csv(Context& ctx) {
    const auto& user = ctx.require_user();
    const Month m = parse_month(ctx.req.param("month"));
    std::string body = "\xEF\xBB\xBF";  // the BOM: spreadsheets then read the file as UTF-8
    body += "month,currency,line,book_id,title,sales,refunds,commission,royalty,amount\r\n";
    for (const auto& s : ctx.store.ledger.statements(user.id, m.start, m.end)) {
        for (const auto& [label, value] : store::statement_lines(s))
            body += m.label + "," + s.currency + "," + csv_field(label, true) + ",,,,,,," + format_plain_amount(value) + "\r\n";
        for (const auto& b : s.books)
            body += m.label + "," + s.currency + ",book," + std::to_string(b.book_id) + "," + csv_field(b.title, true) + "," +
                    format_plain_amount(b.sales) + "," + format_plain_amount(-b.refunds) + "," +
                    format_plain_amount(-b.commission) + "," + format_plain_amount(b.royalty()) + "," +
                    format_plain_amount(b.royalty()) + "\r\n";
    }
    http::Response response;
    response.content_type = "text/csv; charset=utf-8";
    response.header("Content-Disposition", "attachment; filename=\"bookfair-statement-" + m.label + ".csv\"");
    response.body = std::move(body);
    return response;
}

// ---- bank details ----

const Field kAccountNameField{"account_name", "Account holder", "text", "name", "As your bank writes it.", true, true, 70};
const Field kIbanField{"iban", "IBAN", "text", "off", "Such as DE89 3704 0044 0532 0130 00; spaces are fine.", true, true, 42};

http::Response details_page(Context& ctx, const FormState& form, int status = 200) {
    const auto& user = ctx.require_user();
    View view("settings/payout_details.tpl", "Payout details");
    view.status = status;
    view.has_form = true;
    auto& page = view.page();
    if (const auto d = ctx.store.payouts.details(user.id)) {
        auto* current = page.AddSectionDictionary("CURRENT");
        current->SetValue("ACCOUNT_NAME", d->account_name);
        current->SetValue("IBAN", iban::masked(d->iban));
        current->SetValue("CONFIRMED", format_human(d->confirmed));
    } else {
        page.ShowSection("NO_CURRENT");
    }
    if (const auto p = ctx.store.payouts.pending_change(user.id, ctx.now())) {
        auto* pending = page.AddSectionDictionary("PENDING");
        pending->SetValue("ACCOUNT_NAME", p->account_name);
        pending->SetValue("IBAN", iban::masked(p->iban));
        pending->SetValue("EXPIRES", format_human(p->expires));
    }
    add_form_errors(page, form);
    add_field(page, "ACCOUNT_NAME_FIELD", kAccountNameField, form);
    add_field(page, "IBAN_FIELD", kIbanField, form);
    return ctx.render(view);
}

http::Response show_details(Context& ctx) { return details_page(ctx, {}); }

http::Response save_details(Context& ctx) {
    const auto& user = ctx.require_user();
    FormState form;
    form.values["account_name"] = ctx.req.field("account_name");
    form.values["iban"] = ctx.req.field("iban");
    const App& app = ctx.app;
    try {
        ctx.store.payouts.request_change(
            user.id, form.values["account_name"], form.values["iban"], ctx.now(),
            [&](const std::string& token, const store::PendingDetailsChange& change) {
                ctemplate::TemplateDictionary dict("payout_details_confirm");
                dict.SetValue("NAME", user.display_name);
                dict.SetValue("ACCOUNT_NAME", change.account_name);
                dict.SetValue("IBAN", iban::masked(change.iban));
                dict.SetIntValue("HOURS", store::Payouts::kConfirmHours);
                dict.SetValue("LINK", app.base_url() + "/account/payout/confirm/" + token);
                auto parts = templates::render_email("payout_details_confirm", dict);
                return store::OutboxMessage{"payout_details_confirm", "payout-details:" + crypto::hex_encode(crypto::sha256(token)).substr(0, 32), user.email,
                                            std::move(parts.subject), std::move(parts.text), std::move(parts.html),
                                            std::nullopt};
            });
    } catch (const Invalid& e) {
        form.errors = e.fields;
        return details_page(ctx, form, 422);
    }
    return http::Response::see_other("/account/payout", "We sent a confirmation link to " + user.email +
                                                            ". Your new details apply once you follow it.");
}

http::Response show_confirm_details(Context& ctx) {
    // A button, not an instant GET: mail scanners that prefetch links must not use the token up.
    View view("settings/confirm_payout_details.tpl", "Confirm your bank details");
    view.has_form = true;
    view.page().SetValue("TOKEN", ctx.req.param("token"));
    return ctx.render(view);
}

http::Response do_confirm_details(Context& ctx) {
    ctx.store.payouts.confirm_change(ctx.require_user().id, ctx.req.param("token"), ctx.now());
    return http::Response::see_other("/account/payout", "Your payouts now go to the account you confirmed.");
}

}  // namespace

void register_payout_routes(App& app) {
    app.add("GET", "/dashboard/payouts", {show_payouts, Access::Author});
    app.add("GET", "/dashboard/statements/{month}", {show_statement, Access::Author});
    app.add("GET", "/dashboard/statements/{month}/csv", {statement_csv, Access::Author});
    app.add("GET", "/account/payout", {show_details, Access::Author});
    app.add("POST", "/account/payout", {save_details, Access::Author});
    app.add("GET", "/account/payout/confirm/{token}", {show_confirm_details, Access::Author});
    app.add("POST", "/account/payout/confirm/{token}", {do_confirm_details, Access::Author});
}

}  // namespace bf::pages
