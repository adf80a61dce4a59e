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
#include "core/config.h"
#include "mailer/scheduler.h"

namespace bf::mailer {

ScheduleSpec author_daily_spec(const Config& config);
ScheduleSpec author_monthly_spec(const Config& config);
ScheduleSpec reader_daily_spec(const Config& config);

// Adds every schedule whose producer exists to the mailer's scheduler.
void add_digests(Scheduler& scheduler, const Config& config);

}  // namespace bf::mailer
