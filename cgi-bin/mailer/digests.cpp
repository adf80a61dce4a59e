#include "mailer/digests.h"

#include <algorithm>

namespace bf::mailer {
namespace {

int hour_setting(const Config& config, const std::string& key, int fallback) {
    return static_cast<int>(std::clamp<int64_t>(config.get_int(key, fallback), 0, 23));
}

}  // namespace

ScheduleSpec author_daily_spec(const Config& config) {
    return ScheduleSpec{"author-daily", Cadence::Daily, 0, hour_setting(config, "author_digest_hour", 7), 7};
}

ScheduleSpec author_monthly_spec(const Config& config) {
    return ScheduleSpec{"author-monthly", Cadence::Monthly, 0, hour_setting(config, "author_digest_hour", 7), 2};
}

ScheduleSpec reader_daily_spec(const Config& config) {
    return ScheduleSpec{"reader-daily", Cadence::Daily, hour_setting(config, "reader_digest_hour", 8), 0, 7};
}

void add_digests(Scheduler& scheduler, const Config& config) {
    // The producers need the catalogue and orders; they are added here once those tables exist:
    //   scheduler.add(author_daily_spec(config), produce_author_daily);
    //   scheduler.add(author_monthly_spec(config), produce_author_monthly);
    //   scheduler.add(reader_daily_spec(config), produce_reader_daily);
    (void)scheduler;
    (void)config;
}

}  // namespace bf::mailer
