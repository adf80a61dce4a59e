#include "store/catalog.h"

#include <algorithm>

#include "core/errors.h"
#include "core/text.h"
#include "store/author_slug.h"
#include "store/catalog_rows.h"
#include "store/flash_sales.h"

namespace bf::store {
namespace rows {

std::string book_columns(bool with_description) {
    return std::string("b.id, b.slug, b.title, b.subtitle, ") + (with_description ? "b.description" : "''") +
           ", b.isbn13, b.author_id, u.display_name, COALESCE(u.slug, ''), b.category_id, b.language, b.page_count,"
           " DATE_FORMAT(b.publication_date, '%Y-%m-%d'), b.price_cents, b.sale_price_cents, b.currency, b.stock,"
           " b.low_stock_threshold, b.allow_backorder, b.status, b.featured, b.sell_count, b.view_count,"
           " b.rating_avg, b.rating_count, b.tags_text, b.cover_path, b.cover_alt, b.created_at, b.updated_at,"
           " b.published_at, b.print_edition";
}

Book read_book(const db::Row& r, size_t o) {
    Book b;
    b.id = r.i64(o);
    b.slug = r.str(o + 1);
    b.title = r.str(o + 2);
    b.subtitle = r.str(o + 3);
    b.description = r.str(o + 4);
    b.isbn13 = r.opt_str(o + 5);
    b.author_id = r.i64(o + 6);
    b.author_name = r.str(o + 7);
    b.author_slug = r.str(o + 8);
    b.category_id = r.i64(o + 9);
    b.language = r.str(o + 10);
    b.page_count = r.opt_i64(o + 11);
    b.publication_date = r.opt_str(o + 12);
    b.price = r.i64(o + 13);
    b.sale_price = r.opt_i64(o + 14);
    b.currency = r.str(o + 15);
    b.stock = r.i64(o + 16);
    b.low_stock_threshold = r.i64(o + 17);
    b.allow_backorder = r.boolean(o + 18);
    b.status = parse_status(r.str(o + 19)).value_or(BookStatus::Draft);
    b.featured = r.boolean(o + 20);
    b.sell_count = r.i64(o + 21);
    b.view_count = r.i64(o + 22);
    b.rating_avg = r.str(o + 23);
    b.rating_count = r.i64(o + 24);
    b.tags = split_trimmed(r.str(o + 25));
    b.cover_path = r.opt_str(o + 26);
    b.cover_alt = r.str(o + 27);
    b.created = r.time(o + 28);
    b.updated = r.time(o + 29);
    b.published = r.time(o + 30);
    b.print_edition = r.boolean(o + 31);
    return b;
}

}  // namespace rows

namespace {

std::string book_select(bool with_description) {
    return "SELECT " + rows::book_columns(with_description) + " FROM " + rows::kBooksWithAuthors + " ";
}

std::vector<Book> read_books(const db::Rows& found) {
    std::vector<Book> out;
    out.reserve(found.size());
    for (const auto& r : found) out.push_back(rows::read_book(r));
    return out;
}

std::string slug_base(const std::string& title) {
    std::string s = slugify(title);
    if (s.size() > 80) s = s.substr(0, 80);
    while (!s.empty() && s.back() == '-') s.pop_back();
    return s.empty() ? "book" : s;
}

}  // namespace

const char* status_name(BookStatus s) {
    switch (s) {
        case BookStatus::Draft: return "draft";
        case BookStatus::Published: return "published";
        case BookStatus::Archived: return "archived";
    }
    return "draft";
}

std::optional<BookStatus> parse_status(const std::string& s) {
    if (s == "draft") return BookStatus::Draft;
    if (s == "published") return BookStatus::Published;
    if (s == "archived") return BookStatus::Archived;
    return std::nullopt;
}

// ---- categories ----------------------------------------------------------------

const Category* CategoryTree::find(int64_t id) const {
    for (const auto& c : all)
        if (c.id == id) return &c;
    return nullptr;
}

const Category* CategoryTree::find_slug(const std::string& slug) const {
    for (const auto& c : all)
        if (c.slug == slug) return &c;
    return nullptr;
}

std::vector<const Category*> CategoryTree::children(std::optional<int64_t> parent_id) const {
    std::vector<const Category*> out;
    for (const auto& c : all)
        if (c.parent_id == parent_id) out.push_back(&c);
    return out;
}

std::vector<const Category*> CategoryTree::path(int64_t id) const {
    std::vector<const Category*> out;
    for (const Category* c = find(id); c && out.size() < 32; c = c->parent_id ? find(*c->parent_id) : nullptr)
        out.push_back(c);
    std::reverse(out.begin(), out.end());
    return out;
}

CategoryTree Catalog::categories() {
    CategoryTree tree;
    const auto found = db_.query(
        "SELECT id, parent_id, slug, name, COALESCE(description, '') FROM categories FORCE INDEX (ix_categories_tree)"
        " WHERE active = 1 ORDER BY active, parent_id, position, id");
    for (const auto& r : found) tree.all.push_back(Category{r.i64(0), r.opt_i64(1), r.str(2), r.str(3), r.str(4)});
    return tree;
}

int64_t Catalog::add_category(std::optional<int64_t> parent_id, const std::string& slug, const std::string& name,
                              const std::string& description, int position) {
    return db_.transaction([&] {
        category_tree_changing();
        db_.exec("INSERT INTO categories (parent_id, slug, name, description, position) VALUES (?, ?, ?, ?, ?)",
                 parent_id, slug, name, description, position);
        const auto id = static_cast<int64_t>(db_.last_insert_id());
        // The new category is its own descendant at depth 0, and one deeper than each of its parent's ancestors.
        db_.exec("INSERT INTO category_closure (ancestor_id, descendant_id, depth) VALUES (?, ?, 0)", id, id);
        if (parent_id)
            db_.exec("INSERT INTO category_closure (ancestor_id, descendant_id, depth)"
                     " SELECT ancestor_id, ?, depth + 1 FROM category_closure WHERE descendant_id = ?",
                     id, *parent_id);
        return id;
    });
}

int64_t Catalog::category_version() {
    return db_.query_one("SELECT version FROM category_tree_version WHERE id = 1")->i64(0);
}

void Catalog::category_tree_changing() {
    db_.exec("UPDATE category_tree_version SET version = version + 1 WHERE id = 1");
}

// ---- public reads ----------------------------------------------------------------

std::optional<Book> Catalog::find_published(const std::string& slug) {
    const auto row = db_.query_one(book_select(true) + "WHERE b.slug = ? AND b.status = 'published'", slug);
    if (!row) return std::nullopt;
    return rows::read_book(*row);
}

Related Catalog::related(const Book& book, int per_shelf) {
    // One round trip for both shelves; each half walks its own index.
    const std::string columns = rows::book_columns(false);
    const std::string limit = " LIMIT " + std::to_string(per_shelf);
    const auto found = db_.query(
        "(SELECT 1 AS shelf, " + columns + " FROM " + rows::kBooksWithAuthors +
        " WHERE b.author_id = ? AND b.status = 'published' AND b.id <> ?"
        " ORDER BY b.published_at DESC, b.id DESC" + limit + ")"
        " UNION ALL "
        "(SELECT 2 AS shelf, " + columns + " FROM " + rows::kBooksWithAuthors +
        " WHERE b.category_id = ? AND b.status = 'published' AND b.id <> ? AND b.author_id <> ?"
        " ORDER BY b.published_at DESC, b.id DESC" + limit + ")",
        book.author_id, book.id, book.category_id, book.id, book.author_id);
    Related related;
    for (const auto& r : found) {
        // Column 0 says which shelf; the book's columns follow it.
        (r.i64(0) == 1 ? related.by_author : related.in_category).push_back(rows::read_book(r, 1));
    }
    return related;
}

Shelves Catalog::shelves(int per_shelf) {
    // Inside a UNION the optimizer does not see that an index in sort order ends the scan after
    // a few rows, and sorts the whole table instead: each part names the index it walks.
    const std::string columns = rows::book_columns(false);
    auto part = [&](int shelf, const char* index, const char* condition, const char* order) {
        return "(SELECT " + std::to_string(shelf) + " AS shelf, " + columns + " FROM books b FORCE INDEX (" + index +
               ") STRAIGHT_JOIN users u ON u.id = b.author_id WHERE b.status = 'published'" + condition +
               " ORDER BY " + order + " LIMIT " + std::to_string(per_shelf) + ")";
    };
    const auto found = db_.query(
        part(1, "ix_books_featured", " AND b.featured = 1", "b.published_at DESC, b.id DESC") + " UNION ALL " +
        part(2, "ix_books_bestselling", "", "b.sell_count DESC, b.id DESC") + " UNION ALL " +
        part(3, "ix_books_newest", "", "b.published_at DESC, b.id DESC"));
    Shelves shelves;
    for (const auto& r : found) {
        const int64_t shelf = r.i64(0);
        auto& into = shelf == 1 ? shelves.featured : shelf == 2 ? shelves.best_sellers : shelves.new_releases;
        into.push_back(rows::read_book(r, 1));
    }
    return shelves;
}

std::optional<Author> Catalog::find_author(const std::string& slug) {
    const auto row = db_.query_one(
        "SELECT id, slug, display_name, COALESCE(bio, '') FROM users WHERE slug = ? AND role IN ('author', 'admin')"
        " AND active = 1",
        slug);
    if (!row) return std::nullopt;
    return Author{row->i64(0), row->str(1), row->str(2), row->str(3)};
}

// ---- dashboard and edits ----------------------------------------------------------

std::optional<Book> Catalog::find(int64_t id) {
    const auto row = db_.query_one(book_select(true) + "WHERE b.id = ?", id);
    if (!row) return std::nullopt;
    return rows::read_book(*row);
}

std::vector<Book> Catalog::dashboard(std::optional<int64_t> author_id, int limit) {
    if (author_id)
        return read_books(db_.query(book_select(false) + "WHERE b.author_id = ? ORDER BY b.updated_at DESC, b.id DESC LIMIT ?",
                                    *author_id, limit));
    return read_books(db_.query(book_select(false) + "ORDER BY b.id DESC LIMIT ?", limit));
}

std::vector<Book> Catalog::sale_candidates(std::optional<int64_t> author_id, int limit) {
    // Copies in stock (an ebook-only book counts as in stock), or an ebook for sale: a flash sale may be of either.
    const std::string where = "WHERE b.status = 'published' AND (b.in_stock = 1 OR EXISTS (SELECT 1 FROM digital_editions de"
                              " WHERE de.book_id = b.id AND de.for_sale = 1)) ";
    const std::string order = "ORDER BY b.published_at DESC, b.id DESC LIMIT ?";
    if (author_id) return read_books(db_.query(book_select(false) + where + "AND b.author_id = ? " + order, *author_id, limit));
    return read_books(db_.query(book_select(false) + where + order, limit));
}

void Catalog::ensure_author_slug(int64_t author_id) { store::ensure_author_slug(db_, author_id); }

void Catalog::set_tags(int64_t book_id, const std::vector<std::string>& tags) {
    db_.exec("DELETE FROM book_tags WHERE book_id = ?", book_id);
    std::string text;
    for (const auto& name : tags) {
        const std::string slug = slugify(name);
        if (slug.empty()) continue;
        // LAST_INSERT_ID(id) makes an existing tag report its own id.
        db_.exec("INSERT INTO tags (slug, name) VALUES (?, ?) ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)", slug, name);
        db_.exec("INSERT IGNORE INTO book_tags (book_id, tag_id) VALUES (?, ?)", book_id,
                 static_cast<int64_t>(db_.last_insert_id()));
        text += (text.empty() ? "" : ", ") + name;
    }
    db_.exec("UPDATE books SET tags_text = ? WHERE id = ?", text, book_id);
}

namespace {

[[noreturn]] void rethrow_book_error(const db::Error& e) {
    const std::string what = e.what();
    if (e.is_duplicate_key() && what.find("isbn13") != std::string::npos)
        throw Invalid("isbn13", "Another book in the catalogue already has this ISBN.");
    if (e.code() == 4025 && what.find("ck_books_stock") != std::string::npos)  // CHECK constraint failed
        throw Invalid("stock", "Stock cannot go below zero; some copies may have sold while you were editing.");
    if (e.code() == 4025 && what.find("ck_books_sale_price") != std::string::npos)
        throw Invalid("sale_price", "The sale price must be lower than the regular price.");
    throw e;
}

}  // namespace

// An ebook-only book's price is its ebook's: the digital edition is made (for sale) or repriced.
void Catalog::price_the_ebook(int64_t book_id, const BookInput& in, Time now) {
    db_.exec("INSERT INTO digital_editions (book_id, price_cents, sale_price_cents, created_at, updated_at)"
             " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE price_cents = VALUES(price_cents),"
             " sale_price_cents = VALUES(sale_price_cents), updated_at = VALUES(updated_at)",
             book_id, in.price, in.sale_price, now, now);
}

int64_t Catalog::create(int64_t author_id, const BookInput& in, Time now) {
    return db_.transaction([&] {
        ensure_author_slug(author_id);
        const std::string base = slug_base(in.title);
        const bool taken = db_.query_one("SELECT 1 FROM books WHERE slug = ?", base).has_value();
        // A taken slug gets a random suffix first and becomes base-<id> once the id is known.
        const std::string slug = taken ? base + "-new-" + std::to_string(now.us) : base;
        try {
            db_.exec(
                "INSERT INTO books (slug, isbn13, title, subtitle, description, author_id, category_id, language,"
                " page_count, publication_date, price_cents, sale_price_cents, currency, stock, print_edition,"
                " low_stock_threshold, allow_backorder, featured, cover_path, cover_alt, created_at, updated_at,"
                " published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                slug, in.isbn13, in.title, in.subtitle, in.description, author_id, in.category_id, in.language,
                in.page_count, in.publication_date, in.price, in.sale_price, in.currency,
                in.print_edition ? std::max<int64_t>(in.stock_delta, 0) : 0, in.print_edition, in.low_stock_threshold,
                in.print_edition && in.allow_backorder, in.featured.value_or(false), in.cover_path, in.cover_alt, now,
                now, now);
        } catch (const db::Error& e) {
            rethrow_book_error(e);
        }
        const auto id = static_cast<int64_t>(db_.last_insert_id());
        if (taken) db_.exec("UPDATE books SET slug = ? WHERE id = ?", base + "-" + std::to_string(id), id);
        set_tags(id, in.tags);
        if (!in.print_edition) price_the_ebook(id, in, now);
        return id;
    });
}

std::optional<std::string> Catalog::update(int64_t id, const BookInput& in, Time now) {
    return db_.transaction([&]() -> std::optional<std::string> {
        const auto before = db_.query_one("SELECT cover_path FROM books WHERE id = ? FOR UPDATE", id);
        try {
            db_.exec(
                "UPDATE books SET isbn13 = ?, title = ?, subtitle = ?, description = ?, category_id = ?, language = ?,"
                " page_count = ?, publication_date = ?, price_cents = ?, sale_price_cents = ?, currency = ?,"
                " stock = IF(?, stock + ?, 0), print_edition = ?, low_stock_threshold = ?, allow_backorder = ?,"
                " featured = COALESCE(?, featured), cover_path = COALESCE(?, cover_path), cover_alt = ?, updated_at = ?"
                " WHERE id = ?",
                in.isbn13, in.title, in.subtitle, in.description, in.category_id, in.language, in.page_count,
                in.publication_date, in.price, in.sale_price, in.currency, in.print_edition, in.stock_delta,
                in.print_edition, in.low_stock_threshold, in.print_edition && in.allow_backorder, in.featured,
                in.cover_path, in.cover_alt, now, id);
        } catch (const db::Error& e) {
            rethrow_book_error(e);
        }
        set_tags(id, in.tags);
        if (!in.print_edition) price_the_ebook(id, in, now);
        // The cover just replaced, unless an order's receipt still shows it.
        const auto old_cover = before ? before->opt_str(0) : std::nullopt;
        if (!in.cover_path || !old_cover || *old_cover == *in.cover_path) return std::nullopt;
        if (db_.query_one("SELECT 1 FROM order_items WHERE book_id = ? AND cover_path = ? LIMIT 1 LOCK IN SHARE MODE", id,
                          *old_cover))
            return std::nullopt;
        return old_cover;
    });
}

WithdrawnSales Catalog::set_status(int64_t id, BookStatus status, Time now) {
    return db_.transaction([&]() -> WithdrawnSales {
        if (status == BookStatus::Published) {
            db_.exec("UPDATE books SET status = 'published', published_at = ?, updated_at = ? WHERE id = ?", now, now, id);
            return {};
        }
        db_.exec("UPDATE books SET status = ?, updated_at = ? WHERE id = ?", status_name(status), now, id);
        return FlashSales(db_).book_withdrawn(id, status == BookStatus::Archived, now);
    });
}

}  // namespace bf::store
