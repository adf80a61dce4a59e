#include "store/search_feed.h"

#include <map>

#include "store/catalog_rows.h"

namespace bf::store {
namespace {

struct CategoryNode {
    std::optional<int64_t> parent;
    std::string name;
};

std::map<int64_t, CategoryNode> category_nodes(db::Connection& db) {
    std::map<int64_t, CategoryNode> nodes;
    for (const auto& r : db.query("SELECT id, parent_id, name FROM categories"))
        nodes[r.i64(0)] = CategoryNode{r.opt_i64(1), r.str(2)};
    return nodes;
}

void add_path(IndexedBook& ib, const std::map<int64_t, CategoryNode>& nodes) {
    std::optional<int64_t> at = ib.book.category_id;
    for (int depth = 0; at && depth < 32; ++depth) {  // a bound, in case the tree were ever cyclic
        const auto it = nodes.find(*at);
        if (it == nodes.end()) break;
        ib.category_ids.insert(ib.category_ids.begin(), *at);
        ib.category_names.insert(ib.category_names.begin(), it->second.name);
        at = it->second.parent;
    }
}

}  // namespace

int64_t SearchFeed::register_consumer(const std::string& name, Time now) {
    return db_.transaction([&] {
        db_.exec("INSERT IGNORE INTO search_consumers (name, created_at) VALUES (?, ?)", name, now);
        return db_.query_one("SELECT id FROM search_consumers WHERE name = ?", name)->i64(0);
    });
}

std::optional<int64_t> SearchFeed::find_consumer(const std::string& name) {
    const auto r = db_.query_one("SELECT id FROM search_consumers WHERE name = ?", name);
    if (!r) return std::nullopt;
    return r->i64(0);
}

std::vector<std::pair<int64_t, std::string>> SearchFeed::consumers() {
    std::vector<std::pair<int64_t, std::string>> out;
    for (const auto& r : db_.query("SELECT id, name FROM search_consumers ORDER BY id")) out.emplace_back(r.i64(0), r.str(1));
    return out;
}

void SearchFeed::drop_consumer(int64_t id) {
    // Its rows go in short transactions first, so no single statement holds many locks.
    while (db_.transaction([&] { return db_.exec("DELETE FROM search_changes WHERE consumer_id = ? ORDER BY id LIMIT 5000", id); }) > 0) {
    }
    db_.transaction([&] { db_.exec("DELETE FROM search_consumers WHERE id = ?", id); });
}

std::vector<SearchChange> SearchFeed::pending(int64_t consumer_id, int limit) {
    std::vector<SearchChange> out;
    for (const auto& r : db_.query("SELECT id, book_id, kind FROM search_changes WHERE consumer_id = ? ORDER BY id LIMIT ?",
                                   consumer_id, static_cast<int64_t>(limit)))
        out.push_back(SearchChange{r.i64(0), r.i64(1), r.str(2)});
    return out;
}

int64_t SearchFeed::pending_count(int64_t consumer_id) {
    return db_.query_one("SELECT COUNT(*) FROM search_changes WHERE consumer_id = ?", consumer_id)->i64(0);
}

void SearchFeed::done(const std::vector<int64_t>& change_ids) {
    if (change_ids.empty()) return;
    std::vector<db::Param> ids;
    for (const int64_t id : change_ids) ids.push_back(db::Param::integer(id));
    db_.transaction([&] { db_.exec_params("DELETE FROM search_changes WHERE id IN (" + db::placeholders(ids.size()) + ")", ids); });
}

std::vector<IndexedBook> SearchFeed::read(const std::string& where, const std::vector<db::Param>& params) {
    const auto found = db_.query_params("SELECT " + rows::book_columns(true) + " FROM " + rows::kBooksWithAuthors +
                                            " WHERE b.status = 'published' AND " + where,
                                        params);
    std::vector<IndexedBook> out;
    if (found.empty()) return out;
    const auto nodes = category_nodes(db_);
    out.reserve(found.size());
    for (const auto& r : found) {
        IndexedBook ib;
        ib.book = rows::read_book(r);
        add_path(ib, nodes);
        out.push_back(std::move(ib));
    }
    return out;
}

std::vector<IndexedBook> SearchFeed::published(const std::vector<int64_t>& ids) {
    if (ids.empty()) return {};
    std::vector<db::Param> params;
    for (const int64_t id : ids) params.push_back(db::Param::integer(id));
    return read("b.id IN (" + db::placeholders(params.size()) + ") ORDER BY b.id", params);
}

void SearchFeed::each_published(int batch, const std::function<void(int64_t)>& total,
                                const std::function<void(const std::vector<IndexedBook>&)>& each) {
    db_.transaction([&] {
        total(db_.query_one("SELECT COUNT(*) FROM books WHERE status = 'published'")->i64(0));
        for (int64_t after = 0;;) {
            const auto books = read("b.id > ? ORDER BY b.id LIMIT ?", {db::Param::integer(after), db::Param::integer(batch)});
            if (books.empty()) return;
            each(books);
            after = books.back().book.id;
        }
    });
}

}  // namespace bf::store
