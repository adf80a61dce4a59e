#pragma once
// Generated sales for one author (`bookfair seed --sales N --author EMAIL`): paid orders spread over
// the past two years, written with multi-row inserts into orders, order_items and sales_ledger and
// added to the revenue rollups in the same transaction per batch, so check-revenue agrees at every
// commit. Books with a digital edition (every third book the seed creates) sell ebook licences too
// (no licence rows: the generated buyers never download). For the dashboard's demo and its benchmark.
#include <cstdint>
#include <functional>
#include <string>

#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

struct SalesSeedSummary {
    int64_t orders = 0;
    int64_t items = 0;
    int64_t books_created = 0;
};

// About `items` paid order items (orders of one to three of the author's published books, one to
// three copies each) dated over the `days` days before `now`, more of them recently. Books are made
// for an author who has none. Throws std::runtime_error when there is no such author.
SalesSeedSummary seed_sales(db::Connection& db, const std::string& author_email, int64_t items, int days, Time now,
                            const std::function<void(int64_t)>& progress = nullptr);

}  // namespace bf::store
