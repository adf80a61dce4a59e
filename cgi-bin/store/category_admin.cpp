#include "store/category_admin.h"

#include <algorithm>

#include "core/errors.h"
#include "store/audit.h"
#include "store/catalog.h"

namespace bf::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, parent_id, slug, name, COALESCE(description, ''), position, active FROM categories ";

AdminCategory read_category(const db::Row& r) {
    return AdminCategory{r.i64(0), r.opt_i64(1), r.str(2), r.str(3), r.str(4), r.i64(5), r.boolean(6)};
}

std::string yes_no(bool b) { return b ? "yes" : "no"; }

std::string id_list(const std::vector<int64_t>& ids) {
    std::string s;
    for (int64_t id : ids) s += (s.empty() ? "" : ", ") + std::to_string(id);
    return s;
}

}  // namespace

std::vector<AdminCategory> CategoryAdmin::all() {
    std::vector<AdminCategory> out;
    for (const auto& r : db_.query(std::string(kColumns) + "ORDER BY parent_id, position, id")) out.push_back(read_category(r));
    return out;
}

std::optional<AdminCategory> CategoryAdmin::find(int64_t id) {
    const auto row = db_.query_one(std::string(kColumns) + "WHERE id = ?", id);
    if (!row) return std::nullopt;
    return read_category(*row);
}

int64_t CategoryAdmin::book_count(int64_t id) {
    return db_.query_one("SELECT COUNT(*) FROM books WHERE category_id = ?", id)->i64(0);
}

AdminCategory CategoryAdmin::lock(int64_t id) {
    const auto row = db_.query_one(std::string(kColumns) + "WHERE id = ? FOR UPDATE", id);
    if (!row) throw NotFound("There is no category with that id.");
    return read_category(*row);
}

// How the audit log names a parent: its slug, or "(top level)".
std::string CategoryAdmin::parent_label(std::optional<int64_t> parent_id) {
    if (!parent_id) return "(top level)";
    const auto row = db_.query_one("SELECT slug FROM categories WHERE id = ?", *parent_id);
    return row ? row->str(0) : "#" + std::to_string(*parent_id);
}

int64_t CategoryAdmin::next_position(std::optional<int64_t> parent_id) {
    return db_.query_one("SELECT COALESCE(MAX(position) + 1, 0) FROM categories WHERE parent_id <=> ?", parent_id)->i64(0);
}

int64_t CategoryAdmin::create(int64_t actor_id, const NewCategory& c, Time now) {
    return db_.transaction([&] {
        Catalog catalog(db_);
        catalog.category_tree_changing();
        if (c.parent_id) {
            const auto parent = find(*c.parent_id);
            if (!parent) throw Invalid("parent", "That parent category does not exist.");
            if (!parent->active) throw Invalid("parent", "Choose an active parent: categories under an inactive one are hidden.");
        }
        if (db_.query_one("SELECT 1 FROM categories WHERE slug = ?", c.slug))
            throw Invalid("slug", "Another category already has this address.");
        const int64_t position = next_position(c.parent_id);
        const int64_t id = catalog.add_category(c.parent_id, c.slug, c.name, c.description, static_cast<int>(position));
        Audit(db_).record(actor_id, "category.create", "category", id, {},
                          {{"name", c.name}, {"slug", c.slug}, {"parent", parent_label(c.parent_id)},
                           {"position", std::to_string(position)}, {"active", "yes"}},
                          now);
        return id;
    });
}

void CategoryAdmin::rename(int64_t actor_id, int64_t id, const std::string& name, const std::string& description,
                           Time now) {
    db_.transaction([&] {
        Catalog(db_).category_tree_changing();
        const AdminCategory c = lock(id);
        AuditState before{{"name", c.name}, {"description", c.description}};
        AuditState after{{"name", name}, {"description", description}};
        keep_changes(before, after);
        if (after.empty() && before.empty()) return;
        db_.exec("UPDATE categories SET name = ?, description = ? WHERE id = ?", name, description, id);
        Audit(db_).record(actor_id, "category.rename", "category", id, before, after, now);
    });
}

