#pragma once
// The admin console's reports: sales by category over a date range (a category includes everything
// under it), best sellers, and books running low. Sales are read from the items of orders paid in the
// range that still count as sales (not cancelled or fully refunded), one grouped query each.
#include <string>
#include <vector>

#include "core/money.h"
#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

// What one category (with its subcategories) sold, in one currency.
struct CategorySales {
    int64_t category_id = 0;
    std::string currency;
    int64_t orders = 0;
    int64_t units = 0;
    Cents revenue = 0;  // item totals, before coupons, shipping and tax
};

struct BestSeller {
    int64_t book_id = 0;
    std::string title;
    std::string slug;
    std::string author;
    std::string status;
    std::string currency;
    int64_t units = 0;       // in the range (in_range) or ever (all_time: books.sell_count)
    Cents revenue = 0;       // in the range only
};

struct LowStockBook {
    int64_t book_id = 0;
    std::string title;
    std::string slug;
    std::string author;
    int64_t stock = 0;
    int64_t threshold = 0;
    bool backorder = false;
};

class AdminReports {
public:
    explicit AdminReports(db::Connection& db) : db_(db) {}

    // Orders paid in [from, to). Every category that sold, each counting its own books and its
    // descendants' (through category_closure); the top-level rows add up to the whole shop.
    std::vector<CategorySales> sales_by_category(Time from, Time to);
    // Most units in [from, to), then by book id.
    std::vector<BestSeller> best_sellers_in_range(Time from, Time to, int limit);
    // Published books by sell_count (every sale ever, less cancellations and full refunds).
    std::vector<BestSeller> best_sellers_all_time(int limit);
    // Published books at or below their low-stock warning level, furthest below first.
    std::vector<LowStockBook> low_stock(int limit);

private:
    db::Connection& db_;
};

}  // namespace bf::store
