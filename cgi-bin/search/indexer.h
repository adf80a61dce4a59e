#pragma once
// Writes the search index: drains its change log (store::SearchFeed) into it, and rebuilds it
// from the database. One writer per index directory (Xapian's lock); readers are in searcher.h.
#include <xapian.h>

#include <functional>
#include <memory>
#include <string>

#include "core/clock.h"
#include "search/index_dir.h"
#include "store/search_feed.h"

namespace bf::search {

// Thrown when the index has lost its change log (its consumer was dropped): only a rebuild
// makes it right again.
struct IndexOrphaned : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Applies up to `batch` waiting changes of `consumer_id` to `index` and commits it, then deletes
// those change rows (in that order: a crash between the two repeats them, which is harmless).
// Returns how many changes were applied.
int apply_changes(Xapian::WritableDatabase& index, store::SearchFeed& feed, int64_t consumer_id, int batch);

class Indexer {
public:
    Indexer(store::SearchFeed& feed, IndexDir dir, const Clock& clock) : feed_(feed), dir_(std::move(dir)), clock_(clock) {}

    // One round of the change log into the current index. Returns the changes applied (0: none
    // waiting, or no index yet). Follows a switch of `current` by a rebuild. Throws IndexOrphaned.
    int drain_once(int batch = 500);
    bool has_index() const { return dir_.current().has_value(); }
    // The current index was built before the terms today's searches read (sort buckets, title
    // tiers): searches still work from it, slower, until a rebuild.
    bool index_is_outdated() const;

    // Builds a new index from one snapshot of the database, applies the changes made meanwhile,
    // and makes it current; searches use the old index until then. `progress(done, total)` is
    // called as books are written. Returns the new directory.
    std::string rebuild(const std::function<void(int64_t done, int64_t total)>& progress);

private:
    void close_writer();
    store::SearchFeed& feed_;
    IndexDir dir_;
    const Clock& clock_;
    std::unique_ptr<Xapian::WritableDatabase> writer_;
    std::string writer_dir_;
    int64_t consumer_id_ = 0;
};

}  // namespace bf::search
