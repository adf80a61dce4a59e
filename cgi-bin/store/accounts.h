#pragma once
// Users, their passwords and the single-use tokens mailed to them.
#include <functional>
#include <optional>
#include <string>

#include "core/time.h"
#include "db/connection.h"
#include "store/outbox.h"

namespace bf::store {

struct User {
    int64_t id = 0;
    std::string email;
    std::string display_name;
    std::string role;  // customer, author, admin
    bool active = true;
    bool newsletter = true;
    bool email_verified = false;
    Time created{};
};

struct NewAccount {
    std::string email;
    std::string display_name;
    std::string role;
    std::string password_hash;
    bool newsletter = false;  // only when the person ticked it at sign-up
};

// A token to mail: only its hash is stored; the message carries the link.
struct MailedToken {
    std::string token_hash;
    Time expires{};
    OutboxMessage message;
};

// The users columns every store aggregate reads a User with, and the reader for them.
extern const char* const kUserSelect;  // "SELECT ... FROM users " (append WHERE ...)
User read_user(const db::Row& row);

enum class TokenPurpose { VerifyEmail, ResetPassword };

// Renders the email telling a user about a change to their account (password changed, account
// closed) from the user as they were before it; the store queues it in the change's transaction
// and sets its kind and dedupe key.
using AccountNotice = std::function<OutboxMessage(const User& user)>;

struct PendingEmailChange {
    int64_t user_id = 0;
    std::string new_email;
    Time expires{};
};

class Accounts {
public:
    explicit Accounts(db::Connection& db) : db_(db) {}

    std::optional<User> find(int64_t id);
    std::optional<User> find_by_email(const std::string& email);
    std::optional<std::string> password_hash(int64_t user_id);

    // Creates the account and queues its verification email in one transaction. When the address is
    // already registered nothing is created and `in_use_notice(owner)` is queued to the owner instead
    // (at most one an hour per owner), so the sign-up page can answer alike: answers the new id or nullopt.
    using OwnerNotice = std::function<OutboxMessage(const User& owner, const std::string& dedupe_key)>;
    std::optional<int64_t> create(const NewAccount& account, const MailedToken& verification,
                                  const OwnerNotice& in_use_notice, Time now);
    // Creates or promotes an account without email verification (the admin tool).
    int64_t upsert_verified(const NewAccount& account, Time now);

    // Stores a token and queues its email together (resend verification, forgot password).
    void issue_token(int64_t user_id, TokenPurpose purpose, const MailedToken& token, Time now);
    // Records a password reset asked for `email`: the same single INSERT whether or not an account
    // has the address, so the form takes the same time for both (#12.8).
    void request_reset(const std::string& email, Time now);
    // Works through up to `limit` recorded requests, oldest first: an active account with the address
    // gets a token and its email (`mail_for` renders it); each request is deleted, by one mailer only.
    // Answers how many requests were read.
    using ResetMail = std::function<MailedToken(const User& user)>;
    int handle_reset_requests(const ResetMail& mail_for, int limit, Time now);

    // The user a still-valid, unused token belongs to, without using it up.
    std::optional<int64_t> token_owner(TokenPurpose purpose, const std::string& token_hash, Time now);
    // Uses a verification token once: marks the email verified and answers whose it is; nullopt when
    // used, expired or unknown.
    std::optional<int64_t> verify_email(const std::string& token_hash, Time now);
    // Uses a reset token once: sets the password and ends every session of the user; `notice` says so.
    std::optional<int64_t> reset_password(const std::string& token_hash, const std::string& new_hash, Time now,
                                          const AccountNotice& notice = {});

    // ---- account settings (store/account_settings.cpp) ----
    void set_display_name(int64_t user_id, const std::string& name, Time now);
    // Sets a new password hash and ends every session of the user except `keep_session`.
    // `notice` (to the account's address) is queued with it.
    void change_password(int64_t user_id, const std::string& new_hash, std::optional<int64_t> keep_session, Time now,
                         const AccountNotice& notice = {});
    // Records a change of email waiting for the link mailed to the new address (queued in the same
    // transaction); earlier pending changes of the user are dropped. When the address belongs to another
    // account nothing changes and that account is sent in_use_notice(its display name) instead, so the
    // answer does not tell who has an account. Throws Invalid{"new_email"} for the user's own address.
    using InUseNotice = std::function<OutboxMessage(const std::string& owner_name)>;
    void request_email_change(int64_t user_id, const std::string& new_email, const MailedToken& confirmation,
                              const InUseNotice& in_use_notice, Time now);
    // The address a still-valid change link would set, and whose account it is.
    std::optional<PendingEmailChange> pending_email_change(const std::string& token_hash, Time now);
    std::optional<PendingEmailChange> pending_email_change_of(int64_t user_id, Time now);
    // Uses the link once: the new address takes effect (verified, since the link reached it) and `notice`
    // (to the old address) is queued; reset links die and sessions other than `keep_session` end.
    // Throws Invalid{"email"} when the address was taken meanwhile.
    bool confirm_email_change(const std::string& token_hash, const OutboxMessage& notice,
                              std::optional<int64_t> keep_session, Time now);
    // Closes a reader's account in one transaction: the user row is anonymised (closed-{id}@invalid,
    // "Former reader", no password, slug or bio), sessions, addresses, wishlists, carts, tokens, votes,
    // reports and queued or sent mail to the address are deleted; orders stay for the shop's books with
    // the recipient's name, street lines, postal code and phone removed (city, region and country stay,
    // for sales figures); reviews stay, shown as "Former reader". Throws Conflict for authors and admins.
    // `notice` is the last message queued for the address: that the account is closed.
    void close(int64_t user_id, Time now, const AccountNotice& notice = {});

private:
    // Queues `notice` about the user (as they are now) under kind:{user id}:{suffix}.
    void queue_notice(const AccountNotice& notice, const std::optional<User>& user, const std::string& kind,
                      const std::string& suffix, Time now);
    std::optional<int64_t> use_token(TokenPurpose purpose, const std::string& token_hash, Time now);
    db::Connection& db_;
};

}  // namespace bf::store
