#pragma once
// What the mailer does to the outbox and its own tables: claims rows under a lease,
// records how each attempt ended, shares one send budget between mailers, remembers
// how far each digest schedule got, and keeps each user's mailing-list choices.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/time.h"
#include "db/connection.h"
#include "store/outbox.h"

namespace bf::store {

// A row the mailer claimed: everything needed to build and send the message.
struct ClaimedMessage {
    int64_t id = 0;
    std::string kind;
    std::string recipient;
    std::string subject;
    std::string text;
    std::string html;
    std::optional<std::string> list_unsubscribe;
    int attempt = 0;  // 1 on the first try; 2 or more says it was tried (or claimed) before
    Time created{};
    MailClass mail_class = MailClass::Transactional;
};

// One row as `bookfair outbox` lists it.
struct OutboxEntry {
    int64_t id = 0;
    std::string kind;
    std::string recipient;
    std::string subject;
    std::string status;
    int attempts = 0;
    Time next_attempt{};
    std::optional<std::string> last_error;
    std::optional<std::string> claimed_by;
    Time created{};
};

// A user who receives a mailing list (the readers' digest, an author's sales digests).
struct Subscriber {
    int64_t id = 0;
    std::string email;
    std::string display_name;
};

class Mail {
public:
    explicit Mail(db::Connection& db) : db_(db) {}

    // Claims up to `limit` due rows for `worker` until now + lease, in one short transaction
    // (SELECT ... FOR UPDATE SKIP LOCKED, then the lease); no lock outlives it. Transactional rows
    // come first, then bulk ones; each class oldest due first.
    // A claim counts as an attempt, so a row whose mailer died says so when it is claimed again.
    std::vector<ClaimedMessage> claim(int limit, const std::string& worker, int64_t lease_seconds, Time now);
    // Several marks (row id, when sent) in one statement: one commit for all, in send order.
    void mark_all_sent(const std::vector<std::pair<int64_t, Time>>& sent);
    // A temporary failure: try again at `retry_at`, or give up ('dead') once `max_attempts` were made.
    // Answers true when the row is now dead.
    bool record_temporary_failure(int64_t id, const std::string& error, Time retry_at, int max_attempts, Time now);
    // A permanent refusal (5xx for the recipient): status 'failed', not retried until requeued.
    void record_permanent_failure(int64_t id, const std::string& error, Time now);
    // Extends this worker's lease on `ids` to `lease_end`; returns those it still holds (a row whose
    // lease ran out may have been claimed by another mailer, which then sends it instead).
    std::vector<int64_t> renew(const std::vector<int64_t>& ids, const std::string& worker, Time lease_end);
    // Gives back claimed rows that were never tried (the server went away, or the mailer is
    // stopping): the claim does not count as an attempt and the rows are due again at `due`.
    void release(const std::vector<int64_t>& ids, const std::string& worker, Time due);
    // The earliest instant a pending row falls due, if any (the mailer sleeps until then).
    std::optional<Time> next_due();

    // Rows by status ("pending", "failed", "dead"; empty: all three), oldest first.
    std::vector<OutboxEntry> list(const std::string& status, int limit);
    // Puts a failed or dead row back in the queue with a fresh count of attempts.
    bool requeue(int64_t id, Time now);
    uint64_t requeue_dead(Time now);

    // A send budget shared by every mailer ("smtp": all mail; "smtp-bulk": bulk mail's share): takes
    // its next slot when it is free (no earlier than now) and moves it one interval on. Answers
    // nullopt when taken, else the instant the slot frees up.
    std::optional<Time> take_send_slot(const std::string& budget, int64_t interval_us, Time now);

    // Digest schedules: the start of the last period queued, if any.
    std::optional<Time> schedule_done_through(const std::string& schedule);
    // Queues a batch of messages (duplicates by dedupe key are skipped); answers how many were new.
    int enqueue_all(const std::vector<OutboxMessage>& messages, Time now);
    // Records that every message of the period starting at `period` is queued (never moves back).
    void mark_schedule_done(const std::string& schedule, Time period, Time now);

    // Mailing lists ("newsletter", "author-digests"); false when the user does not exist.
    bool set_subscribed(int64_t user_id, const std::string& list, bool subscribed, Time now);
    std::optional<bool> subscribed(int64_t user_id, const std::string& list);
    // Active, confirmed readers on the newsletter, by id after `after_id` (for paging).
    std::vector<Subscriber> newsletter_subscribers(int64_t after_id, int limit);

private:
    db::Connection& db_;
};

}  // namespace bf::store
