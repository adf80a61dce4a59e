#pragma once
// Data to look at and data to measure: the demo catalogue (`bookfair seed --demo`) and any
// number of generated books loaded with multi-row inserts (`bookfair seed --books N`).
#include <functional>
#include <optional>
#include <string>

#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

// What a generated cover shows; the admin tool draws it and answers its path under uploads_dir.
struct SeedCover {
    std::string slug;
    std::string title;
    std::string author;
    int palette = 0;
};
using CoverWriter = std::function<std::optional<std::string>(const SeedCover&)>;

struct SeedSummary {
    int64_t categories = 0;
    int64_t authors = 0;
    int64_t books = 0;
};

// The category tree, a dozen authors (plus author@bookfair.test when that account exists) and
// about 200 published books with covers, tags and prices, a few on sale and a few low on stock, a year
// of paid orders for them (seed_sales: sell_count, the ledger and the rollups agree), and reviews by 40
// generated readers (real rows: each book's rating is exactly what they add up to).
SeedSummary seed_demo(db::Connection& db, Time now, const CoverWriter& covers);

// N published books by generated authors, for benchmarks (their sell_count is made up, with no orders
// behind it, so the best-selling sort has something to sort at scale); creates the category tree when there
// is none. Large loads drop and rebuild the full-text index, which is much faster than
// maintaining it row by row. `progress` hears the running total.
SeedSummary seed_books(db::Connection& db, int64_t n, Time now,
                       const std::function<void(int64_t)>& progress = nullptr);

}  // namespace bf::store
