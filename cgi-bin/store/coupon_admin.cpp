#include "store/coupon_admin.h"

#include "core/errors.h"

namespace bf::store {
namespace {

std::string optional_count(const std::optional<int>& n) { return n ? std::to_string(*n) : "no limit"; }
std::string optional_time(const std::optional<Time>& t) { return t ? format_iso(*t) : "open"; }

std::string joined(const std::vector<std::pair<int64_t, std::string>>& items) {
    std::string s;
    for (const auto& item : items) s += (s.empty() ? "" : ", ") + item.second;
    return s;
}

}  // namespace

std::vector<std::pair<int64_t, std::string>> CouponAdmin::slugs(const char* table, const std::vector<int64_t>& ids) {
    std::vector<std::pair<int64_t, std::string>> out;
    if (ids.empty()) return out;
    std::vector<db::Param> params;
    for (int64_t id : ids) params.push_back(db::to_param(id));
    for (const auto& r : db_.query_params(std::string("SELECT id, slug FROM ") + table + " WHERE id IN (" +
                                              db::placeholders(ids.size()) + ") ORDER BY slug",
                                          params))
        out.emplace_back(r.i64(0), r.str(1));
    return out;
}

std::vector<std::pair<int64_t, std::string>> CouponAdmin::books_by_slug(const std::vector<std::string>& wanted) {
    std::vector<std::pair<int64_t, std::string>> out;
    if (wanted.empty()) return out;
    std::vector<db::Param> params;
    for (const auto& slug : wanted) params.push_back(db::to_param(slug));
    for (const auto& r : db_.query_params("SELECT id, slug FROM books WHERE slug IN (" + db::placeholders(wanted.size()) + ")",
                                          params))
        out.emplace_back(r.i64(0), r.str(1));
    return out;
}

CouponScope CouponAdmin::scope(int64_t coupon_id) {
    std::vector<int64_t> books, categories;
    for (const auto& r : db_.query("SELECT book_id FROM coupon_books WHERE coupon_id = ?", coupon_id)) books.push_back(r.i64(0));
    for (const auto& r : db_.query("SELECT category_id FROM coupon_categories WHERE coupon_id = ?", coupon_id))
        categories.push_back(r.i64(0));
    return CouponScope{slugs("books", books), slugs("categories", categories)};
}

AuditState CouponAdmin::state_of(const std::string& code, const CouponRules& r, const std::vector<int64_t>& book_ids,
                                 const std::vector<int64_t>& category_ids) {
    AuditState s{{"code", code}, {"kind", coupon_kind_name(r.kind)}};
    if (r.kind == pricing::CouponKind::Percent) {
        s["percent"] = format_basis_points(r.percent_bp) + "%";
        s["max_discount"] = r.max_discount ? format_money(*r.max_discount) : "no cap";
    }
    if (r.kind == pricing::CouponKind::Fixed) s["amount"] = format_money(r.amount);
    s["min_order"] = format_money(r.min_order);
    s["scope"] = !book_ids.empty()        ? "books: " + joined(slugs("books", book_ids))
                 : !category_ids.empty() ? "categories: " + joined(slugs("categories", category_ids))
                                         : "all";
    s["usage_limit"] = optional_count(r.usage_limit);
    s["per_customer_limit"] = optional_count(r.per_customer_limit);
    s["starts"] = optional_time(r.starts);
    s["ends"] = optional_time(r.ends);
    return s;
}

void CouponAdmin::check_code_free(const std::string& code, int64_t id) {
    if (db_.query_one("SELECT 1 FROM coupons WHERE code = ? AND id <> ?", code, id))
        throw Invalid("code", "Another coupon already has this code.");
}

int64_t CouponAdmin::create(int64_t actor_id, const NewCoupon& c, Time now) {
    const std::string code = Coupons::normalize_code(c.code);
    try {
        return db_.transaction([&] {
            check_code_free(code, 0);
            const int64_t id = Coupons(db_).create(c, now);
            AuditState after = state_of(code, c.rules, c.book_ids, c.category_ids);
            after["active"] = c.rules.active ? "yes" : "no";
            Audit(db_).record(actor_id, "coupon.create", "coupon", id, {}, after, now);
            return id;
        });
    } catch (const db::Error& e) {
        if (e.is_duplicate_key()) throw Invalid("code", "Another coupon already has this code.");
        throw;
    }
}

void CouponAdmin::update(int64_t actor_id, int64_t id, const NewCoupon& c, Time now) {
    const std::string code = Coupons::normalize_code(c.code);
    const CouponRules& r = c.rules;
    try {
        db_.transaction([&] {
            const auto row = db_.query_one("SELECT used_count FROM coupons WHERE id = ? FOR UPDATE", id);
            if (!row) throw NotFound("There is no coupon with that id.");
            const Coupon old = *Coupons(db_).find_by_id(id);
            check_code_free(code, id);
            if (r.usage_limit && *r.usage_limit < old.used_count)
                throw Invalid("usage_limit", "It has been used " + std::to_string(old.used_count) +
                                                 " times already: the limit cannot be lower than that.");
            std::vector<int64_t> old_books, old_categories;
            const CouponScope old_scope = scope(id);
            for (const auto& [book, slug] : old_scope.books) old_books.push_back(book);
            for (const auto& [category, slug] : old_scope.categories) old_categories.push_back(category);
            AuditState before = state_of(old.code, old.rules, old_books, old_categories);
            AuditState after = state_of(code, r, c.book_ids, c.category_ids);
            keep_changes(before, after);
            if (before.empty() && after.empty()) return;
            const char* applies = !c.book_ids.empty() ? "books" : !c.category_ids.empty() ? "categories" : "all";
            db_.exec("UPDATE coupons SET code = ?, kind = ?, percent_bp = ?, max_discount_cents = ?, amount_cents = ?,"
                     " min_order_cents = ?, applies_to = ?, usage_limit = ?, per_customer_limit = ?, starts_at = ?,"
                     " ends_at = ? WHERE id = ?",
                     code, coupon_kind_name(r.kind), r.percent_bp, r.max_discount, r.amount, r.min_order, applies,
                     r.usage_limit, r.per_customer_limit, r.starts, r.ends, id);
            db_.exec("DELETE FROM coupon_books WHERE coupon_id = ?", id);
            db_.exec("DELETE FROM coupon_categories WHERE coupon_id = ?", id);
            for (int64_t b : c.book_ids) db_.exec("INSERT INTO coupon_books (coupon_id, book_id) VALUES (?, ?)", id, b);
            for (int64_t k : c.category_ids)
                db_.exec("INSERT INTO coupon_categories (coupon_id, category_id) VALUES (?, ?)", id, k);
            Audit(db_).record(actor_id, "coupon.update", "coupon", id, before, after, now);
        });
    } catch (const db::Error& e) {
        if (e.is_duplicate_key()) throw Invalid("code", "Another coupon already has this code.");
        throw;
    }
}

void CouponAdmin::set_active(int64_t actor_id, int64_t id, bool active, Time now) {
    db_.transaction([&] {
        const auto row = db_.query_one("SELECT active FROM coupons WHERE id = ? FOR UPDATE", id);
        if (!row) throw NotFound("There is no coupon with that id.");
        if (row->boolean(0) == active) return;
        db_.exec("UPDATE coupons SET active = ? WHERE id = ?", active, id);
        Audit(db_).record(actor_id, active ? "coupon.activate" : "coupon.deactivate", "coupon", id,
                          {{"active", row->boolean(0) ? "yes" : "no"}}, {{"active", active ? "yes" : "no"}}, now);
    });
}

}  // namespace bf::store
