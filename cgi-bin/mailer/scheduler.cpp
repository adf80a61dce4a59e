#include "mailer/scheduler.h"

#include <cstdio>

#include "core/log.h"

namespace bf::mailer {
namespace {

constexpr size_t kEnqueueChunk = 200;  // messages per transaction while a period is produced

std::string month_label(const CivilTime& c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", c.year, c.month);
    return buf;
}

Time month_start(int year, int month) { return from_civil(CivilTime{year, month, 1, 0, 0, 0, 0}); }

}  // namespace

Period period_containing(const ScheduleSpec& spec, Time t) {
    if (spec.cadence == Cadence::Monthly) {
        const CivilTime c = to_civil(t);
        const Time start = month_start(c.year, c.month);
        const Time end = c.month == 12 ? month_start(c.year + 1, 1) : month_start(c.year, c.month + 1);
        return Period{start, end, month_label(c)};
    }
    // Days begin at the anchor hour: shift back by it, take the calendar day, shift forward again.
    const Time shifted = t.plus_hours(-spec.anchor_hour);
    CivilTime c = to_civil(shifted);
    c.hour = c.minute = c.second = c.micros = 0;
    const Time start = from_civil(c).plus_hours(spec.anchor_hour);
    return Period{start, start.plus_days(1), format_date(start)};
}

Period next_period(const ScheduleSpec& spec, const Period& p) { return period_containing(spec, p.end); }

std::vector<Period> due_periods(const ScheduleSpec& spec, std::optional<Time> done_through, Time now) {
    // A period is due once now >= end + delay: the newest such ends where the period holding
    // (now - delay) starts.
    const Period holding = period_containing(spec, now.plus_hours(-spec.delay_hours));
    const Period newest = period_containing(spec, holding.start.plus_seconds(-1));
    if (!done_through || *done_through > newest.start) return done_through ? std::vector<Period>{} : std::vector<Period>{newest};
    std::vector<Period> due;
    for (Period p = next_period(spec, period_containing(spec, *done_through)); p.start <= newest.start;
         p = next_period(spec, p))
        due.push_back(p);
    if (spec.catch_up > 0 && due.size() > static_cast<size_t>(spec.catch_up)) {
        log::warn("schedule " + spec.name + ": " + std::to_string(due.size()) + " periods missed; sending the last " +
                  std::to_string(spec.catch_up));
        due.erase(due.begin(), due.end() - spec.catch_up);
    }
    return due;
}

Scheduler::Scheduler(store::Store& store, const Clock& clock, std::string base_url, const crypto::Signer& signer)
    : store_(store), clock_(clock), base_url_(std::move(base_url)), signer_(signer) {}

void Scheduler::add(ScheduleSpec spec, Producer producer) {
    schedules_.push_back(Schedule{std::move(spec), std::move(producer)});
}

int Scheduler::run() {
    int queued = 0;
    for (const auto& s : schedules_) {
        const Time now = clock_.now();
        for (const Period& p : due_periods(s.spec, store_.mail.schedule_done_through(s.spec.name), now))
            queued += run_period(s, p, now);
    }
    return queued;
}

int Scheduler::run_period(const Schedule& s, const Period& p, Time now) {
    int queued = 0;
    std::vector<store::OutboxMessage> pending;
    auto flush = [&] {
        queued += store_.mail.enqueue_all(pending, now);
        pending.clear();
    };
    ProduceContext ctx{store_, base_url_, signer_, now, [&](store::OutboxMessage m) {
                           pending.push_back(std::move(m));
                           if (pending.size() >= kEnqueueChunk) flush();
                       }};
    s.producer(p, ctx);
    flush();
    store_.mail.mark_schedule_done(s.spec.name, p.start, now);
    if (queued > 0) log::info("schedule " + s.spec.name + " " + p.label + ": queued " + std::to_string(queued));
    return queued;
}

}  // namespace bf::mailer
