#pragma once
// What admins do to the category tree: create, rename, move (the closure table follows), reorder
// among siblings, activate and deactivate. Each change raises the tree's version (workers notice it
// within a second) and writes one audit row, in one transaction.
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

struct AdminCategory {
    int64_t id = 0;
    std::optional<int64_t> parent_id;
    std::string slug;
    std::string name;
    std::string description;
    int64_t position = 0;
    bool active = true;
};

struct NewCategory {
    std::optional<int64_t> parent_id;
    std::string slug;
    std::string name;
    std::string description;
};

class CategoryAdmin {
public:
    explicit CategoryAdmin(db::Connection& db) : db_(db) {}

    // Every category, active or not, by parent, position and id (a small table: read whole).
    std::vector<AdminCategory> all();
    std::optional<AdminCategory> find(int64_t id);
    // Books filed directly under the category (any status).
    int64_t book_count(int64_t id);

    // Added last among its siblings. Throws Invalid (slug) when the slug is taken, (parent) when the
    // parent is unknown or inactive.
    int64_t create(int64_t actor_id, const NewCategory& category, Time now);
    void rename(int64_t actor_id, int64_t id, const std::string& name, const std::string& description, Time now);
    // Under `parent_id` (nullopt: the top level), last among its new siblings, with its whole subtree.
    // Throws Invalid (parent) for itself, one of its own descendants, or an inactive parent.
    void move(int64_t actor_id, int64_t id, std::optional<int64_t> parent_id, Time now);
    // One place up (-1) or down (+1) among its siblings; false when it already is first or last.
    bool shift(int64_t actor_id, int64_t id, int direction, Time now);
    // Throws Conflict when deactivating a category with active subcategories, or activating one under
    // an inactive parent: the public tree never shows a category whose parent it hides.
    void set_active(int64_t actor_id, int64_t id, bool active, Time now);

private:
    AdminCategory lock(int64_t id);
    std::string parent_label(std::optional<int64_t> parent_id);
    int64_t next_position(std::optional<int64_t> parent_id);
    db::Connection& db_;
};

}  // namespace bf::store
