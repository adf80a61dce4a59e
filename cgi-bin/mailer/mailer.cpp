#include "mailer/mailer.h"

#include <unistd.h>

#include <algorithm>
#include <set>

#include "core/log.h"
#include "mailer/mime.h"

namespace bf::mailer {
namespace {

// The longest pause after the SMTP server could not be reached: probe it at least this often.
constexpr int64_t kMaxServerPauseSeconds = 300;
// The shortest sleep between rounds, so rows another mailer is claiming right now cost no spin.
constexpr int64_t kMinSleepUs = 20'000;

std::string make_worker_id() {
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    std::string id = std::string(host).substr(0, 40) + ":" + std::to_string(::getpid()) + ":" +
                     crypto::hex_encode(crypto::random_bytes(3));
    return id;
}

}  // namespace

MailerSettings MailerSettings::from_config(const Config& c) {
    MailerSettings s;
    s.from = c.get("mail_from", s.from);
    s.base_url = c.get("base_url", s.base_url);
    s.batch = static_cast<int>(std::max<int64_t>(1, c.get_int("mail_batch", s.batch)));
    s.lease_seconds = std::max<int64_t>(1, c.get_int("mail_lease_seconds", s.lease_seconds));
    s.max_attempts = static_cast<int>(std::max<int64_t>(1, c.get_int("mail_max_attempts", s.max_attempts)));
    s.backoff_seconds = std::max<int64_t>(1, c.get_int("mail_backoff_seconds", s.backoff_seconds));
    s.backoff_max_seconds = std::max(s.backoff_seconds, c.get_int("mail_backoff_max_seconds", s.backoff_max_seconds));
    s.rate_per_minute = std::max<int64_t>(0, c.get_int("mail_rate_per_minute", s.rate_per_minute));
    s.transactional_reserve_percent =
        std::clamp<int64_t>(c.get_int("mail_transactional_reserve_percent", s.transactional_reserve_percent), 0, 90);
    s.poll_ms = std::max<int64_t>(10, c.get_int("mail_poll_ms", s.poll_ms));
    s.in_flight = static_cast<int>(std::clamp<int64_t>(c.get_int("mail_in_flight", s.in_flight), 1, 64));
    return s;
}

int64_t backoff_seconds(int attempt, int64_t base, int64_t max) {
    int64_t delay = base;
    for (int i = 1; i < attempt && delay < max; ++i) delay *= 2;
    return std::min(delay, max);
}

bool task_due(Time now, Time next, int64_t every_seconds) {
    return now >= next || next > now.plus_seconds(every_seconds);
}

std::string message_id(int64_t outbox_id, const crypto::Signer& signer, const std::string& domain) {
    const std::string id = std::to_string(outbox_id);
    return "<" + id + "." + crypto::base64url_encode(signer.mac("message-id:" + id)).substr(0, 16) + "@" + domain + ">";
}

Mailer::Mailer(MailerSettings settings, store::Store& store, SmtpClient& smtp, SentMarks& marks, const Clock& clock,
               const crypto::Signer& signer, const std::atomic<bool>& stop)
    : settings_(std::move(settings)),
      store_(store),
      smtp_(smtp),
      marks_(marks),
      clock_(clock),
      signer_(signer),
      stop_(stop),
      limiter_(settings_.rate_per_minute, settings_.transactional_reserve_percent, store, clock, stop),
      scheduler_(store, clock, settings_.base_url, signer),
      worker_id_(make_worker_id()),
      from_address_(address_of(settings_.from)),
      domain_(domain_of(from_address_)) {}

void Mailer::every(std::string name, int64_t every_seconds, std::function<void(store::Store&, Time)> task) {
    tasks_.push_back(Task{std::move(name), every_seconds, std::move(task), Time{}});
}

void Mailer::run_tasks(Time now) {
    for (auto& t : tasks_) {
        if (!task_due(now, t.next, t.every_seconds)) continue;
        t.next = now.plus_seconds(t.every_seconds);
        try {
            t.run(store_, now);
        } catch (const std::exception& e) {
            log::error("housekeeping " + t.name + ": " + e.what());
        }
    }
}

void Mailer::run_scheduler() {
    if (scheduler_.empty()) return;
    // A failing digest must not hold up the mail already queued: it is logged and tried next round.
    try {
        scheduler_.run();
    } catch (const std::exception& e) {
        log::error(std::string("digest scheduler: ") + e.what());
    }
}

DrainStats Mailer::drain() {
    DrainStats stats;
    // With a limit, claim about a second's worth at a time, so claimed rows never wait long.
    const int claim_size = limiter_.enabled()
                               ? static_cast<int>(std::clamp<int64_t>(settings_.rate_per_minute / 60, 1, settings_.batch))
                               : settings_.batch;
    while (!stop_) {
        const Time now = clock_.now();
        if (now < server_pause_until_) break;
        const auto claimed = store_.mail.claim(claim_size, worker_id_, settings_.lease_seconds, now);
        if (claimed.empty()) break;
        // Once a lease runs out another mailer may claim the row and send it too. So a send starts only in
        // the first half of its lease, leaving the rest for the exchange and the sent mark; when waiting for
        // rate slots (shared with other mailers) took longer, the lease is renewed first, and a row that
        // another mailer took meanwhile is left to it.
        const int64_t half_lease_us = settings_.lease_seconds * 500'000;
        Time send_before{now.us + half_lease_us};
        std::set<int64_t> lost;
        size_t i = 0;
        for (; i < claimed.size(); ++i) {
            if (stop_ || clock_.now() < server_pause_until_ || !limiter_.acquire(claimed[i].mail_class)) break;
            marks_.wait_for_room();
            if (const Time t = clock_.now(); t >= send_before) {
                std::vector<int64_t> rest;
                for (size_t j = i; j < claimed.size(); ++j) rest.push_back(claimed[j].id);
                const auto held = store_.mail.renew(rest, worker_id_, t.plus_seconds(settings_.lease_seconds));
                for (const int64_t id : rest)
                    if (std::find(held.begin(), held.end(), id) == held.end()) lost.insert(id);
                send_before = Time{t.us + half_lease_us};
            }
            if (lost.count(claimed[i].id) == 0) send_one(claimed[i], stats);
        }
        // Rows claimed but not tried go back at once (or when the server pause ends), uncounted, in one statement.
        std::vector<int64_t> untried;
        for (; i < claimed.size(); ++i) untried.push_back(claimed[i].id);
        store_.mail.release(untried, worker_id_, std::max(clock_.now(), server_pause_until_));
    }
    return stats;
}

void Mailer::send_one(const store::ClaimedMessage& m, DrainStats& stats) {
    MimeMessage mime{settings_.from, m.recipient, m.subject, m.text, m.html, message_id(m.id, signer_, domain_),
                     m.created, m.list_unsubscribe, "=_bf_" + crypto::hex_encode(crypto::random_bytes(12))};
    const SendResult result = smtp_.send(from_address_, m.recipient, build_mime(mime));
    const Time now = clock_.now();
    if (result.outcome == SendOutcome::Sent) {
        marks_.add(m.id, now);
        server_failures_ = 0;
        ++stats.sent;
        return;
    }
    const std::string what = "outbox " + std::to_string(m.id) + " (" + m.kind + ", attempt " +
                             std::to_string(m.attempt) + "): " + result.error;
    if (result.outcome == SendOutcome::Permanent) {
        store_.mail.record_permanent_failure(m.id, result.error, now);
        log::warn(what + "; refused for good");
        ++stats.failed;
        return;
    }
    const Time retry_at =
        now.plus_seconds(backoff_seconds(m.attempt, settings_.backoff_seconds, settings_.backoff_max_seconds));
    if (store_.mail.record_temporary_failure(m.id, result.error, retry_at, settings_.max_attempts, now)) {
        log::error(what + "; dead after " + std::to_string(m.attempt) + " attempts");
        ++stats.failed;
    } else {
        log::warn(what + "; retry at " + format_iso(retry_at));
        ++stats.retried;
    }
    if (result.server_unreachable) {
        ++server_failures_;
        const int64_t pause = backoff_seconds(server_failures_, settings_.backoff_seconds,
                                              std::min(settings_.backoff_max_seconds, kMaxServerPauseSeconds));
        server_pause_until_ = now.plus_seconds(pause);
        log::warn("SMTP server unreachable; pausing for " + std::to_string(pause) + " s");
    }
}

DrainStats Mailer::run(bool once) {
    DrainStats total;
    while (!stop_) {
        try {
            // A pause longer than any we set means the clock went back: it is over.
            if (server_pause_until_ > clock_.now().plus_seconds(kMaxServerPauseSeconds)) server_pause_until_ = Time{};
            run_tasks(clock_.now());
            run_scheduler();
            const DrainStats round = drain();
            total.sent += round.sent;
            total.retried += round.retried;
            total.failed += round.failed;
            if (once) marks_.flush();
            const Time now = clock_.now();
            const auto due = store_.mail.next_due();
            if (once && (!due || *due > now || now < server_pause_until_)) break;
            Time wake{now.us + settings_.poll_ms * 1000};
            if (due && *due < wake) wake = *due;
            wake = std::max({wake, server_pause_until_, Time{now.us + kMinSleepUs}});
            sleep_until(clock_, wake, stop_);
        } catch (const std::exception& e) {
            // The database or a template failed: nothing is lost (claims expire); try again soon.
            log::error(std::string("mailer round failed: ") + e.what());
            if (once) break;
            sleep_until(clock_, clock_.now().plus_seconds(1), stop_);
        }
    }
    return total;
}

}  // namespace bf::mailer
