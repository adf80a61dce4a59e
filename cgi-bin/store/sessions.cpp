#include "store/sessions.h"

#include "store/carts.h"
#include "store/session_cache.h"

namespace bf::store {

std::optional<SessionRecord> Sessions::find(const std::string& token_hash, Time now) {
    SessionCache& cache = session_cache();
    if (!cache.enabled()) return read(token_hash, now);
    if (auto cached = cache.find(token_hash, now)) return cached;
    const uint64_t epoch = cache.epoch();
    auto record = read(token_hash, now);
    if (record) cache.put(token_hash, *record, now, epoch);
    return record;
}

void Sessions::forget_cached(const std::string& token_hash) { session_cache().forget_token(token_hash); }

void forget_cached_sessions_of(db::Connection& db, int64_t user_id) {
    db.after_transaction([user_id] { session_cache().forget_user(user_id); });
}

std::optional<SessionRecord> Sessions::read(const std::string& token_hash, Time now) {
    // Every lookup is by unique key (token, user, the user's cart or the session's guest cart), so
    // the cart count rides along for the price of the session alone. The cart counted is the one
    // Carts::count would count: the user's, or the guest session's while it has not gone idle.
    const auto row = db_.query_one_written_anywhere(
        "SELECT s.id, s.last_seen_at, s.expires_at, u.id, u.email, u.display_name, u.role,"
        " u.email_verified_at IS NOT NULL,"
        " (SELECT COALESCE(SUM(ci.quantity), 0) FROM cart_items ci WHERE ci.cart_id = COALESCE(uc.id, gc.id))"
        " FROM sessions s LEFT JOIN users u ON u.id = s.user_id AND u.active = 1"
        " LEFT JOIN carts uc ON uc.user_id = u.id"
        " LEFT JOIN carts gc ON gc.session_id = s.id AND gc.updated_at > ? AND u.id IS NULL"
        " WHERE s.token_hash = ? AND s.expires_at > ?",
        now.plus_days(-Carts::kGuestIdleDays), db::Bytes{token_hash}, now);
    if (!row) return std::nullopt;
    SessionRecord s;
    s.id = row->i64(0);
    s.last_seen = row->time(1);
    s.expires = row->time(2);
    if (!row->is_null(3))
        s.user = SessionUser{row->i64(3), row->str(4), row->str(5), row->str(6), row->boolean(7)};
    s.cart_items = static_cast<int>(row->i64(8));
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
    db_.after_transaction([session_id] { session_cache().forget_session(session_id); });
}

void Sessions::touch(int64_t session_id, Time now) {
    db_.exec("UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?", now, now.plus_days(kIdleDays),
             session_id);
    db_.after_transaction([session_id] { session_cache().forget_session(session_id); });
}

void Sessions::destroy(const std::string& token_hash) {
    db_.exec("DELETE FROM sessions WHERE token_hash = ?", db::Bytes{token_hash});
    db_.after_transaction([token_hash] { session_cache().forget_token(token_hash); });
}

void Sessions::destroy_all_for_user(int64_t user_id, std::optional<int64_t> except_session_id) {
    db_.exec("DELETE FROM sessions WHERE user_id = ? AND id <> ?", user_id, except_session_id.value_or(0));
    forget_cached_sessions_of(db_, user_id);
}

uint64_t Sessions::delete_expired(Time now) {
    return db_.exec("DELETE FROM sessions WHERE expires_at <= ? LIMIT 1000", now);
}

}  // namespace bf::store
