#include "mailer/payouts.h"

#include <algorithm>

#include "core/royalty.h"
#include "core/templates.h"
#include "core/unsubscribe.h"

namespace bf::mailer {
namespace {

constexpr int kAuthorsPerPage = 500;

}  // namespace

store::OutboxMessage author_statement_email(const store::StatementRecipient& author,
                                            const std::vector<store::Statement>& statements, const Period& month,
                                            const std::string& base_url, const crypto::Signer& signer) {
    ctemplate::TemplateDictionary dict("author_statement");
    dict.SetValue("NAME", author.display_name);
    dict.SetValue("MONTH", store::statement_month(month.start));
    dict.SetValue("LINK", base_url + "/dashboard/statements/" + month.label);
    for (const auto& s : statements) {
        auto* cur = dict.AddSectionDictionary("CURRENCY");
        cur->SetValue("CODE", s.currency);
        for (const auto& [name, value] : store::statement_lines(s)) {
            auto* line = cur->AddSectionDictionary("LINE");
            line->SetValue("LABEL", name);
            line->SetValue("AMOUNT", format_money(value, s.currency));
        }
        for (const auto& b : s.books) {
            auto* row = cur->AddSectionDictionary("BOOK");
            row->SetValue("TITLE", b.title);
            row->SetValue("SALES", format_money(b.sales, s.currency));
            row->SetValue("REFUNDS", format_money(b.refunds, s.currency));
            row->SetValue("COMMISSION", format_money(b.commission, s.currency));
            row->SetValue("ROYALTY", format_money(b.royalty(), s.currency));
        }
    }
    const std::string unsub = unsubscribe::link(base_url, signer, author.id, unsubscribe::kAuthorDigests);
    dict.SetValue("UNSUBSCRIBE", unsub);
    auto parts = templates::render_email("author_statement", dict);
    return {"author_statement", "author-statement:" + std::to_string(author.id) + ":" + month.label, author.email,
            std::move(parts.subject), std::move(parts.text), std::move(parts.html), unsub};
}

Producer payout_run_producer(const royalty::PayoutSettings& settings) {
    return [settings](const Period& month, ProduceContext& ctx) {
        ctx.store.payouts.run("monthly-" + month.label, settings.minimum, settings.payable_before(month.end), std::nullopt,
                              ctx.now);
    };
}

void produce_author_statements(const Period& month, ProduceContext& ctx) {
    int64_t after = 0;
    while (true) {
        const auto authors = ctx.store.ledger.statement_recipients(after, kAuthorsPerPage);
        for (const auto& a : authors) {
            const auto statements = ctx.store.ledger.statements(a.id, month.start, month.end);
            const bool any = std::any_of(statements.begin(), statements.end(), [](const store::Statement& s) {
                return s.opening != 0 || s.closing != 0 || !s.books.empty() || s.payouts != 0;
            });
            if (any) ctx.emit(author_statement_email(a, statements, month, ctx.base_url, ctx.signer));
        }
        if (authors.size() < static_cast<size_t>(kAuthorsPerPage)) break;
        after = authors.back().id;
    }
}

void add_payouts(Scheduler& scheduler, const Config& config) {
    const auto settings = royalty::PayoutSettings::from(config);
    const int digest_hour = static_cast<int>(std::clamp<int64_t>(config.get_int("author_digest_hour", 7), 0, 23));
    if (settings.scheduled)
        scheduler.add(ScheduleSpec{"payout-run", Cadence::Monthly, 0, settings.run_hour, 1}, payout_run_producer(settings));
    scheduler.add(ScheduleSpec{"author-statement", Cadence::Monthly, 0, digest_hour, 2}, produce_author_statements);
}

}  // namespace bf::mailer
