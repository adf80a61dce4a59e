#pragma once
// What admins do to coupons: create, edit and (de)activate them, each change audited in its own
// transaction. Reading them is store::Coupons' (find_by_id, list).
#include <string>
#include <utility>
#include <vector>

#include "core/time.h"
#include "db/connection.h"
#include "store/audit.h"
#include "store/coupons.h"

namespace bf::store {

// The books or categories a coupon is limited to, with their slugs (as admins type them).
struct CouponScope {
    std::vector<std::pair<int64_t, std::string>> books;
    std::vector<std::pair<int64_t, std::string>> categories;
};

class CouponAdmin {
public:
    explicit CouponAdmin(db::Connection& db) : db_(db) {}

    CouponScope scope(int64_t coupon_id);
    // The books with these slugs (those that exist), as id and slug.
    std::vector<std::pair<int64_t, std::string>> books_by_slug(const std::vector<std::string>& slugs);
    // The caller has checked the terms (pages/admin_coupons.cpp); these check what needs the database.
    // Throws Invalid (code) when another coupon has the code, (usage_limit) below the uses so far.
    int64_t create(int64_t actor_id, const NewCoupon& coupon, Time now);
    // Changes everything but `active` and the uses so far.
    void update(int64_t actor_id, int64_t id, const NewCoupon& coupon, Time now);
    void set_active(int64_t actor_id, int64_t id, bool active, Time now);

private:
    std::vector<std::pair<int64_t, std::string>> slugs(const char* table, const std::vector<int64_t>& ids);
    AuditState state_of(const std::string& code, const CouponRules& rules, const std::vector<int64_t>& book_ids,
                        const std::vector<int64_t>& category_ids);
    void check_code_free(const std::string& code, int64_t id);
    db::Connection& db_;
};

}  // namespace bf::store
