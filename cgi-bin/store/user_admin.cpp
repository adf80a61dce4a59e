#include "store/user_admin.h"
#include "store/sessions.h"

#include "core/errors.h"
#include "store/audit.h"

namespace bf::store {
std::vector<User> UserAdmin::search(const std::string& query, int limit, int64_t after_id) {
    std::vector<User> out;
    // Prefix matches use the email and display-name indexes; LIKE wildcards typed by the admin are taken literally.
    std::string escaped;
    for (char c : query) {
        if (c == '%' || c == '_' || c == '\\') escaped += '\\';
        escaped += c;
    }
    const auto rows = query.empty()
                          ? db_.query(std::string(kUserSelect) + "WHERE id > ? ORDER BY id LIMIT ?", after_id, limit)
                          : db_.query(std::string(kUserSelect) +
                                          "WHERE (email LIKE CONCAT(?, '%') OR display_name LIKE CONCAT(?, '%'))"
                                          " AND id > ? ORDER BY id LIMIT ?",
                                      escaped, escaped, after_id, limit);
    for (const auto& r : rows) out.push_back(read_user(r));
    return out;
}

UserCounts UserAdmin::counts() {
    UserCounts c;
    for (const auto& r : db_.query("SELECT role, active, COUNT(*) FROM users GROUP BY role, active")) {
        const int64_t n = r.i64(2);
        if (!r.boolean(1)) c.inactive += n;
        if (r.str(0) == "customer") c.customers += n;
        else if (r.str(0) == "author") c.authors += n;
        else c.admins += n;
    }
    return c;
}

User UserAdmin::lock_user(int64_t actor_id, int64_t user_id) {
    if (actor_id == user_id) throw Conflict("You cannot change your own account here; ask another administrator.");
    const auto row = db_.query_one(std::string(kUserSelect) + "WHERE id = ? FOR UPDATE", user_id);
    if (!row) throw NotFound("There is no user with that id.");
    return read_user(*row);
}

void UserAdmin::set_role(int64_t actor_id, int64_t user_id, const std::string& role, Time now) {
    if (role != "customer" && role != "author" && role != "admin") throw Invalid("role", "Choose customer, author or admin.");
    db_.transaction([&] {
        const User user = lock_user(actor_id, user_id);
        if (user.role == role) return;
        db_.exec("UPDATE users SET role = ?, updated_at = ? WHERE id = ?", role, now, user_id);
        forget_cached_sessions_of(db_, user_id);
        Audit(db_).record(actor_id, "user.role", "user", user_id, {{"role", user.role}}, {{"role", role}}, now);
    });
}

void UserAdmin::set_active(int64_t actor_id, int64_t user_id, bool active, Time now) {
    db_.transaction([&] {
        const User user = lock_user(actor_id, user_id);
        if (user.active == active) return;
        db_.exec("UPDATE users SET active = ?, updated_at = ? WHERE id = ?", active, now, user_id);
        if (!active) db_.exec("DELETE FROM sessions WHERE user_id = ?", user_id);
        forget_cached_sessions_of(db_, user_id);
        Audit(db_).record(actor_id, active ? "user.activate" : "user.deactivate", "user", user_id,
                          {{"active", user.active ? "yes" : "no"}}, {{"active", active ? "yes" : "no"}}, now);
    });
}

}  // namespace bf::store
