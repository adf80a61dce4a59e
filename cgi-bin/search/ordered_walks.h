#pragma once
// A sorted search's page read in slices, in the order's own order, stopping once the page is full:
// no slice but the ones the page reaches is ranked or sorted.
//
// Value sorts, bucket by bucket. Xapian sorts by a value only after visiting every match,
// reading the value of each: "garden" in a price range, by price, read 40,000 prices at a million
// books. So each book also carries one boolean term per sortable value naming the value's bucket
// (buckets follow the value's order), and a sort reads the matches of the first bucket, then of
// the next, and stops as soon as it has the page. The books and their order are those of the
// whole sort: a bucket holds a slice of the value's range, and inside it the same sort (value,
// then relevance, then book id) orders them.
//
// Relevance, tier by tier: the books whose title or author holds every word first, then the
// rest, each ranked by BM25 over every field. A common word's first tier is a fraction of its
// matches, so its page is found without scoring every match (Xapian 1.4 has no block-max skipping:
// ranking a single common word scores every posting).
#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "search/document.h"
#include "store/catalog.h"

namespace bf::search {

// A sortable value and its buckets' terms.
struct SortKey {
    Slot slot;
    std::string prefix;  // bucket terms: prefix + the bucket's number, zero-padded
    bool descending;
};

// The key of a value sort; none for relevance.
std::optional<SortKey> sort_key(store::BookSort sort);

// Buckets of each value; each is monotone (a higher value never falls in a lower bucket).
int64_t price_bucket(Cents price);            // about 2% wide
int64_t sales_bucket(int64_t sell_count);     // one per count to 50, then about 2% wide
int64_t published_bucket(int64_t micros);     // a week
int64_t rating_bucket(int64_t hundredths);    // a tenth of a star
std::string bucket_term(const std::string& prefix, int64_t bucket);

// The bucket terms of a book's sortable values.
void add_sort_buckets(Xapian::Document& doc, Cents price, int64_t published_micros, int64_t sell_count,
                      int64_t rating_hundredths);

// A price filter on a price sort, as buckets: only the buckets from `low` to `high` are read, and
// only the two at the edges, which also hold prices outside the filter, need `edge_filter` (the
// filter's own value range); between them the bucket's term is the filter, and no price is read.
struct BucketRange {
    int64_t low = 0;
    int64_t high = INT64_MAX;
    std::optional<Xapian::Query> edge_filter;
};

// Books [first, first + size) of `query` in the order of `key`, then relevance, then book id (as
// Enquire sorts with set_sort_by_value_then_relevance and ascending ids), read bucket by bucket.
std::vector<Xapian::docid> walk_buckets(const Xapian::Database& db, const Xapian::Query& query, const SortKey& key,
                                        Xapian::doccount first, Xapian::doccount size, BucketRange range = {});

// Books [first, first + size) of `query` ranked by relevance in two tiers: those matching `tier`
// too, then the others (each by weight, then book id).
std::vector<Xapian::docid> rank_in_tiers(const Xapian::Database& db, const Xapian::Query& query,
                                         const Xapian::Query& tier, Xapian::doccount first, Xapian::doccount size);

// The same page by Xapian's own sort over every match: for few matches, and what the walk must equal.
std::vector<Xapian::docid> sort_every_match(const Xapian::Database& db, const Xapian::Query& query,
                                            const SortKey& key, Xapian::doccount first, Xapian::doccount size);

}  // namespace bf::search
