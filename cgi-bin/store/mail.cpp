#include "store/mail.h"

#include <stdexcept>

#include "core/unsubscribe.h"

namespace bf::store {
namespace {

// Both lists are plain columns of users; the name comes from this fixed map, never from input.
const char* list_column(const std::string& list) {
    if (list == unsubscribe::kNewsletter) return "newsletter";
    if (list == unsubscribe::kAuthorDigests) return "author_digests";
    throw std::invalid_argument("unknown mailing list " + list);
}

}  // namespace

std::vector<ClaimedMessage> Mail::claim(int limit, const std::string& worker, int64_t lease_seconds, Time now) {
    return db_.transaction([&] {
        std::vector<ClaimedMessage> claimed;
        // One class at a time over ix_outbox_class_due, transactional first: bulk rows fill what is left.
        for (const MailClass c : kMailClasses) {
            if (claimed.size() >= static_cast<size_t>(limit)) break;
            for (const auto& r : db_.query(
                     "SELECT id, kind, recipient, subject, body_text, body_html, list_unsubscribe, attempts, created_at"
                     " FROM outbox WHERE status = 'pending' AND mail_class = ? AND next_attempt_at <= ?"
                     " ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED",
                     mail_class_name(c), now, limit - static_cast<int>(claimed.size())))
                claimed.push_back(ClaimedMessage{r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5),
                                                 r.opt_str(6), static_cast<int>(r.i64(7)) + 1, r.time(8), c});
        }
        if (claimed.empty()) return claimed;
        // The lease: next_attempt_at moves to its end, so an abandoned row falls due again by itself.
        const Time lease_end = now.plus_seconds(lease_seconds);
        std::vector<db::Param> params{db::to_param(worker), db::to_param(lease_end), db::to_param(lease_end),
                                      db::to_param(now)};
        for (const auto& m : claimed) params.push_back(db::to_param(m.id));
        db_.exec_params("UPDATE outbox SET attempts = attempts + 1, claimed_by = ?, claimed_until = ?, next_attempt_at = ?,"
                        " last_attempt_at = ? WHERE id IN (" + db::placeholders(claimed.size()) + ")",
                        params);
        return claimed;
    });
}

void Mail::mark_all_sent(const std::vector<std::pair<int64_t, Time>>& sent) {
    if (sent.empty()) return;
    // One statement for the group; sent_at is the group's last acceptance (they lie milliseconds apart).
    std::vector<db::Param> params{db::to_param(sent.back().second)};
    for (const auto& [id, when] : sent) params.push_back(db::to_param(id));
    db_.exec_params("UPDATE outbox SET status = 'sent', sent_at = ?, claimed_until = NULL WHERE status = 'pending'"
                    " AND id IN (" + db::placeholders(sent.size()) + ")",
                    params);
    // A closed account's farewell (store::Accounts::close) is the last trace of its address: once
    // sent, it goes too.
    params.erase(params.begin());
    db_.exec_params("DELETE FROM outbox WHERE kind = 'account_closed' AND status = 'sent' AND id IN (" +
                        db::placeholders(sent.size()) + ")",
                    params);
}

bool Mail::record_temporary_failure(int64_t id, const std::string& error, Time retry_at, int max_attempts, Time now) {
    return db_.transaction([&] {
        db_.exec(
            "UPDATE outbox SET last_error = ?, last_attempt_at = ?, claimed_until = NULL, next_attempt_at = ?,"
            " status = IF(attempts >= ?, 'dead', 'pending') WHERE id = ? AND status = 'pending'",
            error, now, retry_at, max_attempts, id);
        const auto row = db_.query_one("SELECT status FROM outbox WHERE id = ?", id);
        return row && row->str(0) == "dead";
    });
}

void Mail::record_permanent_failure(int64_t id, const std::string& error, Time now) {
    db_.exec(
        "UPDATE outbox SET status = 'failed', last_error = ?, last_attempt_at = ?, claimed_until = NULL"
        " WHERE id = ? AND status = 'pending'",
        error, now, id);
}

std::vector<int64_t> Mail::renew(const std::vector<int64_t>& ids, const std::string& worker, Time lease_end) {
    std::vector<int64_t> held;
    if (ids.empty()) return held;
    return db_.transaction([&] {
        std::vector<db::Param> params{db::to_param(lease_end), db::to_param(lease_end), db::to_param(worker)};
        for (const int64_t id : ids) params.push_back(db::to_param(id));
        db_.exec_params("UPDATE outbox SET claimed_until = ?, next_attempt_at = ? WHERE claimed_by = ?"
                        " AND status = 'pending' AND id IN (" + db::placeholders(ids.size()) + ")",
                        params);
        params.erase(params.begin(), params.begin() + 2);
        for (const auto& r : db_.query_params("SELECT id FROM outbox WHERE claimed_by = ? AND status = 'pending'"
                                              " AND id IN (" + db::placeholders(ids.size()) + ")",
                                              params))
            held.push_back(r.i64(0));
        return held;
    });
}

