#pragma once
// Server-side sessions. The browser holds a random token; the table holds its hash.
#include <optional>
#include <string>

#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

struct SessionUser {
    int64_t id = 0;
    std::string email;
    std::string display_name;
    std::string role;
    bool email_verified = false;
};

struct SessionRecord {
    int64_t id = 0;
    Time last_seen{};
    Time expires{};
    std::optional<SessionUser> user;
    int cart_items = 0;  // copies in the visitor's cart, as Carts::count counts them
};

class Sessions {
public:
    static constexpr int64_t kIdleDays = 14;

    explicit Sessions(db::Connection& db) : db_(db) {}
    // One indexed lookup with the user and the cart count joined; nullopt when unknown or expired.
    // Answered from this process's SessionCache when it holds a fresh copy (see session_cache.h).
    std::optional<SessionRecord> find(const std::string& token_hash, Time now);
    // Drops this process's copy of the session after a request that may have changed what it
    // holds (its cart count, say).
    void forget_cached(const std::string& token_hash);
    int64_t create(const std::string& token_hash, std::optional<int64_t> user_id, Time now);
    // Gives an existing (guest) session a new token and a user, keeping its id and cart.
    void log_in(int64_t session_id, const std::string& new_token_hash, int64_t user_id, Time now);
    // Slides the expiry forward; called at most every few minutes per session.
    void touch(int64_t session_id, Time now);
    // Ends the session (logout): the row goes, so its token is worth nothing at once.
    void destroy(const std::string& token_hash);
    void destroy_all_for_user(int64_t user_id, std::optional<int64_t> except_session_id = std::nullopt);
    uint64_t delete_expired(Time now);

private:
    std::optional<SessionRecord> read(const std::string& token_hash, Time now);

    db::Connection& db_;
};

// Drops this process's cached sessions of the user once the transaction open on `db` ends: for every
// change to what a session shows or allows (role, active, password, name, email, the sessions rows).
void forget_cached_sessions_of(db::Connection& db, int64_t user_id);

}  // namespace bf::store
