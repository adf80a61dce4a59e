#pragma once
// The mailer's work, one process: claim due outbox rows, send each over SMTP, record how it
// went; between rounds run the digest scheduler and the housekeeping tasks.
//
// Claiming is a short transaction (SELECT ... FOR UPDATE SKIP LOCKED, then a lease); the SMTP
// conversation happens outside any transaction, one message at a time over one connection, and
// each accepted message is handed to SentMarks, which writes its sent mark on another connection
// while the next message goes out. So a kill -9 loses nothing: claimed rows fall due again when
// their lease ends, and only the messages in flight (accepted, mark not yet written: at most
// mail_in_flight) can go out a second time.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/config.h"
#include "core/crypto.h"
#include "mailer/rate_limiter.h"
#include "mailer/scheduler.h"
#include "mailer/sent_marks.h"
#include "mailer/smtp.h"
#include "store/store.h"

namespace bf::mailer {

struct MailerSettings {
    std::string from = "Bookfair <no-reply@bookfair.test>";  // mail_from
    std::string base_url = "http://127.0.0.1:8080";          // base_url
    int batch = 100;                    // mail_batch: rows claimed at once
    int64_t lease_seconds = 300;        // mail_lease_seconds: a claimed row's lease
    int max_attempts = 10;              // mail_max_attempts: then the row is dead
    int64_t backoff_seconds = 60;       // mail_backoff_seconds: first retry delay, doubling
    int64_t backoff_max_seconds = 21600;  // mail_backoff_max_seconds: the longest retry delay
    int64_t rate_per_minute = 100;      // mail_rate_per_minute: all mailers together; 0 = no limit
    int64_t transactional_reserve_percent = 20;  // mail_transactional_reserve_percent (0-90): of the rate, never used by bulk mail
    int64_t poll_ms = 1000;             // mail_poll_ms: the longest sleep between looks at the outbox
    int in_flight = 1;                  // mail_in_flight: messages accepted before their sent mark is written

    static MailerSettings from_config(const Config& config);
};

// The retry delay after the given failed attempt (1, 2, ...): base * 2^(attempt-1), at most max.
int64_t backoff_seconds(int attempt, int64_t base, int64_t max);

// Whether a housekeeping task run every `every_seconds` and next due at `next` runs now: when its time
// has come, or when its next run lies more than a period ahead (the clock went back, as tests move it).
bool task_due(Time now, Time next, int64_t every_seconds);

// "<42.Jx3kQ...@bookfair.test>": the row id and a MAC of it, the same on every attempt.
std::string message_id(int64_t outbox_id, const crypto::Signer& signer, const std::string& domain);

struct DrainStats {
    int sent = 0;
    int retried = 0;   // temporary failures, to be tried again
    int failed = 0;    // permanent refusals and rows given up as dead
};

class Mailer {
public:
    Mailer(MailerSettings settings, store::Store& store, SmtpClient& smtp, SentMarks& marks, const Clock& clock,
           const crypto::Signer& signer, const std::atomic<bool>& stop);
    // The mailer keeps a reference to the signer: a temporary would dangle.
    Mailer(MailerSettings, store::Store&, SmtpClient&, SentMarks&, const Clock&, const crypto::Signer&&,
           const std::atomic<bool>&) = delete;

    Scheduler& scheduler() { return scheduler_; }
    // A housekeeping task run every `every_seconds` (first on the first round); one line per task.
    void every(std::string name, int64_t every_seconds, std::function<void(store::Store&, Time)> task);

    // Sends what is due now, until the outbox has nothing due, the server is unreachable or
    // stop is set; the message in flight always finishes.
    DrainStats drain();
    // Rounds of scheduler, housekeeping and drain until stop is set. With `once`, returns as soon
    // as nothing is due any more (for tests and benchmarks).
    DrainStats run(bool once);

    const std::string& worker_id() const { return worker_id_; }

private:
    struct Task {
        std::string name;
        int64_t every_seconds;
        std::function<void(store::Store&, Time)> run;
        Time next{};
    };
    void send_one(const store::ClaimedMessage& m, DrainStats& stats);
    void run_tasks(Time now);
    void run_scheduler();

    MailerSettings settings_;
    store::Store& store_;
    SmtpClient& smtp_;
    SentMarks& marks_;
    const Clock& clock_;
    const crypto::Signer& signer_;
    const std::atomic<bool>& stop_;
    RateLimiter limiter_;
    Scheduler scheduler_;
    std::vector<Task> tasks_;
    std::string worker_id_;
    std::string from_address_;
    std::string domain_;
    int server_failures_ = 0;  // consecutive "server unreachable" results
    Time server_pause_until_{};
};

}  // namespace bf::mailer