void Mail::release(const std::vector<int64_t>& ids, const std::string& worker, Time due) {
    if (ids.empty()) return;
    std::vector<db::Param> params{db::to_param(due), db::to_param(worker)};
    for (const int64_t id : ids) params.push_back(db::to_param(id));
    db_.exec_params(
        "UPDATE outbox SET attempts = GREATEST(attempts - 1, 0), claimed_by = NULL, claimed_until = NULL,"
        " next_attempt_at = ? WHERE claimed_by = ? AND status = 'pending' AND id IN (" + db::placeholders(ids.size()) + ")",
        params);
}

std::optional<Time> Mail::next_due() {
    // Grouped by class, the minimum of each is one look into ix_outbox_class_due (a loose index scan).
    std::optional<Time> due;
    for (const auto& r : db_.query("SELECT mail_class, MIN(next_attempt_at) FROM outbox WHERE status = 'pending'"
                                   " GROUP BY mail_class"))
        if (!due || r.time(1) < *due) due = r.time(1);
    return due;
}

std::vector<OutboxEntry> Mail::list(const std::string& status, int limit) {
    if (!status.empty() && status != "pending" && status != "failed" && status != "dead")
        throw std::invalid_argument("status must be pending, failed or dead");
    const std::string where = status.empty() ? "status IN ('pending', 'failed', 'dead')" : "status = ?";
    std::vector<db::Param> params;
    if (!status.empty()) params.push_back(db::to_param(status));
    params.push_back(db::to_param(limit));
    std::vector<OutboxEntry> out;
    for (const auto& r : db_.query_params(
             "SELECT id, kind, recipient, subject, status, attempts, next_attempt_at, last_error, claimed_by,"
             " created_at FROM outbox WHERE " + where + " ORDER BY id LIMIT ?",
             params))
        out.push_back(OutboxEntry{r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), static_cast<int>(r.i64(5)),
                                  r.time(6), r.opt_str(7), r.opt_str(8), r.time(9)});
    return out;
}

bool Mail::requeue(int64_t id, Time now) {
    return db_.exec(
               "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, claimed_by = NULL,"
               " claimed_until = NULL WHERE id = ? AND status IN ('failed', 'dead')",
               now, id) == 1;
}

uint64_t Mail::requeue_dead(Time now) {
    return db_.exec(
        "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, claimed_by = NULL,"
        " claimed_until = NULL WHERE status = 'dead'",
        now);
}

std::optional<Time> Mail::take_send_slot(const std::string& budget, int64_t interval_us, Time now) {
    const Time next{now.us + interval_us};
    // A slot more than a minute beyond one interval ahead can only come from a clock that moved
    // back (tests move it): it is taken as free rather than stalling every mailer. (Mailers'
    // clocks differ by a little, so the margin must be far above that.)
    const Time implausible = next.plus_seconds(60);
    const uint64_t changed = db_.exec(
        "INSERT INTO mail_rate_budget (name, next_slot_at) VALUES (?, ?)"
        " ON DUPLICATE KEY UPDATE next_slot_at ="
        " IF(next_slot_at <= ? OR next_slot_at > ?, VALUES(next_slot_at), next_slot_at)",
        budget, next, now, implausible);
    if (changed > 0) return std::nullopt;
    const auto row = db_.query_one("SELECT next_slot_at FROM mail_rate_budget WHERE name = ?", budget);
    return row ? row->time(0) : now;
}

std::optional<Time> Mail::schedule_done_through(const std::string& schedule) {
    const auto row = db_.query_one("SELECT done_through FROM mail_schedules WHERE name = ?", schedule);
    if (!row) return std::nullopt;
    return row->time(0);
}

int Mail::enqueue_all(const std::vector<OutboxMessage>& messages, Time now) {
    return db_.transaction([&] {
        int added = 0;
        Outbox outbox(db_);
        for (const auto& m : messages) added += outbox.enqueue(m, now) ? 1 : 0;
        return added;
    });
}

void Mail::mark_schedule_done(const std::string& schedule, Time period, Time now) {
    db_.exec(
        "INSERT INTO mail_schedules (name, done_through, updated_at) VALUES (?, ?, ?)"
        " ON DUPLICATE KEY UPDATE done_through = GREATEST(done_through, VALUES(done_through)),"
        " updated_at = VALUES(updated_at)",
        schedule, period, now);
}

bool Mail::set_subscribed(int64_t user_id, const std::string& list, bool subscribed, Time now) {
    return db_.transaction([&] {
        if (!db_.query_one("SELECT id FROM users WHERE id = ? FOR UPDATE", user_id)) return false;
        db_.exec(std::string("UPDATE users SET ") + list_column(list) + " = ?, updated_at = ? WHERE id = ?",
                 subscribed, now, user_id);
        return true;
    });
}

std::optional<bool> Mail::subscribed(int64_t user_id, const std::string& list) {
    const auto row = db_.query_one(std::string("SELECT ") + list_column(list) + " FROM users WHERE id = ?", user_id);
    if (!row) return std::nullopt;
    return row->boolean(0);
}

std::vector<Subscriber> Mail::newsletter_subscribers(int64_t after_id, int limit) {
    std::vector<Subscriber> out;
    for (const auto& r : db_.query(
             "SELECT id, email, display_name FROM users WHERE newsletter = 1 AND id > ? AND active = 1"
             " AND email_verified_at IS NOT NULL ORDER BY id LIMIT ?",
             after_id, limit))
        out.push_back(Subscriber{r.i64(0), r.str(1), r.str(2)});
    return out;
}

}  // namespace bf::store
