#include "store/digests.h"

namespace bf::store {

std::vector<AuthorFigures> Digests::author_sales(Time from, Time to) {
    std::vector<AuthorFigures> authors;
    for (const auto& r : db_.query(
             // The ledger holds every paid line net of discounts, and refunds as negative rows on their day.
             "SELECT l.author_id, u.email, u.display_name, b.id, b.title, SUM(l.quantity), SUM(l.revenue_cents), l.currency,"
             " SUM(IF(l.edition = 'digital', l.quantity, 0)), SUM(IF(l.edition = 'digital', l.revenue_cents, 0))"
             " FROM sales_ledger l JOIN books b ON b.id = l.book_id JOIN users u ON u.id = l.author_id"
             " WHERE l.sold_at >= ? AND l.sold_at < ? AND u.author_digests = 1 AND u.active = 1"
             " GROUP BY l.author_id, u.email, u.display_name, b.id, b.title, l.currency HAVING SUM(l.quantity) > 0"
             " ORDER BY l.author_id, b.title, b.id, l.currency",
             from, to)) {
        if (authors.empty() || authors.back().author_id != r.i64(0))
            authors.push_back(AuthorFigures{r.i64(0), r.str(1), r.str(2), {}});
        authors.back().books.push_back(BookFigures{r.i64(3), r.str(4), r.i64(5), r.i64(6), r.str(7), r.i64(8), r.i64(9)});
    }
    return authors;
}

std::vector<NewBook> Digests::published_between(Time from, Time to, int limit) {
    std::vector<NewBook> books;
    for (const auto& r : db_.query(
             "SELECT b.id, b.title, b.slug, u.display_name, b.price_cents, b.currency FROM books b JOIN users u ON u.id = b.author_id"
             " WHERE b.status = 'published' AND b.published_at >= ? AND b.published_at < ?"
             " ORDER BY b.published_at DESC, b.id DESC LIMIT ?",
             from, to, limit))
        books.push_back(NewBook{r.i64(0), r.str(1), r.str(2), r.str(3), r.i64(4), r.str(5)});
    return books;
}

}  // namespace bf::store
