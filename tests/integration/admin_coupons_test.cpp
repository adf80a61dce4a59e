// The admin console's coupons: created and edited with every field checked, listed with their use,
// deactivated; each change audited with the fields it changed.
#include <gtest/gtest.h>

#include "admin_fixtures.h"
#include "core/text.h"

using namespace bf::test;

namespace {

struct Console : AdminConsole {

    HttpResponse post(const std::string& path, std::vector<std::pair<std::string, std::string>> fields) {
        fields.emplace_back("_csrf", csrf_from(admin.get("/admin/coupons/new").body));
        return admin.post_form(path, fields);
    }
    std::optional<int64_t> id_of(const std::string& code) {
        const auto row = db->query_one("SELECT id FROM coupons WHERE code = ?", code);
        if (!row) return std::nullopt;
        return row->i64(0);
    }
};

std::vector<std::pair<std::string, std::string>> valid_percent_coupon(const std::string& code) {
    return {{"code", code},         {"kind", "percent"},       {"percent", "12.5"},           {"max_discount", "20"},
            {"min_order", "30.00"}, {"scope", "all"},          {"usage_limit", "100"},        {"per_customer_limit", "2"},
            {"starts", "2026-01-01T00:00"}, {"ends", "2036-01-01T00:00"}};
}

}  // namespace

TEST(AdminCoupons, CreatedWithEveryTermThenEditedFieldByField) {
    Console c;
    const std::string code = bf::to_upper(unique_word("spring"));
    const int64_t category = create_category(*c.db);
    auto fields = valid_percent_coupon(bf::to_lower(code));
    fields[5] = {"scope", "categories"};
    fields.emplace_back("category", std::to_string(category));
    auto r = c.post("/admin/coupons", fields);
    ASSERT_EQ(r.status, 303) << r.body;
    const auto id = c.id_of(code);
    ASSERT_TRUE(id) << "codes are kept in capitals";
    const auto row = c.db->query_one(
        "SELECT kind, percent_bp, max_discount_cents, min_order_cents, applies_to, usage_limit, per_customer_limit,"
        " starts_at, ends_at, active FROM coupons WHERE id = ?",
        *id);
    EXPECT_EQ(row->str(0), "percent");
    EXPECT_EQ(row->i64(1), 1250);
    EXPECT_EQ(row->i64(2), 2000);
    EXPECT_EQ(row->i64(3), 3000);
    EXPECT_EQ(row->str(4), "categories");
    EXPECT_EQ(row->i64(5), 100);
    EXPECT_EQ(row->i64(6), 2);
    EXPECT_EQ(bf::format_iso(row->time(7)), "2026-01-01T00:00:00Z");
    EXPECT_EQ(bf::format_iso(row->time(8)), "2036-01-01T00:00:00Z");
    EXPECT_EQ(row->i64(9), 1);
    EXPECT_EQ(c.db->query_one("SELECT category_id FROM coupon_categories WHERE coupon_id = ?", *id)->i64(0), category);
    auto audit = last_audit(*c.db, "coupon", *id);
    ASSERT_TRUE(audit);
    EXPECT_EQ(audit->action, "coupon.create");
    EXPECT_EQ(audit->before, "{}");
    EXPECT_TRUE(contains(audit->after, "\"percent\": \"12.5%\""));
    EXPECT_TRUE(contains(audit->after, "\"max_discount\": \"$20.00\""));

    const auto list = c.admin.get("/admin/coupons");
    EXPECT_TRUE(contains(list.body, code));
    EXPECT_TRUE(contains(list.body, "12.5% off (at most $20.00)"));
    EXPECT_TRUE(contains(list.body, "0 / 100"));
    EXPECT_TRUE(contains(list.body, "2 each"));

    // The edit form shows the coupon as it is; saving a new percentage logs only what changed.
    const auto edit = c.admin.get("/admin/coupons/" + std::to_string(*id));
    EXPECT_TRUE(contains(edit.body, "value=\"12.5\""));
    EXPECT_TRUE(contains(edit.body, "value=\"2026-01-01T00:00\""));
    fields = valid_percent_coupon(code);
    fields[2] = {"percent", "15"};
    r = c.post("/admin/coupons/" + std::to_string(*id), fields);
    ASSERT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(c.db->query_one("SELECT percent_bp, applies_to FROM coupons WHERE id = ?", *id)->i64(0), 1500);
    EXPECT_EQ(c.db->query_one("SELECT COUNT(*) FROM coupon_categories WHERE coupon_id = ?", *id)->i64(0), 0);
    audit = last_audit(*c.db, "coupon", *id);
    EXPECT_EQ(audit->action, "coupon.update");
    EXPECT_EQ(audit->before, "{\"percent\": \"12.5%\", \"scope\": \"categories: " +
                                 c.db->query_one("SELECT slug FROM categories WHERE id = ?", category)->str(0) + "\"}");
    EXPECT_EQ(audit->after, "{\"percent\": \"15%\", \"scope\": \"all\"}");

    // Saving it unchanged writes nothing.
    const int64_t audits = audit_count(*c.db, "coupon", *id);
    EXPECT_EQ(c.post("/admin/coupons/" + std::to_string(*id), fields).status, 303);
    EXPECT_EQ(audit_count(*c.db, "coupon", *id), audits);
}

