#pragma once
// Digests on a timetable, off the injectable clock. Each schedule cuts time into periods
// (a day, a month); a period is due some hours after it ends. On every call, run() finds the
// periods due since the schedule's recorded progress (catching up missed ones, up to a bound),
// asks the schedule's producer for that period's messages, queues them, and records progress.
//
// Nothing is sent twice: every message carries a dedupe key naming the schedule, recipient and
// period (e.g. "author-daily:{author}:{date}"), and the outbox refuses a second row with the same
// key. So two mailers running the same period, or a crash between queueing and recording progress,
// produce the period again harmlessly. Nothing is skipped: progress moves only after a period's
// messages are all queued.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/crypto.h"
#include "store/store.h"

namespace bf::mailer {

enum class Cadence { Daily, Monthly };

struct ScheduleSpec {
    std::string name;          // also the dedupe keys' prefix: "author-daily"
    Cadence cadence = Cadence::Daily;
    int anchor_hour = 0;       // periods start at this UTC hour (daily) or at 00:00 on the 1st (monthly)
    int delay_hours = 0;       // a period is due this long after it ends
    int catch_up = 7;          // at most this many missed periods are still sent, newest kept
};

struct Period {
    Time start{};
    Time end{};
    std::string label;  // "2026-11-21" (daily: the start's date) or "2026-11" (monthly)
};

// The period before / containing / after, for a cadence and anchor. Pure.
Period period_containing(const ScheduleSpec& spec, Time t);
Period next_period(const ScheduleSpec& spec, const Period& p);
// The periods due at `now`, oldest first, after the one starting at `done_through`
// (exclusive). Without progress only the newest due period is due: a new schedule does not
// replay history. Progress ahead of the newest due period (a clock moved back) counts as the
// newest due period. At most spec.catch_up periods. Pure.
std::vector<Period> due_periods(const ScheduleSpec& spec, std::optional<Time> done_through, Time now);

// What a producer gets: the store to read from, links to build, and `emit` to queue a message.
struct ProduceContext {
    store::Store& store;
    const std::string& base_url;
    const crypto::Signer& signer;
    Time now;
    std::function<void(store::OutboxMessage)> emit;
};
// Writes every message of one period through ctx.emit; must be safe to run twice for one period.
using Producer = std::function<void(const Period&, ProduceContext&)>;

class Scheduler {
public:
    Scheduler(store::Store& store, const Clock& clock, std::string base_url, const crypto::Signer& signer);
    // The scheduler keeps a reference to the signer: a temporary would dangle (ASan found one in a test).
    Scheduler(store::Store&, const Clock&, std::string, const crypto::Signer&&) = delete;
    void add(ScheduleSpec spec, Producer producer);
    bool empty() const { return schedules_.empty(); }
    // Produces every due period of every schedule; answers how many messages were newly queued.
    int run();

private:
    struct Schedule {
        ScheduleSpec spec;
        Producer producer;
    };
    int run_period(const Schedule& s, const Period& p, Time now);

    store::Store& store_;
    const Clock& clock_;
    std::string base_url_;
    const crypto::Signer& signer_;
    std::vector<Schedule> schedules_;
};

}  // namespace bf::mailer
