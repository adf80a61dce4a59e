#pragma once
// The catalogue: books, their categories and tags, search with keyset pagination, authors'
// edits, and page views folded in off the request path.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

struct Category {
    int64_t id = 0;
    std::optional<int64_t> parent_id;
    std::string slug;
    std::string name;
    std::string description;
};

// Every active category, parents before children, siblings by position.
struct CategoryTree {
    std::vector<Category> all;
    const Category* find(int64_t id) const;
    const Category* find_slug(const std::string& slug) const;
    std::vector<const Category*> children(std::optional<int64_t> parent_id) const;
    // The root first, the category itself last (breadcrumbs).
    std::vector<const Category*> path(int64_t id) const;
};

enum class BookStatus { Draft, Published, Archived };
const char* status_name(BookStatus s);
std::optional<BookStatus> parse_status(const std::string& s);

struct Book {
    int64_t id = 0;
    std::string slug;
    std::string title;
    std::string subtitle;
    std::string description;
    std::optional<std::string> isbn13;
    int64_t author_id = 0;
    std::string author_name;
    std::string author_slug;
    int64_t category_id = 0;
    std::string language = "en";
    std::optional<int64_t> page_count;
    std::optional<std::string> publication_date;  // YYYY-MM-DD
    Cents price = 0;
    std::optional<Cents> sale_price;
    std::string currency = "USD";
    int64_t stock = 0;
    int64_t low_stock_threshold = 10;
    bool allow_backorder = false;
    BookStatus status = BookStatus::Draft;
    bool featured = false;
    int64_t sell_count = 0;
    int64_t view_count = 0;
    std::string rating_avg = "0.00";
    int64_t rating_count = 0;
    std::vector<std::string> tags;
    std::optional<std::string> cover_path;  // relative to uploads_dir
    std::string cover_alt;
    Time created{};
    Time updated{};
    Time published{};
    bool print_edition = true;  // false: an ebook-only book (no stock, nothing ships)

    Cents price_now() const { return sale_price ? *sale_price : price; }
    bool low_on_stock() const { return stock <= low_stock_threshold; }
};

// What an author's form sets. Stock changes by a delta, so sales made while the form was
// open are not overwritten.
struct BookInput {
    std::string title;
    std::string subtitle;
    std::string description;
    std::optional<std::string> isbn13;
    int64_t category_id = 0;
    std::string language = "en";
    std::optional<int64_t> page_count;
    std::optional<std::string> publication_date;
    Cents price = 0;
    std::optional<Cents> sale_price;
    std::string currency = "USD";
    int64_t stock_delta = 0;
    int64_t low_stock_threshold = 10;
    bool allow_backorder = false;
    // false: an ebook-only book. Its stock goes to 0 and its price becomes its ebook's price (the
    // digital edition is made or changed in the same transaction).
    bool print_edition = true;
    std::optional<bool> featured;  // admin only; nullopt leaves it unchanged
    std::vector<std::string> tags;
    std::optional<std::string> cover_path;  // nullopt keeps the current cover
    std::string cover_alt;
};

enum class BookSort { Relevance, BestSelling, Newest, PriceLow, PriceHigh, Rating };
const char* sort_name(BookSort s);
std::optional<BookSort> parse_sort(const std::string& s);

// A public listing: published books only. The cursor (from the previous page) is opaque.
struct BookQuery {
    std::string text;
    std::optional<int64_t> category_id;  // with every category below it
    std::optional<int64_t> author_id;
    std::optional<Cents> min_price;
    std::optional<Cents> max_price;
    bool in_stock_only = false;
    std::string language;
    BookSort sort = BookSort::Newest;
    std::string after;   // a cursor: the page after that book
    std::string before;  // or the page before it (when after is empty)
    int limit = 20;
};

struct BookPage {
    std::vector<Book> books;
    std::string next_cursor;  // empty on the last page
    std::string prev_cursor;  // empty on the first page
    int64_t total = 0;        // a search's matches; a listing's books, exact up to kCountCap
    bool total_capped = false;
    bool bad_cursor = false;  // a tampered or stale cursor restarts at the first page
};

