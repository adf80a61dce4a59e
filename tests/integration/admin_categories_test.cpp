// The admin console's categories: create, rename, move (the closure table follows, no cycles),
// reorder, (de)activate; each audited, and each seen by the public pages at once.
#include <gtest/gtest.h>

#include <map>

#include "admin_fixtures.h"
#include "core/text.h"

using namespace bf::test;
using namespace std::chrono_literals;

namespace {

struct Console : AdminConsole {
    std::vector<int64_t> created;

    // The test's categories leave the public tree afterwards (the browser tests screenshot it).
    ~Console() {
        for (const int64_t id : created) db->exec("UPDATE categories SET active = 0 WHERE id = ?", id);
        db->exec("UPDATE category_tree_version SET version = version + 1 WHERE id = 1");
    }

    HttpResponse post(const std::string& path, std::vector<std::pair<std::string, std::string>> fields) {
        fields.emplace_back("_csrf", csrf_from(admin.get("/admin/categories").body));
        return admin.post_form(path, fields);
    }
    // Creates a category through the console; returns its id.
    int64_t create(const std::string& name, const std::string& slug, std::optional<int64_t> parent = std::nullopt) {
        const auto r = post("/admin/categories", {{"name", name}, {"slug", slug}, {"parent", parent ? std::to_string(*parent) : ""}});
        EXPECT_EQ(r.status, 303) << r.body;
        const auto row = db->query_one("SELECT id FROM categories WHERE slug = ?", slug);
        if (row) created.push_back(row->i64(0));
        return row ? row->i64(0) : 0;
    }
    HttpResponse move(int64_t id, std::optional<int64_t> parent) {
        return post("/admin/categories/" + std::to_string(id) + "/move", {{"parent", parent ? std::to_string(*parent) : ""}});
    }
    // Every ancestor of `id` (itself included) with its depth, from the closure table.
    std::map<int64_t, int64_t> ancestors(int64_t id) {
        std::map<int64_t, int64_t> out;
        for (const auto& r : db->query("SELECT ancestor_id, depth FROM category_closure WHERE descendant_id = ?", id))
            out[r.i64(0)] = r.i64(1);
        return out;
    }
};

}  // namespace

TEST(AdminCategories, ACreatedCategoryIsAuditedAndOnThePublicTreeAtOnce) {
    Console c;
    const std::string slug = unique_word("atlas");
    const std::string name = "Atlases " + slug;
    const int64_t id = c.create(name, slug);
    ASSERT_GT(id, 0);
    const auto audit = last_audit(*c.db, "category", id);
    ASSERT_TRUE(audit);
    EXPECT_EQ(audit->action, "category.create");
    EXPECT_EQ(audit->before, "{}");
    EXPECT_NE(audit->after.find("\"slug\": \"" + slug + "\""), std::string::npos);
    EXPECT_NE(audit->after.find("\"parent\": \"(top level)\""), std::string::npos);

    HttpClient reader;
    EXPECT_EQ(reader.get("/categories/" + slug).status, 200) << "found by the first page that asks for it";
    // The home page's tree (nginx may serve anonymous pages from its one-second cache).
    EXPECT_TRUE(wait_until([&] { return contains(reader.get("/").body, name); }, 3s));

    // A subcategory shows on its parent's page.
    const std::string child_slug = unique_word("sea-charts");
    const int64_t child = c.create("Sea charts " + child_slug, child_slug, id);
    EXPECT_EQ(c.ancestors(child), (std::map<int64_t, int64_t>{{id, 1}, {child, 0}}));
    EXPECT_TRUE(wait_until([&] { return contains(reader.get("/categories/" + slug).body, "/categories/" + child_slug); }, 3s));
}

