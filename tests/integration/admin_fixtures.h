#pragma once
// What the admin console's tests share: an administrator's session, paid orders to act on, and the
// audit rows the actions leave.
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "buying_fixtures.h"

namespace bf::test {

// Creates an administrator with `bookfair create-admin` and logs `client` in through /login.
std::string login_admin(HttpClient& client);
// One administrator for the whole run (made once as above), given to `client` as a fresh session.
int64_t admin_session(HttpClient& client, db::Connection& db);

// A test's own connection and an administrator's client.
struct AdminConsole {
    std::unique_ptr<db::Connection> db = connect_db();
    HttpClient admin;
    int64_t admin_id = admin_session(admin, *db);
};

bool contains(const std::string& haystack, const std::string& needle);

// A fresh buyer orders the books (book id, quantity) and pays with the success card.
struct PaidOrder {
    int64_t id = 0;
    std::string number;
    Buyer buyer;
    Cents total = 0;
};
PaidOrder paid_order(db::Connection& db, const std::vector<std::pair<int64_t, int>>& books);

struct AuditRow {
    std::string action, before, after;
    std::optional<int64_t> actor_id;
};
// The newest audit row about a record, and how many there are.
std::optional<AuditRow> last_audit(db::Connection& db, const std::string& subject_type, int64_t subject_id);
int64_t audit_count(db::Connection& db, const std::string& subject_type, int64_t subject_id);

// A published book's terms: its price and stock (and category when given).
BookSpec stocked(Cents price, int stock, std::optional<int64_t> category = std::nullopt);

}  // namespace bf::test
