#include "store/outbox_admin.h"

#include "core/errors.h"
#include "store/audit.h"
#include "store/mail.h"

namespace bf::store {
namespace {

// A pending message that has failed before and waits for its next try. One a mailer holds (claimed_until
// ahead: the claim counted an attempt already) is being sent, not failing: requeueing it would send it
// twice. Its one parameter is now.
const std::string kRetrying =
    "status = 'pending' AND attempts > 0 AND (claimed_until IS NULL OR claimed_until <= ?)";

// Which rows each state is, over ix_outbox_status_id (status, id); each condition takes now once.
std::string condition(OutboxState s) {
    switch (s) {
        case OutboxState::Pending: return "status = 'pending' AND NOT (" + kRetrying + ")";
        case OutboxState::Failed: return "(status = 'failed' OR (" + kRetrying + "))";
        case OutboxState::Dead: return "status = 'dead' AND ? IS NOT NULL";
    }
    return "FALSE";
}

}  // namespace

const char* outbox_state_name(OutboxState s) {
    switch (s) {
        case OutboxState::Pending: return "pending";
        case OutboxState::Failed: return "failed";
        case OutboxState::Dead: return "dead";
    }
    return "pending";
}

std::optional<OutboxState> parse_outbox_state(const std::string& name) {
    for (OutboxState s : {OutboxState::Pending, OutboxState::Failed, OutboxState::Dead})
        if (name == outbox_state_name(s)) return s;
    return std::nullopt;
}

OutboxCounts OutboxAdmin::counts(Time now) {
    // Sent messages (nearly all of the table) are never read: the range covers pending and dead only.
    OutboxCounts c;
    for (const auto& r : db_.query("SELECT status, COUNT(*), SUM(" + kRetrying + ") FROM outbox"
                                   " WHERE status IN ('pending', 'failed', 'dead') GROUP BY status", now)) {
        if (r.str(0) == "dead") {
            c.dead = r.i64(1);
        } else if (r.str(0) == "failed") {
            c.failed += r.i64(1);  // refused for good by the recipient's server
        } else {
            const int64_t retrying = r.opt_i64(2).value_or(0);
            c.failed += retrying;
            c.pending = r.i64(1) - retrying;
        }
    }
    return c;
}

std::vector<MailQueue> OutboxAdmin::queues() {
    std::vector<MailQueue> out;
    for (const MailClass c : kMailClasses) out.push_back(MailQueue{c, 0, std::nullopt});
    // Counted over ix_outbox_class_due alone (the id is in it); the earliest queued is the lowest id,
    // whose created_at is one primary-key read.
    for (const auto& r : db_.query("SELECT mail_class, COUNT(*), MIN(id) FROM outbox WHERE status = 'pending'"
                                   " GROUP BY mail_class"))
        for (auto& q : out)
            if (q.mail_class == parse_mail_class(r.str(0))) {
                q.length = r.i64(1);
                if (const auto first = db_.query_one("SELECT created_at FROM outbox WHERE id = ?", r.i64(2)))
                    q.oldest = first->time(0);
            }
    return out;
}

std::vector<OutboxListing> OutboxAdmin::list(OutboxState state, std::optional<int64_t> before_id, int limit,
                                             Time now) {
    std::vector<OutboxListing> out;
    for (const auto& r : db_.query("SELECT id, kind, recipient, subject, status, attempts, last_error,"
                                   " next_attempt_at, created_at FROM outbox WHERE " +
                                       condition(state) + " AND id < ? ORDER BY id DESC LIMIT ?",
                                   now, before_id.value_or(INT64_MAX), limit))
        out.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.i64(5), r.opt_str(6), r.time(7), r.time(8)});
    return out;
}

void OutboxAdmin::requeue(std::optional<int64_t> actor_id, int64_t message_id, Time now) {
    db_.transaction([&] {
        const auto row = db_.query_one("SELECT status, attempts, next_attempt_at FROM outbox WHERE id = ? FOR UPDATE",
                                       message_id);
        if (!row) throw NotFound("There is no message with that id in the outbox.");
        // Conditional: only a message that is dead or failed moves, whatever happened since the page was read.
        // Dead and refused ones go through the mailer's own requeue; one still retrying is made due now.
        const bool moved = Mail(db_).requeue(message_id, now) ||
                           db_.exec("UPDATE outbox SET attempts = 0, next_attempt_at = ? WHERE id = ? AND " + kRetrying,
                                    now, message_id, now) == 1;
        if (!moved)
            throw Conflict(row->str(0) == "sent" ? "This message has been sent since: there is nothing to retry."
                                                 : "This message is waiting for its first try or being sent right now.");
        Audit(db_).record(actor_id, "outbox.requeue", "outbox", message_id,
                          {{"status", row->str(0)}, {"attempts", std::to_string(row->i64(1))},
                           {"next_attempt_at", format_iso(row->time(2))}},
                          {{"status", "pending"}, {"attempts", "0"}, {"next_attempt_at", format_iso(now)}}, now);
    });
}

int64_t OutboxAdmin::requeue_dead(std::optional<int64_t> actor_id, Time now) {
    return db_.transaction([&] {
        const auto n = static_cast<int64_t>(Mail(db_).requeue_dead(now));
        // One action, one row; subject 0 stands for the whole outbox.
        if (n > 0)
            Audit(db_).record(actor_id, "outbox.requeue_dead", "outbox", 0,
                              {{"status", "dead"}, {"messages", std::to_string(n)}},
                              {{"status", "pending"}, {"messages", std::to_string(n)}, {"attempts", "0"}}, now);
        return n;
    });
}

}  // namespace bf::store
