// Public listings: full-text search, filters, six sort orders and keyset pagination.
//
// Keyset: every sort is (key, id), both descending or both ascending, and the cursor carries
// the last row's key and id, so the next page starts right after it however many books were
// added meanwhile, and a deep page costs what the first one does (no OFFSET). Each indexed sort
// has an index (status, key, id); the condition is written `key < ? OR (key = ? AND id < ?)`,
// which the range optimizer turns into two ranges of that index.
//
// Relevance is a whole-number score computed from the row alone (a term in the title counts 4,
// in the tags 2, in the subtitle 1), not InnoDB's MATCH score: that one depends on every other
// row (TF-IDF), so it changes when books are added and a (score, id) cursor would skip or
// repeat rows. Ours is stable, so relevance pages are keyset-paged like the others.
//
// Count: exact up to kCountCap, then "1,000+": counting every match of a broad query on a
// million books would cost more than the page itself.
#include <cctype>

#include "core/crypto.h"
#include "core/text.h"
#include "store/catalog.h"
#include "store/catalog_rows.h"

namespace bf::store {
namespace {

constexpr size_t kMaxTermBytes = 84;  // InnoDB's longest full-text token

const char* kMatch = "MATCH(b.title, b.subtitle, b.description, b.tags_text) AGAINST (? IN BOOLEAN MODE)";

struct SortSpec {
    const char* key;  // SQL for the sort key (relevance is built from the terms)
    bool descending;
};

SortSpec spec_of(BookSort s) {
    switch (s) {
        case BookSort::Relevance: return {"", true};
        case BookSort::BestSelling: return {"b.sell_count", true};
        case BookSort::Newest: return {"b.published_at", true};
        case BookSort::PriceLow: return {"b.effective_price_cents", false};
        case BookSort::PriceHigh: return {"b.effective_price_cents", true};
        case BookSort::Rating: return {"b.rating_avg", true};
    }
    return {"b.published_at", true};
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

std::string rating_text(int64_t hundredths) {
    const std::string frac = std::to_string(hundredths % 100);
    return std::to_string(hundredths / 100) + "." + (frac.size() < 2 ? "0" : "") + frac;
}

int64_t rating_hundredths(const std::string& decimal) {
    const auto dot = decimal.find('.');
    const int64_t whole = std::stoll(decimal.substr(0, dot));
    if (dot == std::string::npos) return whole * 100;
    std::string frac = decimal.substr(dot + 1) + "00";
    return whole * 100 + std::stoll(frac.substr(0, 2));
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
    if (sort == BookSort::Rating) return db::Param::text(rating_text(key));
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

BookPage Catalog::search(const BookQuery& q) {
    BookPage page;
    const auto terms = search_terms(q.text);
    BookSort sort = q.sort;
    if (sort == BookSort::Relevance && terms.empty()) sort = BookSort::Newest;
    const SortSpec spec = spec_of(sort);

    // The filters, shared by the page and the count.
    std::string where = "b.status = 'published'";
    std::vector<db::Param> filter_params;
    if (!terms.empty()) {
        where += std::string(" AND ") + kMatch;
        filter_params.push_back(db::Param::text(boolean_query(terms)));
    }
    if (q.category_id) {
        where += " AND b.category_id IN (SELECT descendant_id FROM category_closure WHERE ancestor_id = ?)";
        filter_params.push_back(db::Param::integer(*q.category_id));
    }
    if (q.author_id) {
        where += " AND b.author_id = ?";
        filter_params.push_back(db::Param::integer(*q.author_id));
    }
    if (q.min_price) {
        where += " AND b.effective_price_cents >= ?";
        filter_params.push_back(db::Param::integer(*q.min_price));
    }
    if (q.max_price) {
        where += " AND b.effective_price_cents <= ?";
        filter_params.push_back(db::Param::integer(*q.max_price));
    }
    if (q.in_stock_only) where += " AND b.stock > 0";
    if (!q.language.empty()) {
        where += " AND b.language = ?";
        filter_params.push_back(db::Param::text(q.language));
    }

    std::vector<db::Param> key_params;
    const std::string key = sort == BookSort::Relevance ? relevance_sql(terms, key_params) : spec.key;
    const char* dir = spec.descending ? " DESC" : " ASC";
    const char* past = spec.descending ? " < " : " > ";

    std::vector<db::Param> params = key_params;
    params.insert(params.end(), filter_params.begin(), filter_params.end());
    std::string sql = "SELECT " + rows::book_columns(false) + ", " + key +
                      " FROM " + rows::kBooksWithAuthors + " WHERE " + where;
    if (!q.after.empty()) {
        const auto cursor = decode_cursor(q.after);
        if (cursor && cursor->sort == sort) {
            if (sort == BookSort::Relevance) {
                sql += " AND (" + key + ", b.id)" + past + "(?, ?)";
                params.insert(params.end(), key_params.begin(), key_params.end());
            } else {
                sql += " AND (" + key + past + "? OR (" + key + " = ? AND b.id" + past + "?))";
                params.push_back(key_param(sort, cursor->key));
            }
            params.push_back(key_param(sort, cursor->key));
            params.push_back(db::Param::integer(cursor->id));
        } else {
            page.bad_cursor = true;
        }
    }
    // ORDER BY repeats the relevance expression, so its parameters come again here.
    sql += " ORDER BY " + key + dir + ", b.id" + dir + " LIMIT ?";
    if (sort == BookSort::Relevance) params.insert(params.end(), key_params.begin(), key_params.end());
    params.push_back(db::Param::integer(q.limit + 1));

    const auto found = db_.query_params(sql, params);
    const size_t key_column = rows::kBookColumnCount;  // the sort key follows the book's columns
    for (size_t i = 0; i < found.size() && i < static_cast<size_t>(q.limit); ++i)
        page.books.push_back(rows::read_book(found[i]));
    if (found.size() > static_cast<size_t>(q.limit)) {
        const db::Row& last = found[static_cast<size_t>(q.limit) - 1];
        int64_t last_key = 0;
        if (sort == BookSort::Newest) last_key = last.time(key_column).us;
        else if (sort == BookSort::Rating) last_key = rating_hundredths(last.str(key_column));
        else last_key = last.i64(key_column);
        page.next_cursor = encode_cursor(Cursor{sort, last_key, last.i64(0)});
    }

    const auto counted = db_.query_params(
        // Without the hint a count that stops at 1,001 rows may "just scan the table".
        "SELECT COUNT(*) FROM (SELECT 1 FROM books b FORCE INDEX (ix_books_newest, ix_books_price, ix_books_category,"
        " ix_books_author, ft_books_text) WHERE " + where + " LIMIT " + std::to_string(kCountCap + 1) + ") t",
        filter_params);
    page.total = counted.empty() ? 0 : counted.front().i64(0);
    page.total_capped = page.total > kCountCap;
    if (page.total_capped) page.total = kCountCap;
    return page;
}

}  // namespace bf::store
