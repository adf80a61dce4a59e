#include "store/admin_reports.h"

#include "store/orders.h"

namespace bf::store {
namespace {

// Paid orders that still count as sales.
const std::string kCountingStatuses = std::string("o.status IN ") + order_status::kPaidSql;

// Rows of: book id, title, slug, author, status, currency, units, revenue.
std::vector<BestSeller> read_sales(const db::Rows& rows) {
    std::vector<BestSeller> out;
    for (const auto& r : rows)
        out.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5), r.i64(6), r.i64(7)});
    return out;
}

}  // namespace

std::vector<CategorySales> AdminReports::sales_by_category(Time from, Time to) {
    // ix_orders_paid finds the orders, uq_order_items_book their items, the primary key each book, and
    // the closure table's descendant index every category above it (itself included). The join order is
    // fixed: on a day when every order is in the range the optimizer would rather read all items first.
    const auto rows = db_.query(
        std::string("SELECT cc.ancestor_id, o.currency, COUNT(DISTINCT o.id), SUM(i.quantity), SUM(i.line_total_cents)"
                    " FROM orders o FORCE INDEX (ix_orders_paid)"
                    " STRAIGHT_JOIN order_items i FORCE INDEX (uq_order_items_book) ON i.order_id = o.id"
                    " JOIN books b ON b.id = i.book_id"
                    " JOIN category_closure cc ON cc.descendant_id = b.category_id"
                    " WHERE o.paid_at >= ? AND o.paid_at < ? AND ") +
            kCountingStatuses + " GROUP BY cc.ancestor_id, o.currency",
        from, to);
    std::vector<CategorySales> out;
    for (const auto& r : rows) out.push_back({r.i64(0), r.str(1), r.i64(2), r.i64(3), r.i64(4)});
    return out;
}

std::vector<BestSeller> AdminReports::best_sellers_in_range(Time from, Time to, int limit) {
    return read_sales(db_.query(
        std::string("SELECT t.book_id, b.title, b.slug, u.display_name, b.status, t.currency, t.units, t.revenue FROM"
                    " (SELECT i.book_id, o.currency, SUM(i.quantity) AS units, SUM(i.line_total_cents) AS revenue"
                    "  FROM orders o FORCE INDEX (ix_orders_paid) STRAIGHT_JOIN order_items i FORCE INDEX (uq_order_items_book) ON i.order_id = o.id"
                    "  WHERE o.paid_at >= ? AND o.paid_at < ? AND ") +
            kCountingStatuses +
            "  GROUP BY i.book_id, o.currency ORDER BY units DESC, i.book_id LIMIT ?) t"
            " JOIN books b ON b.id = t.book_id JOIN users u ON u.id = b.author_id"
            " ORDER BY t.units DESC, t.book_id",
        from, to, limit));
}

std::vector<BestSeller> AdminReports::best_sellers_all_time(int limit) {
    return read_sales(db_.query(
        "SELECT b.id, b.title, b.slug, u.display_name, b.status, b.currency, b.sell_count, 0"
        " FROM books b FORCE INDEX (ix_books_bestselling) JOIN users u ON u.id = b.author_id"
        " WHERE b.status = 'published' ORDER BY b.sell_count DESC, b.id DESC LIMIT ?",
        limit));
}

std::vector<LowStockBook> AdminReports::low_stock(int limit) {
    const auto rows = db_.query(
        "SELECT b.id, b.title, b.slug, u.display_name, b.stock, b.low_stock_threshold, b.allow_backorder"
        " FROM books b FORCE INDEX (ix_books_stock_headroom) JOIN users u ON u.id = b.author_id"
        " WHERE b.status = 'published' AND b.stock_headroom <= 0 ORDER BY b.stock_headroom, b.id LIMIT ?",
        limit);
    std::vector<LowStockBook> out;
    for (const auto& r : rows)
        out.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.i64(4), r.i64(5), r.boolean(6)});
    return out;
}

}  // namespace bf::store
