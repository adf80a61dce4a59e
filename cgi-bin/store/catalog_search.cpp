// Public listings: full-text search, filters, six sort orders, keyset pages both ways, counts.
//
// Keyset: every sort is (key, id), both descending or both ascending, and a cursor carries a
// row's key and id, so the next page starts right after it however many books were added
// meanwhile, and a deep page costs what the first one does (no OFFSET). A previous page walks
// the same order backwards from its first row. The condition is written
// `key < ? OR (key = ? AND id < ?)`, which the range optimizer turns into two index ranges.
//
// Relevance is a whole-number score computed from the row alone (a term in the title counts 4,
// in the tags 2, in the subtitle 1), not InnoDB's MATCH score: that one depends on every other
// row (TF-IDF), so it changes when books are added and a (score, id) cursor would skip or
// repeat rows. Ours is stable, so relevance pages are keyset-paged like the others.
//
// Counts: a search counts its matches exactly, in the statement that ranks them; a listing
// without text counts up to kCountCap ("1,000+" beyond), since it never reads more than a page.
#include <algorithm>
#include <cctype>

#include "core/crypto.h"
#include "core/text.h"
#include "store/catalog.h"
#include "store/catalog_rows.h"
#include "store/reviews.h"

namespace bf::store {
namespace {

constexpr size_t kMaxTermBytes = 84;  // InnoDB's longest full-text token

const char* kMatch = "MATCH(b.title, b.subtitle, b.description, b.tags_text) AGAINST (? IN BOOLEAN MODE)";

// A listing without text that one condition narrows to at most this many books reads them all
// through that condition's index and sorts them (see listing_index).
constexpr int64_t kFewBooks = 2000;

struct SortSpec {
    const char* column;  // the sort key on books b (relevance is built from the terms)
    const char* index;   // the index that walks it in order (schema/012)
    bool descending;
};

SortSpec spec_of(BookSort s) {
    switch (s) {
        case BookSort::Relevance: return {"", "ix_books_newest", true};
        case BookSort::BestSelling: return {"b.sell_count", "ix_books_bestselling", true};
        case BookSort::Newest: return {"b.published_at", "ix_books_newest", true};
        case BookSort::PriceLow: return {"b.effective_price_cents", "ix_books_price", false};
        case BookSort::PriceHigh: return {"b.effective_price_cents", "ix_books_price", true};
        case BookSort::Rating: return {"b.rating_avg", "ix_books_rating", true};
    }
    return {"b.published_at", "ix_books_newest", true};
}

// The relevance score and its parameters (three per term).
std::string relevance_sql(const std::vector<std::string>& terms, std::vector<db::Param>& params) {
    std::string sql = "(";
    for (size_t i = 0; i < terms.size(); ++i) {
        sql += std::string(i ? " + " : "") +
               "(LOCATE(?, b.title) > 0) * 4 + (LOCATE(?, b.tags_text) > 0) * 2 + (LOCATE(?, b.subtitle) > 0)";
        for (int k = 0; k < 3; ++k) params.push_back(db::Param::text(terms[i]));
    }
    return sql + ")";
}

struct Cursor {
    BookSort sort;
    int64_t key = 0;
    int64_t id = 0;
};

std::string encode_cursor(const Cursor& c) {
    return crypto::base64url_encode(std::string(sort_name(c.sort)) + "." + std::to_string(c.key) + "." +
                                    std::to_string(c.id));
}

std::optional<Cursor> decode_cursor(const std::string& text) {
    std::string raw;
    if (text.size() > 200 || !crypto::base64url_decode(text, raw)) return std::nullopt;
    const auto a = raw.find('.');
    const auto b = raw.find('.', a == std::string::npos ? 0 : a + 1);
    if (a == std::string::npos || b == std::string::npos) return std::nullopt;
    const auto sort = parse_sort(raw.substr(0, a));
    if (!sort) return std::nullopt;
    try {
        size_t used = 0;
        const std::string key = raw.substr(a + 1, b - a - 1), id = raw.substr(b + 1);
        Cursor c{*sort, std::stoll(key, &used), 0};
        if (used != key.size()) return std::nullopt;
        c.id = std::stoll(id, &used);
        if (used != id.size()) return std::nullopt;
        return c;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

db::Param key_param(BookSort sort, int64_t key) {
    if (sort == BookSort::Newest) return db::Param::datetime(Time{key});
    if (sort == BookSort::Rating) return db::Param::text(format_rating(key));
    return db::Param::integer(key);
}

}  // namespace

const char* sort_name(BookSort s) {
    switch (s) {
        case BookSort::Relevance: return "relevance";
        case BookSort::BestSelling: return "bestselling";
        case BookSort::Newest: return "newest";
        case BookSort::PriceLow: return "price_asc";
        case BookSort::PriceHigh: return "price_desc";
        case BookSort::Rating: return "rating";
    }
    return "newest";
}

std::optional<BookSort> parse_sort(const std::string& s) {
    for (BookSort b : {BookSort::Relevance, BookSort::BestSelling, BookSort::Newest, BookSort::PriceLow,
                       BookSort::PriceHigh, BookSort::Rating})
        if (s == sort_name(b)) return b;
    return std::nullopt;
}

std::vector<std::string> search_terms(const std::string& text) {
    // Only letters and digits survive (any byte >= 0x80 is part of a non-ASCII letter), so no
    // boolean operator, quote or parenthesis from the visitor ever reaches AGAINST.
    std::vector<std::string> terms;
    std::string word;
    auto flush = [&] {
        if (word.size() >= 2 && word.size() <= kMaxTermBytes && terms.size() < Catalog::kMaxTerms) {
            bool seen = false;
            for (const auto& t : terms) seen = seen || t == word;
            if (!seen) terms.push_back(word);
        }
        word.clear();
    };
    for (unsigned char c : text) {
        if (std::isalnum(c) || c >= 0x80) word += static_cast<char>(std::tolower(c));
        else flush();
    }
    flush();
    return terms;
}

std::string boolean_query(const std::vector<std::string>& terms) {
    std::string q;
    for (size_t i = 0; i < terms.size(); ++i) {
        q += (i ? " +" : "+") + terms[i];
        if (i + 1 == terms.size() && terms[i].size() >= 3) q += "*";
    }
    return q;
}

namespace {

// ---- filters ----------------------------------------------------------------------------

// A condition on books b and its parameters.
struct Condition {
    std::string sql = "b.status = 'published'";
    std::vector<db::Param> params;

    void add(const std::string& condition, const std::vector<db::Param>& values = {}) {
        sql += " AND " + condition;
        params.insert(params.end(), values.begin(), values.end());
    }
};

// The WHERE clause every plan shares, and the two conditions that may narrow a listing to a few
// books on their own.
struct Filters {
    Condition all, category, price;
};

// The index a listing without text walks: its sort index, with the filters tested inside the
// entries, unless the category or the price band leaves at most kFewBooks books; then reading
// those through their own index and sorting them costs less than a walk that may pass many
// books the other filters refuse. A bounded count decides.
std::string listing_index(db::Connection& db, const BookQuery& q, const Filters& f, const SortSpec& spec) {
    if (q.author_id) return "ix_books_author";  // an author's books are few
    auto few = [&](const char* index, const Condition& c) {
        const auto n = db.query_params("SELECT COUNT(*) FROM (SELECT 1 FROM books b FORCE INDEX (" + std::string(index) +
                                           ") WHERE " + c.sql + " LIMIT " + std::to_string(kFewBooks + 1) + ") t",
                                       c.params);
        return !n.empty() && n.front().i64(0) <= kFewBooks;
    };
    if (q.category_id && few("ix_books_category", f.category)) return "ix_books_category";
    const bool sorted_by_price = std::string(spec.index) == "ix_books_price";
    if ((q.min_price || q.max_price) && !sorted_by_price && few("ix_books_price", f.price)) return "ix_books_price";
    return spec.index;
}

// The filters of a query; nullopt when its category is unknown (it holds no books).
std::optional<Filters> filters_for(db::Connection& db, const BookQuery& q) {
    Filters f;
    if (q.category_id) {
        // The category and every category below it, as a list the index entries can be tested against.
        std::vector<db::Param> ids;
        for (const auto& r : db.query("SELECT descendant_id FROM category_closure WHERE ancestor_id = ?", *q.category_id))
            ids.push_back(db::Param::integer(r.i64(0)));
        if (ids.empty()) return std::nullopt;
        const std::string in = db::placeholders(ids.size());
        f.all.add("b.category_id IN (" + in + ")", ids);
        f.category.add("b.category_id IN (" + in + ")", ids);
    }
    if (q.author_id) f.all.add("b.author_id = ?", {db::Param::integer(*q.author_id)});
    for (Condition* c : {&f.all, &f.price}) {
        if (q.min_price) c->add("b.effective_price_cents >= ?", {db::Param::integer(*q.min_price)});
        if (q.max_price) c->add("b.effective_price_cents <= ?", {db::Param::integer(*q.max_price)});
    }
    if (q.in_stock_only) f.all.add("b.in_stock = 1");
    if (!q.language.empty()) f.all.add("b.language = ?", {db::Param::text(q.language)});
    return f;
}

// One page's walk: the order, where it starts (after a cursor, the usual, or before one for a
// previous page) and how many rows it reads (a page and one more, to know what lies beyond).
struct Walk {
    BookSort sort = BookSort::Newest;
    SortSpec spec{};
    std::optional<Cursor> cursor;
    bool backward = false;
    int64_t rows = 0;

    // Rows come in the order walked: the listing's, or its reverse for a previous page.
    bool descending() const { return spec.descending != backward; }
    std::string order(const std::string& key, const std::string& id) const {
        const char* dir = descending() ? " DESC" : " ASC";
        return " ORDER BY " + key + dir + ", " + id + dir;
    }
    // `key < ? OR (key = ? AND id < ?)`: the range optimizer turns it into two ranges of a (key, id) index.
    std::string past_cursor(const std::string& key, const std::string& id, std::vector<db::Param>& params) const {
        const char* op = descending() ? " < " : " > ";
        for (const auto& p : {key_param(sort, cursor->key), key_param(sort, cursor->key), db::Param::integer(cursor->id)})
            params.push_back(p);
        return "(" + key + op + "? OR (" + key + " = ? AND " + id + op + "?))";
    }
};

// A search's page: the matches with their sort key and their count, then the page of them, then its
// authors. Each row: the book's columns, the sort key, the count of every match.
db::Rows search_rows(db::Connection& db, const std::vector<std::string>& terms, const Walk& w, const Filters& f) {
    std::vector<db::Param> params;
    const std::string key = w.sort == BookSort::Relevance ? relevance_sql(terms, params) : w.spec.column;
    params.push_back(db::Param::text(boolean_query(terms)));
    params.insert(params.end(), f.all.params.begin(), f.all.params.end());
    std::string sql = "SELECT " + rows::book_columns(false) + ", p.k, p.total FROM (SELECT id, k, total FROM"
                      " (SELECT b.id, " + key + " AS k, COUNT(*) OVER () AS total FROM books b WHERE " + kMatch +
                      " AND " + f.all.sql + ") m";
    if (w.cursor) sql += " WHERE " + w.past_cursor("m.k", "m.id", params);
    sql += w.order("m.k", "m.id") + " LIMIT ?) p JOIN books b ON b.id = p.id STRAIGHT_JOIN users u ON u.id = b.author_id" +
           w.order("p.k", "p.id");
    params.push_back(db::Param::integer(w.rows));
    return db.query_params(sql, params);
}

// A listing's page, walked along `index`: the walk reads only index entries (MariaDB does not push
// conditions into a backward index scan, so selecting the rows' columns there would read every row
// the filters refuse), then the page's rows and authors are joined. Each row: the book's columns,
// then the sort key.
db::Rows listing_rows(db::Connection& db, const std::string& index, const Walk& w, const Filters& f) {
    std::vector<db::Param> params = f.all.params;
    std::string walk = "SELECT b.id, " + std::string(w.spec.column) + " AS k FROM books b FORCE INDEX (" + index +
                       ") WHERE " + f.all.sql;
    if (w.cursor) walk += " AND " + w.past_cursor(w.spec.column, "b.id", params);
    walk += w.order(w.spec.column, "b.id") + " LIMIT ?";
    params.push_back(db::Param::integer(w.rows));
    return db.query_params("SELECT " + rows::book_columns(false) + ", p.k FROM (" + walk +
                               ") p JOIN books b ON b.id = p.id STRAIGHT_JOIN users u ON u.id = b.author_id" +
                               w.order("p.k", "p.id"),
                           params);
}

// The row a cursor names: the sort key follows the book's columns.
Cursor cursor_of(BookSort sort, const db::Row& r) {
    const size_t key = rows::kBookColumnCount;
    Cursor c{sort, 0, r.i64(0)};
    if (sort == BookSort::Newest) c.key = r.time(key).us;
    else if (sort == BookSort::Rating) c.key = parse_rating(r.str(key));
    else c.key = r.i64(key);
    return c;
}

}  // namespace

// Plans:
//  - A search (text): MATCH ... AGAINST on ft_books_text finds the matches; they are ranked and
//    counted in one statement (COUNT(*) OVER ()), and only the page's rows are joined to authors.
//  - A listing without text walks one index in its order and stops after a page: the sort index,
//    with the filters tested inside its entries (schema/012), or, when a condition leaves few
//    books (an author, a small category, a narrow price band), that condition's index, whose
//    books are then sorted. Both give the same order, so a page never skips or repeats a book
//    when the plan changes between two clicks.
BookPage Catalog::search(const BookQuery& q) {
    BookPage page;
    const auto terms = search_terms(q.text);
    const auto f = filters_for(db_, q);
    if (!f) return page;

    Walk w;
    w.sort = q.sort == BookSort::Relevance && terms.empty() ? BookSort::Newest : q.sort;
    w.spec = spec_of(w.sort);
    w.rows = q.limit + 1;
    if (const std::string& text = q.after.empty() ? q.before : q.after; !text.empty()) {
        w.cursor = decode_cursor(text);
        if (!w.cursor || w.cursor->sort != w.sort) {
            w.cursor.reset();
            page.bad_cursor = true;  // tampered with, or from another sort: the first page
        }
        w.backward = w.cursor && q.after.empty();
    }

    const std::string index = terms.empty() ? listing_index(db_, q, *f, w.spec) : "";
    db::Rows found = terms.empty() ? listing_rows(db_, index, w, *f) : search_rows(db_, terms, w, *f);
    const size_t limit = static_cast<size_t>(q.limit);
    if (w.backward && found.size() <= limit) {
        // Nothing before these rows: the previous page is the first page.
        BookQuery first = q;
        first.before.clear();
        return search(first);
    }
    const bool more = found.size() > limit;
    if (more) found.pop_back();
    if (w.backward) std::reverse(found.begin(), found.end());
    for (const auto& r : found) page.books.push_back(rows::read_book(r));
    if (!found.empty()) {
        // Forward: a row beyond the page means a next page; a cursor means we came from a page
        // before. Backward: we came from the next page; a row beyond means a page before this one.
        if (w.backward || more) page.next_cursor = encode_cursor(cursor_of(w.sort, found.back()));
        if (w.backward ? more : w.cursor.has_value()) page.prev_cursor = encode_cursor(cursor_of(w.sort, found.front()));
    }

    if (!terms.empty() && !found.empty()) {
        page.total = found.front().i64(rows::kBookColumnCount + 1);  // every match, counted with the page
        return page;
    }
    // The count of a listing (or of a search whose page came out empty), exact up to kCountCap,
    // through the index that holds the fewest entries besides the matches.
    std::vector<db::Param> params;
    std::string from = "books b";
    if (terms.empty()) {
        from += " FORCE INDEX (" + std::string(q.author_id ? "ix_books_author" : q.category_id ? "ix_books_category" : index) + ")";
    } else {
        from += std::string(" WHERE ") + kMatch;
        params.push_back(db::Param::text(boolean_query(terms)));
    }
    params.insert(params.end(), f->all.params.begin(), f->all.params.end());
    const auto counted = db_.query_params("SELECT COUNT(*) FROM (SELECT 1 FROM " + from + (terms.empty() ? " WHERE " : " AND ") +
                                              f->all.sql + " LIMIT " + std::to_string(kCountCap + 1) + ") t",
                                          params);
    page.total = counted.empty() ? 0 : counted.front().i64(0);
    page.total_capped = page.total > kCountCap;
    if (page.total_capped) page.total = kCountCap;
    return page;
}

std::vector<Book> Catalog::published_in_order(const std::vector<int64_t>& ids) {
    if (ids.empty()) return {};
    std::vector<db::Param> params;
    for (const int64_t id : ids) params.push_back(db::Param::integer(id));
    std::map<int64_t, Book> by_id;
    for (const auto& r : db_.query_params("SELECT " + rows::book_columns(false) + " FROM " + rows::kBooksWithAuthors +
                                              " WHERE b.id IN (" + db::placeholders(params.size()) + ") AND b.status = 'published'",
                                          params))
        by_id.emplace(r.i64(0), rows::read_book(r));
    std::vector<Book> out;
    for (const int64_t id : ids)
        if (auto it = by_id.find(id); it != by_id.end()) out.push_back(std::move(it->second));
    return out;
}

}  // namespace bf::store