void CategoryAdmin::move(int64_t actor_id, int64_t id, std::optional<int64_t> parent_id, Time now) {
    db_.transaction([&] {
        // The version row is locked first: tree changes run one at a time, so two moves can never
        // each pass the cycle check against a tree the other is changing.
        Catalog(db_).category_tree_changing();
        const AdminCategory c = lock(id);
        if (c.parent_id == parent_id) return;
        if (parent_id) {
            const auto parent = find(*parent_id);
            if (!parent) throw Invalid("parent", "That parent category does not exist.");
            if (db_.query_one("SELECT 1 FROM category_closure WHERE ancestor_id = ? AND descendant_id = ?", id, *parent_id))
                throw Invalid("parent", "A category cannot move under itself or one of its own subcategories.");
            if (c.active && !parent->active)
                throw Invalid("parent", "Choose an active parent: categories under an inactive one are hidden.");
        }
        // The subtree keeps its inner paths; its links to the old ancestors go, links to the new ones come.
        std::vector<db::Param> subtree, old_ancestors;
        for (const auto& r : db_.query("SELECT descendant_id FROM category_closure WHERE ancestor_id = ?", id))
            subtree.push_back(db::to_param(r.i64(0)));
        for (const auto& r : db_.query("SELECT ancestor_id FROM category_closure WHERE descendant_id = ? AND ancestor_id <> ?",
                                       id, id))
            old_ancestors.push_back(db::to_param(r.i64(0)));
        if (!old_ancestors.empty()) {
            std::vector<db::Param> params = subtree;
            params.insert(params.end(), old_ancestors.begin(), old_ancestors.end());
            db_.exec_params("DELETE FROM category_closure WHERE descendant_id IN (" + db::placeholders(subtree.size()) +
                                ") AND ancestor_id IN (" + db::placeholders(old_ancestors.size()) + ")",
                            params);
        }
        if (parent_id)
            db_.exec("INSERT INTO category_closure (ancestor_id, descendant_id, depth)"
                     " SELECT a.ancestor_id, d.descendant_id, a.depth + d.depth + 1"
                     " FROM category_closure a JOIN category_closure d ON d.ancestor_id = ?"
                     " WHERE a.descendant_id = ?",
                     id, *parent_id);
        const int64_t position = next_position(parent_id);
        db_.exec("UPDATE categories SET parent_id = ?, position = ? WHERE id = ?", parent_id, position, id);
        Audit(db_).record(actor_id, "category.move", "category", id,
                          {{"parent", parent_label(c.parent_id)}, {"position", std::to_string(c.position)}},
                          {{"parent", parent_label(parent_id)}, {"position", std::to_string(position)}}, now);
    });
}

bool CategoryAdmin::shift(int64_t actor_id, int64_t id, int direction, Time now) {
    if (direction != -1 && direction != 1) throw BadRequest("Move a category one place up or down.");
    return db_.transaction([&] {
        Catalog(db_).category_tree_changing();
        const AdminCategory c = lock(id);
        std::vector<int64_t> order;
        for (const auto& r : db_.query("SELECT id FROM categories WHERE parent_id <=> ? ORDER BY position, id FOR UPDATE",
                                       c.parent_id))
            order.push_back(r.i64(0));
        const auto at = std::find(order.begin(), order.end(), id) - order.begin();
        const auto to = at + direction;
        if (to < 0 || to >= static_cast<long>(order.size())) return false;
        const std::vector<int64_t> was = order;
        std::swap(order[at], order[to]);
        // Positions become 0..n-1 in the new order (older data may hold ties).
        for (size_t i = 0; i < order.size(); ++i)
            db_.exec("UPDATE categories SET position = ? WHERE id = ? AND position <> ?", static_cast<int64_t>(i), order[i],
                     static_cast<int64_t>(i));
        Audit(db_).record(actor_id, "category.reorder", "category", id,
                          {{"position", std::to_string(at + 1) + " of " + std::to_string(was.size())},
                           {"sibling order", id_list(was)}},
                          {{"position", std::to_string(to + 1) + " of " + std::to_string(order.size())},
                           {"sibling order", id_list(order)}},
                          now);
        return true;
    });
}

void CategoryAdmin::set_active(int64_t actor_id, int64_t id, bool active, Time now) {
    db_.transaction([&] {
        Catalog(db_).category_tree_changing();
        const AdminCategory c = lock(id);
        if (c.active == active) return;
        if (!active && db_.query_one("SELECT 1 FROM categories WHERE parent_id = ? AND active = 1 LIMIT 1", id))
            throw Conflict("“" + c.name + "” has active subcategories: deactivate or move them first.");
        if (active && c.parent_id && !find(*c.parent_id)->active)
            throw Conflict("“" + c.name + "” sits under an inactive category: activate that one first, or move it.");
        db_.exec("UPDATE categories SET active = ? WHERE id = ?", active, id);
        Audit(db_).record(actor_id, active ? "category.activate" : "category.deactivate", "category", id,
                          {{"active", yes_no(c.active)}}, {{"active", yes_no(active)}}, now);
    });
}

}  // namespace bf::store
