#pragma once
// Coupons: their terms, where they apply, and the usage counters that hold under concurrency.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/pricing.h"
#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

// What a coupon gives and when it may be used.
struct CouponRules {
    pricing::CouponKind kind = pricing::CouponKind::Percent;
    int64_t percent_bp = 0;
    std::optional<Cents> max_discount;
    Cents amount = 0;
    Cents min_order = 0;
    std::optional<int> usage_limit;
    std::optional<int> per_customer_limit;
    std::optional<Time> starts;
    std::optional<Time> ends;
    bool active = true;
};

struct Coupon {
    int64_t id = 0;
    std::string code;
    CouponRules rules;
    std::string applies_to = "all";  // all, books, categories
    int used_count = 0;
};

// "percent", "fixed", "free_shipping" (as stored).
const char* coupon_kind_name(pricing::CouponKind kind);
std::optional<pricing::CouponKind> parse_coupon_kind(const std::string& name);

struct NewCoupon {
    std::string code;
    CouponRules rules;
    std::vector<int64_t> book_ids;      // limits the coupon to these books...
    std::vector<int64_t> category_ids;  // ...or to these categories and everything under them
};

class Coupons {
public:
    explicit Coupons(db::Connection& db) : db_(db) {}

    // Codes are case-insensitive: stored and looked up in capitals.
    static std::string normalize_code(const std::string& typed);

    int64_t create(const NewCoupon& coupon, Time now);
    std::optional<Coupon> find(const std::string& code);
    std::optional<Coupon> find_by_id(int64_t id);
    // Newest first, keyset-paginated: coupons with id < before_id.
    std::vector<Coupon> list(std::optional<int64_t> before_id, int limit);
    // Why `user_id` cannot use the coupon at `now` ("" when it can): inactive, not yet or no longer
    // valid, used up, or this customer's uses spent.
    std::string problem(const Coupon& coupon, std::optional<int64_t> user_id, Time now);
    // The pricing terms for a cart holding `book_ids`: which of them the coupon covers.
    pricing::CouponTerms terms(const Coupon& coupon, const std::vector<int64_t>& book_ids);

    // ---- inside the caller's transaction (the order's placing, paying or releasing) ----
    // Locks the coupon row (SELECT ... FOR UPDATE); nullopt when unknown.
    std::optional<Coupon> lock(const std::string& code);
    // Takes one use for the customer: conditional updates on the total and per-customer counters.
    // False (and nothing changed) when either limit is reached.
    bool claim(int64_t coupon_id, int64_t user_id);
    // Gives a use back (a released, expired or cancelled order).
    void release(int64_t coupon_id, int64_t user_id);

private:
    db::Connection& db_;
};

}  // namespace bf::store
