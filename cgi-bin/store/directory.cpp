#include "store/directory.h"

namespace bf::store {

std::vector<AuthorEntry> Directory::authors(const std::optional<AuthorMark>& after, int limit) {
    // Walks ix_users_role_name from the mark; each author's count is an ix_books_author range.
    const auto rows = db_.query(
        "SELECT u.id, u.slug, u.display_name,"
        " (SELECT COUNT(*) FROM books b WHERE b.author_id = u.id AND b.status = 'published')"
        " FROM users u WHERE u.role = 'author' AND u.slug IS NOT NULL AND u.active = 1"
        " AND (u.display_name > ? OR (u.display_name = ? AND u.id > ?))"
        " AND EXISTS (SELECT 1 FROM books b WHERE b.author_id = u.id AND b.status = 'published')"
        " ORDER BY u.display_name, u.id LIMIT ?",
        after ? after->name : std::string(), after ? after->name : std::string(), after ? after->id : int64_t{0}, limit);
    std::vector<AuthorEntry> out;
    for (const auto& r : rows) out.push_back({r.i64(0), r.str(1), r.str(2), r.i64(3)});
    return out;
}

int64_t Directory::book_pages(int64_t size) {
    const auto row = db_.query_one("SELECT MAX(id) FROM books");
    const auto max_id = row ? row->opt_i64(0) : std::nullopt;
    return max_id ? *max_id / size + 1 : 1;
}

std::vector<SitemapEntry> Directory::books(int64_t page, int64_t size) {
    std::vector<SitemapEntry> out;
    for (const auto& r : db_.query("SELECT slug, updated_at FROM books WHERE id >= ? AND id < ? AND status = 'published'"
                                   " ORDER BY id",
                                   page * size, (page + 1) * size))
        out.push_back({"/books/" + r.str(0), r.time(1)});
    return out;
}

std::vector<SitemapEntry> Directory::categories_and_authors() {
    std::vector<SitemapEntry> out;
    for (const auto& r : db_.query("SELECT slug FROM categories WHERE active = 1 ORDER BY id"))
        out.push_back({"/categories/" + r.str(0), std::nullopt});
    for (const auto& r : db_.query("SELECT u.slug, u.updated_at FROM users u WHERE u.role = 'author' AND u.slug IS NOT NULL"
                                   " AND u.active = 1 AND EXISTS (SELECT 1 FROM books b WHERE b.author_id = u.id"
                                   " AND b.status = 'published') ORDER BY u.id"))
        out.push_back({"/authors/" + r.str(0), r.time(1)});
    return out;
}

}  // namespace bf::store
