#include "store/sessions.h"

namespace bf::store {

std::optional<SessionRecord> Sessions::find(const std::string& token_hash, Time now) {
    const auto row = db_.query_one(
        "SELECT s.id, s.last_seen_at, s.expires_at, u.id, u.email, u.display_name, u.role,"
        " u.email_verified_at IS NOT NULL"
        " FROM sessions s LEFT JOIN users u ON u.id = s.user_id AND u.active = 1"
        " WHERE s.token_hash = ? AND s.expires_at > ?",
        db::Bytes{token_hash}, now);
    if (!row) return std::nullopt;
    SessionRecord s;
    s.id = row->i64(0);
    s.last_seen = row->time(1);
    s.expires = row->time(2);
    if (!row->is_null(3))
        s.user = SessionUser{row->i64(3), row->str(4), row->str(5), row->str(6), row->boolean(7)};
    return s;
}

int64_t Sessions::create(const std::string& token_hash, std::optional<int64_t> user_id, Time now) {
    db_.exec("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)",
             db::Bytes{token_hash}, user_id, now, now, now.plus_days(kIdleDays));
    return static_cast<int64_t>(db_.last_insert_id());
}

void Sessions::log_in(int64_t session_id, const std::string& new_token_hash, int64_t user_id, Time now) {
    db_.exec("UPDATE sessions SET token_hash = ?, user_id = ?, last_seen_at = ?, expires_at = ? WHERE id = ?",
             db::Bytes{new_token_hash}, user_id, now, now.plus_days(kIdleDays), session_id);
}

void Sessions::touch(int64_t session_id, Time now) {
    db_.exec("UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?", now, now.plus_days(kIdleDays),
             session_id);
}

void Sessions::destroy(const std::string& token_hash) {
    db_.exec("DELETE FROM sessions WHERE token_hash = ?", db::Bytes{token_hash});
}

void Sessions::destroy_all_for_user(int64_t user_id, std::optional<int64_t> except_session_id) {
    db_.exec("DELETE FROM sessions WHERE user_id = ? AND id <> ?", user_id, except_session_id.value_or(0));
}

uint64_t Sessions::delete_expired(Time now) {
    return db_.exec("DELETE FROM sessions WHERE expires_at <= ? LIMIT 1000", now);
}

}  // namespace bf::store