TEST(AdminCategories, CreateValidatesEachField) {
    Console c;
    const int64_t before = c.db->query_one("SELECT COUNT(*) FROM categories")->i64(0);
    auto r = c.post("/admin/categories", {{"name", ""}, {"slug", "Bad Slug!"}, {"parent", "x"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(contains(r.body, "Give the category a name."));
    EXPECT_TRUE(contains(r.body, "Choose a parent from the list."));

    const std::string slug = unique_word("taken");
    ASSERT_GT(c.create("Taken", slug), 0);
    r = c.post("/admin/categories", {{"name", "Another"}, {"slug", slug}});
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(contains(r.body, "Another category already has this address."));
    EXPECT_TRUE(contains(r.body, "value=\"Another\"")) << "the input comes back";
    r = c.post("/admin/categories", {{"name", "Orphan"}, {"slug", unique_word("orphan")}, {"parent", "999999999"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(c.db->query_one("SELECT COUNT(*) FROM categories")->i64(0), before + 1);
}

TEST(AdminCategories, MovingASubtreeRewiresTheClosureTable) {
    Console c;
    const int64_t a = c.create("A", unique_word("a"));
    const int64_t b = c.create("B", unique_word("b"), a);
    const int64_t leaf = c.create("Leaf", unique_word("leaf"), b);
    const int64_t d = c.create("D", unique_word("d"));
    EXPECT_EQ(c.ancestors(leaf), (std::map<int64_t, int64_t>{{a, 2}, {b, 1}, {leaf, 0}}));

    const auto r = c.move(b, d);
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(c.ancestors(b), (std::map<int64_t, int64_t>{{d, 1}, {b, 0}}));
    EXPECT_EQ(c.ancestors(leaf), (std::map<int64_t, int64_t>{{d, 2}, {b, 1}, {leaf, 0}}));
    EXPECT_EQ(c.db->query_one("SELECT COUNT(*) FROM category_closure WHERE ancestor_id = ?", a)->i64(0), 1) << "A is alone";
    EXPECT_EQ(c.db->query_one("SELECT parent_id FROM categories WHERE id = ?", b)->i64(0), d);
    const auto audit = last_audit(*c.db, "category", b);
    EXPECT_EQ(audit->action, "category.move");
    const std::string a_slug = c.db->query_one("SELECT slug FROM categories WHERE id = ?", a)->str(0);
    const std::string d_slug = c.db->query_one("SELECT slug FROM categories WHERE id = ?", d)->str(0);
    EXPECT_EQ(audit->before, "{\"parent\": \"" + a_slug + "\", \"position\": \"0\"}");
    EXPECT_EQ(audit->after, "{\"parent\": \"" + d_slug + "\", \"position\": \"0\"}");

    // To the top level: only its own subtree's links stay.
    EXPECT_EQ(c.move(b, std::nullopt).status, 303);
    EXPECT_EQ(c.ancestors(leaf), (std::map<int64_t, int64_t>{{b, 1}, {leaf, 0}}));
    EXPECT_TRUE(c.db->query_one("SELECT parent_id FROM categories WHERE id = ?", b)->is_null(0));
}

TEST(AdminCategories, ACategoryCannotMoveUnderItsOwnDescendant) {
    Console c;
    const int64_t top = c.create("Top", unique_word("top"));
    const int64_t mid = c.create("Mid", unique_word("mid"), top);
    const int64_t low = c.create("Low", unique_word("low"), mid);
    const auto closure_before = c.db->query_one("SELECT COUNT(*), SUM(depth) FROM category_closure")->str(1);
    const int64_t audits = audit_count(*c.db, "category", top);
    for (const int64_t target : {low, mid, top}) {
        const auto r = c.move(top, target);
        EXPECT_EQ(r.status, 422) << target;
        EXPECT_TRUE(contains(r.body, "cannot move under itself or one of its own subcategories")) << target;
    }
    EXPECT_TRUE(c.db->query_one("SELECT parent_id FROM categories WHERE id = ?", top)->is_null(0));
    EXPECT_EQ(c.db->query_one("SELECT COUNT(*), SUM(depth) FROM category_closure")->str(1), closure_before);
    EXPECT_EQ(c.ancestors(low), (std::map<int64_t, int64_t>{{top, 2}, {mid, 1}, {low, 0}}));
    EXPECT_EQ(audit_count(*c.db, "category", top), audits);
}

TEST(AdminCategories, ReorderAndRenameAreAuditedAndShownInOrder) {
    Console c;
    const std::string parent_slug = unique_word("shelf");
    const int64_t parent = c.create("Shelf", parent_slug);
    std::vector<int64_t> kids;
    std::vector<std::string> slugs;
    for (const std::string name : {"First", "Second", "Third"}) {
        slugs.push_back(unique_word(bf::to_lower(name)));
        kids.push_back(c.create(name, slugs.back(), parent));
    }
    auto r = c.post("/admin/categories/" + std::to_string(kids[2]) + "/position", {{"direction", "up"}});
    EXPECT_EQ(r.status, 303);
    std::vector<int64_t> order;
    for (const auto& row : c.db->query("SELECT id FROM categories WHERE parent_id = ? ORDER BY position, id", parent))
        order.push_back(row.i64(0));
    EXPECT_EQ(order, (std::vector<int64_t>{kids[0], kids[2], kids[1]}));
    const auto audit = last_audit(*c.db, "category", kids[2]);
    EXPECT_EQ(audit->action, "category.reorder");
    EXPECT_NE(audit->before.find("\"position\": \"3 of 3\""), std::string::npos);
    EXPECT_NE(audit->after.find("\"position\": \"2 of 3\""), std::string::npos);
    // Already first: nothing changes, nothing is logged.
    const int64_t audits = audit_count(*c.db, "category", kids[0]);
    EXPECT_EQ(c.post("/admin/categories/" + std::to_string(kids[0]) + "/position", {{"direction", "up"}}).status, 303);
    EXPECT_EQ(audit_count(*c.db, "category", kids[0]), audits);

    HttpClient reader;
    EXPECT_TRUE(wait_until([&] {
        const std::string page = reader.get("/categories/" + parent_slug).body;
        const auto first = page.find(slugs[0]), second = page.find(slugs[1]), third = page.find(slugs[2]);
        return first != std::string::npos && first < third && third < second;
    }, 3s)) << "the public page lists the subcategories in their new order";

    r = c.post("/admin/categories/" + std::to_string(kids[1]), {{"name", "Renamed shelf"}, {"description", "Now with a description"}});
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(last_audit(*c.db, "category", kids[1])->before, "{\"description\": \"\", \"name\": \"Second\"}");
    EXPECT_EQ(last_audit(*c.db, "category", kids[1])->after,
              "{\"description\": \"Now with a description\", \"name\": \"Renamed shelf\"}");
    EXPECT_TRUE(wait_until([&] { return contains(reader.get("/categories/" + slugs[1]).body, "Renamed shelf"); }, 3s));
}

TEST(AdminCategories, DeactivatingHidesACategoryButNeverOrphansActiveChildren) {
    Console c;
    const std::string parent_slug = unique_word("seasonal");
    const int64_t parent = c.create("Seasonal", parent_slug);
    const int64_t child = c.create("Winter", unique_word("winter"), parent);
    const std::string path = "/admin/categories/" + std::to_string(parent) + "/active";
    EXPECT_EQ(c.post(path, {{"active", "0"}}).status, 409) << "its subcategory is still active";
    EXPECT_EQ(c.db->query_one("SELECT active FROM categories WHERE id = ?", parent)->i64(0), 1);

    EXPECT_EQ(c.post("/admin/categories/" + std::to_string(child) + "/active", {{"active", "0"}}).status, 303);
    EXPECT_EQ(c.post(path, {{"active", "0"}}).status, 303);
    EXPECT_EQ(last_audit(*c.db, "category", parent)->after, "{\"active\": \"no\"}");
    HttpClient reader;
    EXPECT_TRUE(wait_until([&] { return reader.get("/categories/" + parent_slug).status == 404; }, 3s));
    EXPECT_EQ(c.post("/admin/categories/" + std::to_string(child) + "/active", {{"active", "1"}}).status, 409)
        << "not under an inactive parent";

    EXPECT_EQ(c.post(path, {{"active", "1"}}).status, 303);
    EXPECT_TRUE(wait_until([&] { return reader.get("/categories/" + parent_slug).status == 200; }, 3s));
    EXPECT_EQ(c.admin.get("/admin/categories/" + std::to_string(parent)).status, 200);
    EXPECT_EQ(c.admin.get("/admin/categories/999999999").status, 404);
}

TEST(AdminCategories, AnotherWorkersChangeIsNoticedThroughTheTreeVersion) {
    // A change made elsewhere (another worker process, another host) reaches this worker's cached
    // tree through the version number, without this worker clearing its cache.
    Console c;
    const std::string slug = unique_word("elsewhere");
    const int64_t id = c.create("Before elsewhere", slug);
    HttpClient reader;
    register_user(reader);  // logged in: no nginx cache in the way
    ASSERT_TRUE(contains(reader.get("/categories/" + slug).body, "Before elsewhere"));
    c.db->transaction([&] {
        c.db->exec("UPDATE category_tree_version SET version = version + 1 WHERE id = 1");
        c.db->exec("UPDATE categories SET name = 'After elsewhere' WHERE id = ?", id);
    });
    EXPECT_TRUE(wait_until([&] { return contains(reader.get("/categories/" + slug).body, "After elsewhere"); }, 3s));
}
