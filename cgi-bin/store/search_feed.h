#pragma once
// What the search index reads from the database: the change log of each index (a "consumer",
// schema/019) and the books as the index holds them. The index itself lives in search/.
#include <functional>
#include <string>
#include <vector>

#include "core/time.h"
#include "db/connection.h"
#include "store/catalog.h"

namespace bf::store {

// A published book with what search indexes beside its own columns.
struct IndexedBook {
    Book book;                               // with its description and tags
    std::vector<int64_t> category_ids;       // the root first, the book's category last
    std::vector<std::string> category_names; // the same path's names
};

struct SearchChange {
    int64_t id = 0;
    int64_t book_id = 0;
    std::string kind;
};

class SearchFeed {
public:
    explicit SearchFeed(db::Connection& db) : db_(db) {}

    // The consumer of this name, registered now if it is new. From its commit on, every change to
    // a book writes a row for it.
    int64_t register_consumer(const std::string& name, Time now);
    std::optional<int64_t> find_consumer(const std::string& name);
    std::vector<std::pair<int64_t, std::string>> consumers();
    // Forgets a consumer and its rows (an index replaced by a rebuild, a host taken away).
    void drop_consumer(int64_t id);

    // The oldest `limit` changes waiting for a consumer, in log order.
    std::vector<SearchChange> pending(int64_t consumer_id, int limit);
    int64_t pending_count(int64_t consumer_id);
    // Removes changes the consumer's index has committed.
    void done(const std::vector<int64_t>& change_ids);

    // The published books among `ids` (any order); the others are not to be found by search.
    std::vector<IndexedBook> published(const std::vector<int64_t>& ids);

    // Every published book, in id order, `batch` at a time, all read from one snapshot of the
    // database (one transaction). `total` is called first with how many there are.
    void each_published(int batch, const std::function<void(int64_t total)>& total,
                        const std::function<void(const std::vector<IndexedBook>&)>& each);

private:
    std::vector<IndexedBook> read(const std::string& where, const std::vector<db::Param>& params);
    db::Connection& db_;
};

}  // namespace bf::store
