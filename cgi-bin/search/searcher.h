#pragma once
// Answers text searches from the search index. Each worker thread opens the current index
// read-only on first use and, before every search, reopens it when a commit or a rebuild's switch
// has changed it. Throws Unavailable when there is no usable index (callers fall back to the
// database and say so in the log).
#include <stdexcept>
#include <string>
#include <vector>

#include "search/facets.h"
#include "search/words.h"
#include "store/catalog.h"

namespace bf::search {

struct Unavailable : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The directory holding `current` (config key search_index_dir); set once at start.
void set_index_root(const std::string& root);
const std::string& index_root();

constexpr int64_t kMaxOffset = 1000; // how deep pages go (refine the search beyond)

struct Result {
    std::vector<int64_t> ids;  // the page's books, best first
    bool more = false;         // a page follows
    int64_t total = 0;         // matches; an estimate when !exact
    bool exact = true;
    std::string suggestion;   // a spelling correction of the query, when it found little
    bool corrected = false;   // nothing matched the words typed: these are the suggestion's books
    bool searched = true;          // false: no word to search by (see stop_words_only)
    bool stop_words_only = false;  // only words like "the"
    std::vector<FacetCount> categories, languages, price_bands;  // by count, largest first
    bool facets_exact = true;  // false: counted over the best matches, scaled to the estimate
};

// q.text, the filters (category subtree, author, price range, language, in stock) and the sort;
// `offset` books are skipped (pages are stable while the index is unchanged).
Result find(const store::BookQuery& q, int64_t offset);

}  // namespace bf::search
