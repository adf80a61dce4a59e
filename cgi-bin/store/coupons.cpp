#include "store/coupons.h"

#include "core/errors.h"
#include "core/text.h"

namespace bf::store {
namespace {

constexpr const char* kSelect =
    "SELECT id, code, kind, percent_bp, max_discount_cents, amount_cents, min_order_cents, applies_to,"
    " usage_limit, per_customer_limit, used_count, starts_at, ends_at, active FROM coupons ";
const std::string kColumns = std::string(kSelect) + "WHERE code = ?";

std::optional<int> opt_int(const db::Row& r, size_t i) {
    const auto v = r.opt_i64(i);
    if (!v) return std::nullopt;
    return static_cast<int>(*v);
}

Coupon read(const db::Row& r) {
    Coupon c;
    c.id = r.i64(0);
    c.code = r.str(1);
    c.rules.kind = parse_coupon_kind(r.str(2)).value_or(pricing::CouponKind::Percent);
    c.rules.percent_bp = r.i64(3);
    c.rules.max_discount = r.opt_i64(4);
    c.rules.amount = r.i64(5);
    c.rules.min_order = r.i64(6);
    c.applies_to = r.str(7);
    c.rules.usage_limit = opt_int(r, 8);
    c.rules.per_customer_limit = opt_int(r, 9);
    c.used_count = static_cast<int>(r.i64(10));
    c.rules.starts = r.opt_time(11);
    c.rules.ends = r.opt_time(12);
    c.rules.active = r.boolean(13);
    return c;
}

}  // namespace

const char* coupon_kind_name(pricing::CouponKind k) {
    switch (k) {
        case pricing::CouponKind::Fixed: return "fixed";
        case pricing::CouponKind::FreeShipping: return "free_shipping";
        default: return "percent";
    }
}

std::optional<pricing::CouponKind> parse_coupon_kind(const std::string& s) {
    if (s == "percent") return pricing::CouponKind::Percent;
    if (s == "fixed") return pricing::CouponKind::Fixed;
    if (s == "free_shipping") return pricing::CouponKind::FreeShipping;
    return std::nullopt;
}

std::string Coupons::normalize_code(const std::string& typed) { return to_upper(trim(typed)); }

int64_t Coupons::create(const NewCoupon& c, Time now) {
    const CouponRules& r = c.rules;
    return db_.transaction([&] {
        const char* applies = !c.book_ids.empty() ? "books" : !c.category_ids.empty() ? "categories" : "all";
        db_.exec("INSERT INTO coupons (code, kind, percent_bp, max_discount_cents, amount_cents, min_order_cents,"
                 " applies_to, usage_limit, per_customer_limit, starts_at, ends_at, active, created_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 normalize_code(c.code), coupon_kind_name(r.kind), r.percent_bp, r.max_discount, r.amount, r.min_order, applies,
                 r.usage_limit, r.per_customer_limit, r.starts, r.ends, r.active, now);
        const auto id = static_cast<int64_t>(db_.last_insert_id());
        for (int64_t b : c.book_ids) db_.exec("INSERT INTO coupon_books (coupon_id, book_id) VALUES (?, ?)", id, b);
        for (int64_t k : c.category_ids)
            db_.exec("INSERT INTO coupon_categories (coupon_id, category_id) VALUES (?, ?)", id, k);
        return id;
    });
}

std::optional<Coupon> Coupons::find(const std::string& code) {
    const auto row = db_.query_one(kColumns, normalize_code(code));
    if (!row) return std::nullopt;
    return read(*row);
}

std::optional<Coupon> Coupons::find_by_id(int64_t id) {
    const auto row = db_.query_one(std::string(kSelect) + "WHERE id = ?", id);
    if (!row) return std::nullopt;
    return read(*row);
}

std::vector<Coupon> Coupons::list(std::optional<int64_t> before_id, int limit) {
    std::vector<Coupon> out;
    for (const auto& r : db_.query(std::string(kSelect) + "WHERE id < ? ORDER BY id DESC LIMIT ?",
                                   before_id.value_or(INT64_MAX), limit))
        out.push_back(read(r));
    return out;
}

std::optional<Coupon> Coupons::lock(const std::string& code) {
    const auto row = db_.query_one(kColumns + " FOR UPDATE", normalize_code(code));
    if (!row) return std::nullopt;
    return read(*row);
}

std::string Coupons::problem(const Coupon& c, std::optional<int64_t> user_id, Time now) {
    const CouponRules& r = c.rules;
    if (!r.active) return "This coupon is no longer active.";
    if (r.starts && now < *r.starts) return "This coupon is not valid yet.";
    if (r.ends && now >= *r.ends) return "This coupon has expired.";
    if (r.usage_limit && c.used_count >= *r.usage_limit) return "This coupon has been used up.";
    if (user_id && r.per_customer_limit) {
        const auto uses = db_.query_one("SELECT uses FROM coupon_customer_uses WHERE coupon_id = ? AND user_id = ?", c.id,
                                        *user_id);
        if (uses && uses->i64(0) >= *r.per_customer_limit) return "You have already used this coupon.";
    }
    return "";
}

pricing::CouponTerms Coupons::terms(const Coupon& c, const std::vector<int64_t>& book_ids) {
    pricing::CouponTerms t;
    t.kind = c.rules.kind;
    t.percent_bp = c.rules.percent_bp;
    t.max_discount = c.rules.max_discount;
    t.amount = c.rules.amount;
    t.min_order = c.rules.min_order;
    t.all_items = c.applies_to == "all";
    if (t.all_items || book_ids.empty()) return t;
    std::vector<db::Param> params{db::to_param(c.id)};
    for (int64_t id : book_ids) params.push_back(db::to_param(id));
    const std::string sql =
        c.applies_to == "books"
            ? "SELECT book_id FROM coupon_books WHERE coupon_id = ? AND book_id IN (" + db::placeholders(book_ids.size()) + ")"
            // A category covers its whole subtree: the closure table joins each book to its ancestors.
            : "SELECT DISTINCT b.id FROM coupon_categories k"
              " JOIN category_closure cc ON cc.ancestor_id = k.category_id"
              " JOIN books b ON b.category_id = cc.descendant_id"
              " WHERE k.coupon_id = ? AND b.id IN (" + db::placeholders(book_ids.size()) + ")";
    for (const auto& r : db_.query_params(sql, params)) t.books.insert(r.i64(0));
    return t;
}

bool Coupons::claim(int64_t coupon_id, int64_t user_id) {
    return db_.transaction([&] {
        db_.exec("INSERT INTO coupon_customer_uses (coupon_id, user_id, uses) VALUES (?, ?, 0)"
                 " ON DUPLICATE KEY UPDATE uses = uses",
                 coupon_id, user_id);
        if (db_.exec("UPDATE coupon_customer_uses u JOIN coupons c ON c.id = u.coupon_id SET u.uses = u.uses + 1"
                     " WHERE u.coupon_id = ? AND u.user_id = ?"
                     " AND (c.per_customer_limit IS NULL OR u.uses < c.per_customer_limit)",
                     coupon_id, user_id) != 1)
            return false;
        if (db_.exec("UPDATE coupons SET used_count = used_count + 1"
                     " WHERE id = ? AND (usage_limit IS NULL OR used_count < usage_limit)",
                     coupon_id) == 1)
            return true;
        db_.exec("UPDATE coupon_customer_uses SET uses = uses - 1 WHERE coupon_id = ? AND user_id = ?", coupon_id, user_id);
        return false;
    });
}

void Coupons::release(int64_t coupon_id, int64_t user_id) {
    db_.transaction([&] {
        db_.exec("UPDATE coupons SET used_count = used_count - 1 WHERE id = ? AND used_count > 0", coupon_id);
        db_.exec("UPDATE coupon_customer_uses SET uses = uses - 1 WHERE coupon_id = ? AND user_id = ? AND uses > 0",
                 coupon_id, user_id);
    });
}

}  // namespace bf::store
