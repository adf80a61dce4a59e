#pragma once
// The digest schedules and where their producers plug in.
//
//   author-daily    at author_digest_hour (UTC, default 7) for the previous calendar day;
//                   keys "author-daily:{author_id}:{YYYY-MM-DD}"
//   author-monthly  on the 1st at author_digest_hour for the previous month;
//                   keys "author-monthly:{author_id}:{YYYY-MM}"
//   reader-daily    at reader_digest_hour (UTC, default 8) for the 24 hours before it;
//                   keys "reader-daily:{user_id}:{YYYY-MM-DD}" (the period's first day)
//
// A schedule is registered only together with its producer: registering one without would
// record its periods as done and the first real producer would find them skipped.
#include <ctemplate/template.h>

#include <vector>

#include "core/config.h"
#include "mailer/scheduler.h"
#include "store/digests.h"
#include "store/mail.h"

namespace bf::mailer {

// ---- the emails, from figures (pure: templates only) ----------------------------------------
// Each carries its dedupe key and a List-Unsubscribe link for its list.

store::OutboxMessage author_daily_email(const store::AuthorFigures& author, const Period& day,
                                        const std::string& base_url, const crypto::Signer& signer);
// `previous` holds the same author's books in the month before (may be empty).
store::OutboxMessage author_monthly_email(const store::AuthorFigures& author,
                                          const std::vector<store::BookFigures>& previous, const Period& month,
                                          const std::string& base_url, const crypto::Signer& signer);
// One day's reader digest to many readers: the books are filled into one dictionary once and each
// reader's message only sets the name and the unsubscribe link before rendering it again (a digest
// to 100,000 readers spent most of its time building and copying the same 50 book rows). ctemplate
// keeps every value set until the dictionary goes: use one per page of readers, not one for all.
class ReaderDigest {
public:
    ReaderDigest(const std::vector<store::NewBook>& books, const Period& day, const std::string& base_url,
                 const crypto::Signer& signer);
    store::OutboxMessage to(const store::Subscriber& reader);

private:
    ctemplate::TemplateDictionary dict_{"reader_daily"};
    Period day_;
    std::string base_url_;
    const crypto::Signer& signer_;
};

// ---- the producers: figures from store::Digests, one email each ------------------------------

// Every author with sales that day (no sales, no email).
void produce_author_daily(const Period& day, ProduceContext& ctx);
// Every author with sales in the month or the month before.
void produce_author_monthly(const Period& month, ProduceContext& ctx);
// Every confirmed newsletter reader, when at least one book was published (none, no email).
void produce_reader_daily(const Period& day, ProduceContext& ctx);

ScheduleSpec author_daily_spec(const Config& config);
ScheduleSpec author_monthly_spec(const Config& config);
ScheduleSpec reader_daily_spec(const Config& config);

// Adds every schedule whose producer exists to the mailer's scheduler.
void add_digests(Scheduler& scheduler, const Config& config);

}  // namespace bf::mailer
