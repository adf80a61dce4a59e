// Page views: gathered in memory by the workers, added to book_view_counts in one statement per
// flush, and folded into books.view_count by a periodic job, never on the request path.
#include "store/catalog.h"

namespace bf::store {
namespace {

constexpr size_t kRowsPerInsert = 500;
constexpr int kFoldBatch = 200;

}  // namespace

void Catalog::record_views(const std::map<int64_t, int64_t>& views, Time now) {
    // Rows go in in book-id order (the map's), so two workers flushing at once cannot deadlock.
    auto it = views.begin();
    while (it != views.end()) {
        std::string sql = "INSERT INTO book_view_counts (book_id, pending, updated_at) VALUES ";
        std::vector<db::Param> params;
        for (size_t n = 0; n < kRowsPerInsert && it != views.end(); ++n, ++it) {
            sql += n ? ", (?, ?, ?)" : "(?, ?, ?)";
            params.push_back(db::Param::integer(it->first));
            params.push_back(db::Param::integer(it->second));
            params.push_back(db::Param::datetime(now));
        }
        sql += " ON DUPLICATE KEY UPDATE pending = pending + VALUES(pending), updated_at = VALUES(updated_at)";
        db_.exec_params(sql, params);
    }
}

int64_t Catalog::fold_views(Time now) {
    int64_t folded = 0;
    int64_t after = 0;
    for (;;) {
        // One short transaction per batch: the pending rows are locked first, then the books,
        // both in id order (the order buying locks books in), and only for a moment.
        int64_t last = after;  // set inside, kept only once the batch commits (it may be retried)
        const int64_t batch = db_.transaction([&] {
            last = after;
            const auto pending = db_.query(
                "SELECT book_id, pending FROM book_view_counts WHERE book_id > ? AND pending > 0"
                " ORDER BY book_id LIMIT ? FOR UPDATE",
                after, kFoldBatch);
            int64_t sum = 0;
            for (const auto& r : pending) {
                const int64_t book_id = r.i64(0), views = r.i64(1);
                db_.exec("UPDATE books SET view_count = view_count + ? WHERE id = ?", views, book_id);
                db_.exec("UPDATE book_view_counts SET pending = pending - ?, updated_at = ? WHERE book_id = ?", views,
                         now, book_id);
                sum += views;
                last = book_id;
            }
            return pending.empty() ? int64_t{-1} : sum;
        });
        if (batch < 0) break;
        folded += batch;
        after = last;
    }
    // Rows with nothing pending are gone once the next flush would recreate them anyway.
    db_.exec("DELETE FROM book_view_counts WHERE pending = 0 AND updated_at < ?", now.plus_seconds(-60));
    return folded;
}

}  // namespace bf::store