struct Author {
    int64_t id = 0;
    std::string slug;
    std::string name;
    std::string bio;
};

// Home page shelves.
struct Shelves {
    std::vector<Book> featured;
    std::vector<Book> best_sellers;
    std::vector<Book> new_releases;
};

// The book page's neighbours, fetched together.
struct Related {
    std::vector<Book> by_author;
    std::vector<Book> in_category;
};

// Full-text search: user text made safe for MATCH ... AGAINST in BOOLEAN MODE.
// Words of 2+ characters (letters and digits, any script), lowercased, at most kMaxTerms.
std::vector<std::string> search_terms(const std::string& text);
// Every term required; the last one also matches as a prefix ("tolk" finds Tolkien).
std::string boolean_query(const std::vector<std::string>& terms);

// What taking a book out of the catalogue did to its flash sales (Catalog::set_status).
struct WithdrawnSales {
    int paused = 0;  // back to a draft: running sales wait, with their copies, until the author resumes them
    int ended = 0;   // archived: open sales end and their copies go back to the book
};

class Catalog {
public:
    static constexpr int64_t kCountCap = 1000;
    static constexpr size_t kMaxTerms = 8;

    explicit Catalog(db::Connection& db) : db_(db) {}

    // ---- reading (public pages) ----
    CategoryTree categories();
    BookPage search(const BookQuery& q);
    // Published books by id in the order given (a page the search index ranked); others are left out.
    std::vector<Book> published_in_order(const std::vector<int64_t>& ids);
    std::optional<Book> find_published(const std::string& slug);
    Related related(const Book& book, int per_shelf);
    Shelves shelves(int per_shelf);
    std::optional<Author> find_author(const std::string& slug);

    // ---- authors' dashboard ----
    std::optional<Book> find(int64_t id);  // any status
    // An author's own books (or every book for nullopt: the admin's view), newest edits first.
    std::vector<Book> dashboard(std::optional<int64_t> author_id, int limit);
    // Books a flash sale may take copies from (published, in stock), newest first; one author's or all.
    std::vector<Book> sale_candidates(std::optional<int64_t> author_id, int limit);
    // Creates a draft; gives the author a public slug if they have none. Throws Invalid
    // (isbn13) for an ISBN already in the catalogue.
    int64_t create(int64_t author_id, const BookInput& input, Time now);
    // Throws Invalid (isbn13, stock) when the ISBN is taken or stock would go below zero. Answers the
    // path of a cover the input replaced when no order refers to it: the caller removes that file.
    std::optional<std::string> update(int64_t id, const BookInput& input, Time now);
    // Publishes or withdraws a book; withdrawing it pauses (draft) or ends (archived) its flash sales in
    // the same transaction, and says how many.
    WithdrawnSales set_status(int64_t id, BookStatus status, Time now);

    // ---- page views (see book_view_counts in schema/002_catalog.sql) ----
    // Adds counts gathered in memory to the pending table; touches no book row.
    void record_views(const std::map<int64_t, int64_t>& views, Time now);
    // Moves pending views into books.view_count in small batches, in book-id order, each its
    // own short transaction. Returns how many views were folded. Call it periodically.
    int64_t fold_views(Time now);

    // ---- categories ----
    int64_t add_category(std::optional<int64_t> parent_id, const std::string& slug, const std::string& name,
                         const std::string& description, int position);
    // Every change to the tree raises this number (schema/010_admin.sql); a worker's cached tree is
    // current while the number it was built at is still the database's.
    int64_t category_version();
    // Call first in the transaction of any change to the categories: raises the version and holds its
    // row locked until commit, so changes to the tree run one at a time (no two moves make a cycle).
    void category_tree_changing();

private:
    void set_tags(int64_t book_id, const std::vector<std::string>& tags);
    void price_the_ebook(int64_t book_id, const BookInput& in, Time now);
    void ensure_author_slug(int64_t author_id);
    db::Connection& db_;
};

}  // namespace bf::store
