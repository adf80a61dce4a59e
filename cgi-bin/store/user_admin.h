#pragma once
// What admins do to accounts: find them, change their role, deactivate them. Each change is audited.
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "db/connection.h"
#include "store/accounts.h"

namespace bf::store {

struct UserCounts {
    int64_t customers = 0, authors = 0, admins = 0, inactive = 0;
};

class UserAdmin {
public:
    explicit UserAdmin(db::Connection& db) : db_(db) {}
    // Users whose email or name starts with `query` (all when empty), by id, after `after_id`.
    std::vector<User> search(const std::string& query, int limit, int64_t after_id = 0);
    UserCounts counts();
    // Both refuse an admin acting on their own account (no locking oneself out) and throw NotFound.
    void set_role(int64_t actor_id, int64_t user_id, const std::string& role, Time now);
    // Deactivating ends every session of the user in the same transaction; books and orders stay.
    void set_active(int64_t actor_id, int64_t user_id, bool active, Time now);

private:
    User lock_user(int64_t actor_id, int64_t user_id);
    db::Connection& db_;
};

}  // namespace bf::store
