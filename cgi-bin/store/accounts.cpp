#include "store/accounts.h"
#include "store/sessions.h"

#include "core/errors.h"

namespace bf::store {
namespace {

const char* purpose_name(TokenPurpose p) {
    return p == TokenPurpose::VerifyEmail ? "verify_email" : "reset_password";
}

}  // namespace

const char* const kUserSelect =
    "SELECT id, email, display_name, role, active, newsletter, email_verified_at IS NOT NULL, created_at FROM users ";

User read_user(const db::Row& r) {
    return User{r.i64(0), r.str(1), r.str(2), r.str(3), r.boolean(4), r.boolean(5), r.boolean(6), r.time(7)};
}

std::optional<User> Accounts::find(int64_t id) {
    const auto row = db_.query_one(std::string(kUserSelect) + "WHERE id = ?", id);
    if (!row) return std::nullopt;
    return read_user(*row);
}

std::optional<User> Accounts::find_by_email(const std::string& email) {
    const auto row = db_.query_one(std::string(kUserSelect) + "WHERE email = ?", email);
    if (!row) return std::nullopt;
    return read_user(*row);
}

std::optional<std::string> Accounts::password_hash(int64_t user_id) {
    const auto row = db_.query_one("SELECT password_hash FROM users WHERE id = ?", user_id);
    if (!row) return std::nullopt;
    return row->str(0);
}

std::optional<int64_t> Accounts::create(const NewAccount& a, const MailedToken& verification,
                                        const OwnerNotice& in_use_notice, Time now) {
    return db_.transaction([&]() -> std::optional<int64_t> {
        const uint64_t inserted = db_.exec(
            "INSERT INTO users (email, display_name, password_hash, role, newsletter, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE id = id",
            a.email, a.display_name, a.password_hash, a.role, a.newsletter, now, now);
        if (inserted != 1) {
            const auto owner = find_by_email(a.email);
            if (owner && owner->active && in_use_notice)  // one notice an hour per owner, however often it is tried
                Outbox(db_).enqueue(in_use_notice(*owner, "signup_attempt:" + std::to_string(owner->id) + ":" +
                                                              std::to_string(now.us / 3'600'000'000)),
                                    now);
            return std::nullopt;
        }
        const auto user_id = static_cast<int64_t>(db_.last_insert_id());
        issue_token(user_id, TokenPurpose::VerifyEmail, verification, now);
        return user_id;
    });
}

void Accounts::request_reset(const std::string& email, Time now) {
    db_.exec("INSERT INTO password_reset_requests (email, requested_at) VALUES (?, ?)", email, now);
}

int Accounts::handle_reset_requests(const ResetMail& mail_for, int limit, Time now) {
    // A plain read takes no locks: the form's INSERTs never wait for the mailer (a locking read of the
    // queue's end would hold them up, longer the more links it mails, which the form's answer time would
    // show). Each request is then claimed by deleting it (one mailer wins) with its token in one
    // short transaction.
    const auto rows = db_.query("SELECT id, email FROM password_reset_requests ORDER BY id LIMIT ?", limit);
    for (const auto& r : rows) {
        const auto user = find_by_email(r.str(1));
        const auto token = user && user->active ? std::optional<MailedToken>(mail_for(*user)) : std::nullopt;
        db_.transaction([&] {
            if (db_.exec("DELETE FROM password_reset_requests WHERE id = ?", r.i64(0)) != 1) return;  // taken
            if (token) issue_token(user->id, TokenPurpose::ResetPassword, *token, now);
        });
    }
    return static_cast<int>(rows.size());
}

int64_t Accounts::upsert_verified(const NewAccount& a, Time now) {
    return db_.transaction([&] {
        db_.exec(
            "INSERT INTO users (email, display_name, password_hash, role, email_verified_at, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON DUPLICATE KEY UPDATE display_name = VALUES(display_name), password_hash = VALUES(password_hash),"
            " role = VALUES(role), active = 1, updated_at = VALUES(updated_at)",
            a.email, a.display_name, a.password_hash, a.role, now, now, now);
        return find_by_email(a.email)->id;
    });
}

void Accounts::issue_token(int64_t user_id, TokenPurpose purpose, const MailedToken& token, Time now) {
    db_.transaction([&] {
        db_.exec(
            "INSERT INTO email_tokens (user_id, purpose, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            user_id, purpose_name(purpose), db::Bytes{token.token_hash}, now, token.expires);
        Outbox(db_).enqueue(token.message, now);
    });
}

std::optional<int64_t> Accounts::token_owner(TokenPurpose purpose, const std::string& token_hash, Time now) {
    const auto row = db_.query_one(
        "SELECT user_id FROM email_tokens WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?",
        db::Bytes{token_hash}, purpose_name(purpose), now);
    if (!row) return std::nullopt;
    return row->i64(0);
}

std::optional<int64_t> Accounts::use_token(TokenPurpose purpose, const std::string& token_hash, Time now) {
    // The conditional UPDATE is the single-use guarantee: of two racing requests only one changes the row.
    const auto owner = token_owner(purpose, token_hash, now);
    if (!owner) return std::nullopt;
    const uint64_t changed = db_.exec(
        "UPDATE email_tokens SET used_at = ? WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?",
        now, db::Bytes{token_hash}, purpose_name(purpose), now);
    if (changed != 1) return std::nullopt;
    return owner;
}

std::optional<int64_t> Accounts::verify_email(const std::string& token_hash, Time now) {
    return db_.transaction([&] {
        const auto user_id = use_token(TokenPurpose::VerifyEmail, token_hash, now);
        if (!user_id) return user_id;
        db_.exec("UPDATE users SET email_verified_at = COALESCE(email_verified_at, ?), updated_at = ? WHERE id = ?",
                 now, now, *user_id);
        forget_cached_sessions_of(db_, *user_id);
        return user_id;
    });
}

void Accounts::queue_notice(const AccountNotice& notice, const std::optional<User>& user, const std::string& kind,
                            const std::string& suffix, Time now) {
    if (!notice || !user) return;
    OutboxMessage m = notice(*user);
    m.kind = kind;
    m.dedupe_key = kind + ":" + std::to_string(user->id) + ":" + suffix;
    Outbox(db_).enqueue(m, now);
}

std::optional<int64_t> Accounts::reset_password(const std::string& token_hash, const std::string& new_hash,
                                                Time now, const AccountNotice& notice) {
    return db_.transaction([&]() -> std::optional<int64_t> {
        const auto user_id = use_token(TokenPurpose::ResetPassword, token_hash, now);
        if (!user_id) return std::nullopt;
        db_.exec("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", new_hash, now, *user_id);
        db_.exec("DELETE FROM sessions WHERE user_id = ?", *user_id);
        forget_cached_sessions_of(db_, *user_id);
        // Any other reset links still out there die with this one.
        db_.exec("UPDATE email_tokens SET used_at = ? WHERE user_id = ? AND purpose = 'reset_password' AND used_at IS NULL",
                 now, *user_id);
        queue_notice(notice, find(*user_id), "password_changed", std::to_string(now.us), now);
        return user_id;
    });
}

}  // namespace bf::store
