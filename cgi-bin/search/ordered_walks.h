#pragma once
// A sorted search's page read in slices, in the order's own order, stopping once the page is full:
// no slice but the ones the page reaches is ranked or sorted.
//
// Value sorts, bucket by bucket. Xapian sorts by a value only after visiting every match,
// reading the value of each: "garden" in a price range, by price, read 40,000 prices at a million
// books. So each book also carries one boolean term per sortable value naming the value's bucket
// (buckets follow the value's order), and a sort reads the matches of the first bucket, then of
// the next, and stops as soon as it has the page. The books and their order are those of the
// whole sort (value, then book id). A price or a rating has a bucket per value, so a bucket's
// books are already in order by id and its read stops at the page's last book; a week of
// publication or a band of sales counts is sorted by the value inside it.
//
// Relevance, tier by tier: the books whose title or author holds every word first, those with the
// shortest titles (title levels) first and by book id within a level, read without ranking and
// stopping at the page; then the rest, ranked by BM25 over every field. Ranking a common word's
// matches by BM25 would score every posting (Xapian 1.4 has no block-max skipping: at a million
// books, 76,571 postings of "lantern" for one page).
#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "search/document.h"
#include "store/catalog.h"

namespace bf::search {

// The bucket terms' prefixes, one per sortable value.
inline const std::string kPriceBucketPrefix = "XBP", kPublishedBucketPrefix = "XBN", kSalesBucketPrefix = "XBS",
                         kRatingBucketPrefix = "XBR";

// A sortable value and its buckets' terms.
struct SortKey {
    Slot slot;
    std::string prefix;  // bucket terms: prefix + the bucket's number, zero-padded
    bool descending;
};

// The key of a value sort; none for relevance.
std::optional<SortKey> sort_key(store::BookSort sort);

// Buckets of each value; each is monotone (a higher value never falls in a lower bucket).
int64_t price_bucket(Cents price);            // one per price
int64_t sales_bucket(int64_t sell_count);     // one per count to 50, then about 2% wide
int64_t published_bucket(int64_t micros);     // a week
int64_t rating_bucket(int64_t hundredths);    // one per rating (hundredths of a star)
std::string bucket_term(const std::string& prefix, int64_t bucket);
// True when every book in this bucket of `slot` has the same value.
bool holds_one_value(Slot slot, int64_t bucket);

// The bucket terms of a book's sortable values.
void add_sort_buckets(Xapian::Document& doc, Cents price, int64_t published_micros, int64_t sell_count,
                      int64_t rating_hundredths);

// A price filter on a price sort, as buckets: only the buckets from `low` to `high` are read (a
// bucket per price: the buckets are the filter, and no price is read).
struct BucketRange {
    int64_t low = 0;
    int64_t high = INT64_MAX;
};

// The buckets of a value (`prefix`) from `range.low` to `range.high`, in ascending order, at most
// `at_most` of them.
struct Bucket {
    int64_t number;
    std::string term;
};
std::vector<Bucket> buckets_in(const Xapian::Database& db, const std::string& prefix, BucketRange range,
                               size_t at_most = SIZE_MAX);

// A price range as the OR of its prices' bucket terms (posting lists: no price is read) when the
// catalogue has at most `at_most` prices in it; none when it has more.
std::optional<Xapian::Query> price_terms(const Xapian::Database& db, BucketRange range, size_t at_most);

// Books [first, first + size) of `query` in the order of `key`, then book id (as Enquire sorts
// with set_sort_by_value and ascending ids), read bucket by bucket.
std::vector<Xapian::docid> walk_buckets(const Xapian::Database& db, const Xapian::Query& query, const SortKey& key,
                                        Xapian::doccount first, Xapian::doccount size, BucketRange range = {});

// Books [first, first + size) of `query` by relevance: those matching `levels` (the first tier, a
// query per title level, shortest titles first), each level by book id; then those matching none of
// them, by weight, then book id.
std::vector<Xapian::docid> rank_in_tiers(const Xapian::Database& db, const Xapian::Query& query,
                                         const std::vector<Xapian::Query>& levels, Xapian::doccount first,
                                         Xapian::doccount size);

// The same page by Xapian's own sort over every match: for few matches, and what the walk must equal.
std::vector<Xapian::docid> sort_every_match(const Xapian::Database& db, const Xapian::Query& query,
                                            const SortKey& key, Xapian::doccount first, Xapian::doccount size);

}  // namespace bf::search
