// Accounts: what a reader changes on /account/settings (name, password, email) and closing the account.
#include "core/crypto.h"
#include "core/errors.h"
#include "store/accounts.h"
#include "store/sessions.h"

namespace bf::store {

void Accounts::set_display_name(int64_t user_id, const std::string& name, Time now) {
    db_.exec("UPDATE users SET display_name = ?, updated_at = ? WHERE id = ? AND closed_at IS NULL", name, now, user_id);
    forget_cached_sessions_of(db_, user_id);
}

void Accounts::change_password(int64_t user_id, const std::string& new_hash, std::optional<int64_t> keep_session,
                               Time now, const AccountNotice& notice) {
    db_.transaction([&] {
        db_.exec("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", new_hash, now, user_id);
        db_.exec("DELETE FROM sessions WHERE user_id = ? AND id <> ?", user_id, keep_session.value_or(0));
        forget_cached_sessions_of(db_, user_id);
        // Reset links mailed before the change must not undo it.
        db_.exec("UPDATE email_tokens SET used_at = ? WHERE user_id = ? AND purpose = 'reset_password' AND used_at IS NULL",
                 now, user_id);
        queue_notice(notice, find(user_id), "password_changed", std::to_string(now.us), now);
    });
}

void Accounts::request_email_change(int64_t user_id, const std::string& new_email, const MailedToken& confirmation,
                                    const InUseNotice& in_use_notice, Time now) {
    db_.transaction([&] {
        if (const auto owner = db_.query_one("SELECT id, display_name FROM users WHERE email = ?", new_email)) {
            if (owner->i64(0) == user_id) throw Invalid("new_email", "That is already your email address.");
            // Another account's address: the form answers as if it worked; its owner is told by email.
            Outbox(db_).enqueue(in_use_notice(owner->str(1)), now);
            return;
        }
        db_.exec("DELETE FROM pending_email_changes WHERE user_id = ?", user_id);
        db_.exec("INSERT INTO pending_email_changes (user_id, new_email, token_hash, created_at, expires_at)"
                 " VALUES (?, ?, ?, ?, ?)",
                 user_id, new_email, db::Bytes{confirmation.token_hash}, now, confirmation.expires);
        Outbox(db_).enqueue(confirmation.message, now);
    });
}

std::optional<PendingEmailChange> Accounts::pending_email_change(const std::string& token_hash, Time now) {
    const auto row = db_.query_one(
        "SELECT user_id, new_email, expires_at FROM pending_email_changes"
        " WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
        db::Bytes{token_hash}, now);
    if (!row) return std::nullopt;
    return PendingEmailChange{row->i64(0), row->str(1), row->time(2)};
}

std::optional<PendingEmailChange> Accounts::pending_email_change_of(int64_t user_id, Time now) {
    const auto row = db_.query_one(
        "SELECT user_id, new_email, expires_at FROM pending_email_changes"
        " WHERE user_id = ? AND used_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 1",
        user_id, now);
    if (!row) return std::nullopt;
    return PendingEmailChange{row->i64(0), row->str(1), row->time(2)};
}

bool Accounts::confirm_email_change(const std::string& token_hash, const OutboxMessage& notice,
                                    std::optional<int64_t> keep_session, Time now) {
    return db_.transaction([&] {
        const auto change = db_.query_one(
            "SELECT id, user_id, new_email FROM pending_email_changes"
            " WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? FOR UPDATE",
            db::Bytes{token_hash}, now);
        if (!change) return false;
        db_.exec("UPDATE pending_email_changes SET used_at = ? WHERE id = ?", now, change->i64(0));
        try {
            db_.exec("UPDATE users SET email = ?, email_verified_at = ?, updated_at = ? WHERE id = ? AND closed_at IS NULL",
                     change->str(2), now, now, change->i64(1));
        } catch (const db::Error& e) {
            if (e.is_duplicate_key()) throw Invalid("email", "Another account took that address meanwhile.");
            throw;
        }
        // As a password change does: reset links mailed to the old address die, other sessions end.
        db_.exec("UPDATE email_tokens SET used_at = ? WHERE user_id = ? AND purpose = 'reset_password' AND used_at IS NULL",
                 now, change->i64(1));
        db_.exec("DELETE FROM sessions WHERE user_id = ? AND id <> ?", change->i64(1), keep_session.value_or(0));
        forget_cached_sessions_of(db_, change->i64(1));
        Outbox(db_).enqueue(notice, now);
        return true;
    });
}

void Accounts::close(int64_t user_id, Time now, const AccountNotice& notice) {
    db_.transaction([&] {
        const auto user = db_.query_one("SELECT email, role, closed_at IS NOT NULL FROM users WHERE id = ? FOR UPDATE",
                                        user_id);
        if (!user) throw NotFound("There is no such account.");
        if (user->boolean(2)) return;
        if (user->str(1) != "customer")
            throw Conflict("Author and administrator accounts are closed by the shop, since books and records hang on "
                           "them. Please write to us.");
        const std::string email = user->str(0);
        const auto before = find(user_id);  // the notice goes to the address and name being removed
        // Mail: whatever was queued or kept for the address, and for any address it was changing to.
        db_.exec("DELETE o FROM outbox o JOIN pending_email_changes p ON p.new_email = o.recipient WHERE p.user_id = ?",
                 user_id);
        db_.exec("DELETE FROM outbox WHERE recipient = ?", email);
        db_.exec("DELETE FROM login_guard WHERE scope = 'account' AND subject = ?", db::Bytes{crypto::sha256(email)});
        db_.exec("DELETE FROM pending_email_changes WHERE user_id = ?", user_id);
        db_.exec("DELETE FROM email_tokens WHERE user_id = ?", user_id);
        db_.exec("DELETE FROM sessions WHERE user_id = ?", user_id);
        forget_cached_sessions_of(db_, user_id);
        db_.exec("DELETE FROM carts WHERE user_id = ?", user_id);
        db_.exec("DELETE FROM addresses WHERE user_id = ?", user_id);
        db_.exec("DELETE FROM wishlists WHERE user_id = ?", user_id);
        // Votes and open reports leave the other readers' counters exact.
        db_.exec("UPDATE reviews r JOIN review_votes v ON v.review_id = r.id SET r.helpful_count = r.helpful_count - 1"
                 " WHERE v.user_id = ?", user_id);
        db_.exec("DELETE FROM review_votes WHERE user_id = ?", user_id);
        db_.exec("UPDATE reviews r JOIN review_reports p ON p.review_id = r.id"
                 " SET r.reported_count = GREATEST(r.reported_count - 1, 0) WHERE p.user_id = ?", user_id);
        db_.exec("DELETE FROM review_reports WHERE user_id = ?", user_id);
        db_.exec("UPDATE orders SET ship_full_name = 'Former reader', ship_line1 = '', ship_line2 = '',"
                 " ship_postal_code = '', ship_phone = '', updated_at = ? WHERE user_id = ?", now, user_id);
        db_.exec("UPDATE users SET email = CONCAT('closed-', id, '@invalid'), display_name = 'Former reader', slug = NULL,"
                 " bio = NULL, password_hash = '!', active = 0, newsletter = 0, email_verified_at = NULL, closed_at = ?,"
                 " updated_at = ? WHERE id = ?", now, now, user_id);
        queue_notice(notice, before, "account_closed", "closed", now);
    });
}

}  // namespace bf::store