TEST(AdminCoupons, EveryWrongFieldGetsItsMessageAndNothingIsSaved) {
    Console c;
    const int64_t before = c.db->query_one("SELECT COUNT(*) FROM coupons")->i64(0);
    auto r = c.post("/admin/coupons", {{"code", "x!"},
                                       {"kind", "percent"},
                                       {"percent", "150"},
                                       {"max_discount", "-3"},
                                       {"min_order", "ten"},
                                       {"scope", "books"},
                                       {"books", "no-such-book-anywhere"},
                                       {"usage_limit", "5"},
                                       {"per_customer_limit", "9"},
                                       {"starts", "2030-02-01T00:00"},
                                       {"ends", "2030-01-01T00:00"}});
    EXPECT_EQ(r.status, 422);
    for (const char* message : {"Use 3 to 40 letters, digits, - or _.", "Enter a percentage from 1 to 100",
                                "Enter an amount such as 20.00, or leave it empty.", "Enter an amount such as 25.00",
                                "No book has the address no-such-book-anywhere.",
                                "A customer cannot have more uses than the coupon has in total.",
                                "The end must come after the start."})
        EXPECT_TRUE(contains(r.body, message)) << message;
    EXPECT_TRUE(contains(r.body, "Please correct the 7 fields marked below."));

    r = c.post("/admin/coupons", {{"code", unique_word("fixed")}, {"kind", "fixed"}, {"scope", "categories"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(contains(r.body, "Enter the amount off"));
    EXPECT_TRUE(contains(r.body, "Tick the categories the coupon is for."));
    r = c.post("/admin/coupons", {{"code", unique_word("when")}, {"kind", "free_shipping"}, {"scope", "all"},
                                  {"starts", "tomorrow"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(contains(r.body, "Enter a date and time such as"));
    EXPECT_EQ(c.db->query_one("SELECT COUNT(*) FROM coupons")->i64(0), before);

    // A code already taken, in any case.
    const std::string code = bf::to_upper(unique_word("dup"));
    ASSERT_EQ(c.post("/admin/coupons", {{"code", code}, {"kind", "free_shipping"}, {"scope", "all"}}).status, 303);
    r = c.post("/admin/coupons", {{"code", bf::to_lower(code)}, {"kind", "fixed"}, {"amount", "5"}, {"scope", "all"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(contains(r.body, "Another coupon already has this code."));
    EXPECT_EQ(c.db->query_one("SELECT COUNT(*) FROM coupons")->i64(0), before + 1);
}

TEST(AdminCoupons, BookScopeLimitsAndDeactivation) {
    Console c;
    const int64_t book = create_book(*c.db);
    const std::string slug = c.db->query_one("SELECT slug FROM books WHERE id = ?", book)->str(0);
    const std::string code = bf::to_upper(unique_word("book"));
    ASSERT_EQ(c.post("/admin/coupons", {{"code", code}, {"kind", "fixed"}, {"amount", "3.50"}, {"scope", "books"},
                                        {"books", "/books/" + slug}})
                  .status,
              303);
    const int64_t id = *c.id_of(code);
    EXPECT_EQ(c.db->query_one("SELECT book_id FROM coupon_books WHERE coupon_id = ?", id)->i64(0), book);
    EXPECT_EQ(c.db->query_one("SELECT amount_cents FROM coupons WHERE id = ?", id)->i64(0), 350);

    // Used three times already: the limit cannot go below that.
    c.db->exec("UPDATE coupons SET used_count = 3 WHERE id = ?", id);
    auto r = c.post("/admin/coupons/" + std::to_string(id),
                    {{"code", code}, {"kind", "fixed"}, {"amount", "3.50"}, {"scope", "books"}, {"books", slug}, {"usage_limit", "2"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(contains(r.body, "used 3 times already"));
    EXPECT_TRUE(c.db->query_one("SELECT usage_limit FROM coupons WHERE id = ?", id)->is_null(0));

    r = c.post("/admin/coupons/" + std::to_string(id) + "/active", {{"active", "0"}});
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(c.db->query_one("SELECT active FROM coupons WHERE id = ?", id)->i64(0), 0);
    const auto audit = last_audit(*c.db, "coupon", id);
    EXPECT_EQ(audit->action, "coupon.deactivate");
    EXPECT_EQ(audit->before, "{\"active\": \"yes\"}");
    EXPECT_EQ(audit->after, "{\"active\": \"no\"}");
    EXPECT_TRUE(contains(c.admin.get("/admin/coupons").body, "inactive"));
    EXPECT_EQ(c.admin.get("/admin/coupons/999999999").status, 404);
}
