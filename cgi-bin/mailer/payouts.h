#pragma once
// The companion process's part in paying authors: the monthly payout run and the monthly statement
// email, both on the scheduler (off the injectable clock, once per month however many mailers run).
//
//   payout-run        on the 1st at payout_run_hour (UTC, default 6) for the month before: run key
//                     "monthly-YYYY-MM", royalties payable when sold at least payout_hold_days (14)
//                     before the 1st, authors owed at least payout_minimum_cents (2000). Off with
//                     payout_schedule = false (the admin then starts runs by hand).
//   author-statement  on the 1st at author_digest_hour for the month before; keys
//                     "author-statement:{author_id}:{YYYY-MM}"; the figures of Ledger::statements, the
//                     same the statement page and the dashboard show.
#include "core/config.h"
#include "core/royalty.h"
#include "mailer/scheduler.h"
#include "store/ledger.h"

namespace bf::mailer {

// The email for one author's statements of a month (pure: templates only).
store::OutboxMessage author_statement_email(const store::StatementRecipient& author,
                                            const std::vector<store::Statement>& statements, const Period& month,
                                            const std::string& base_url, const crypto::Signer& signer);

// The month's payout run (key "monthly-{label}").
Producer payout_run_producer(const royalty::PayoutSettings& settings);
// Every statement recipient with anything in the month: one email each.
void produce_author_statements(const Period& month, ProduceContext& ctx);

void add_payouts(Scheduler& scheduler, const Config& config);

}  // namespace bf::mailer
