#include "search/ordered_walks.h"

#include <algorithm>
#include <cstdio>

namespace bf::search {
namespace {

// Bucket boundaries growing by 2% (at least 1), in integers so that a book and a query always agree
// on a bucket: bucket i holds [ladder[i], ladder[i + 1]).
const std::vector<int64_t>& ladder() {
    static const std::vector<int64_t> bounds = [] {
        std::vector<int64_t> b;
        for (int64_t v = 0; v < (int64_t{1} << 50); v += std::max<int64_t>(1, v / 50)) b.push_back(v);
        return b;
    }();
    return bounds;
}

int64_t ladder_bucket(int64_t v) {
    if (v <= 0) return 0;
    const auto& b = ladder();
    return std::upper_bound(b.begin(), b.end(), v) - b.begin() - 1;
}

int64_t bucket_of(const std::string& term, size_t prefix_size) { return std::stoll(term.substr(prefix_size)); }

// The page read from the buckets, in the sort's order.
class Walk {
public:
    Walk(const Xapian::Database& db, const Xapian::Query& query, const SortKey& key, Xapian::doccount want)
        : db_(db), query_(query), key_(key), want_(want) {}

    // Reads the matches of these buckets (adjacent, in the sort's order); true when the page is full.
    // `one_value`: the buckets hold a single value, so book id order is the sort's, and the read
    // stops at the page's last book instead of sorting every match of the bucket.
    bool read(const std::vector<std::string>& terms, bool one_value) {
        Xapian::Enquire e(db_);
        e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query_, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end())));
        e.set_weighting_scheme(Xapian::BoolWeight());
        e.set_docid_order(Xapian::Enquire::ASCENDING);
        if (!one_value) e.set_sort_by_value(key_.slot, key_.descending);
        const auto m = e.get_mset(0, want_ - static_cast<Xapian::doccount>(ids_.size()));
        for (auto it = m.begin(); it != m.end(); ++it) ids_.push_back(*it);
        last_found_ = m.size();
        return ids_.size() >= want_;
    }

    Xapian::doccount last_found() const { return last_found_; }
    std::vector<Xapian::docid> take() { return std::move(ids_); }

private:
    const Xapian::Database& db_;
    const Xapian::Query& query_;
    const SortKey& key_;
    const Xapian::doccount want_;
    std::vector<Xapian::docid> ids_;
    Xapian::doccount last_found_ = 0;
};

std::vector<Xapian::docid> page_of(std::vector<Xapian::docid> ids, Xapian::doccount first, Xapian::doccount size) {
    if (ids.size() <= first) return {};
    ids.erase(ids.begin(), ids.begin() + first);
    if (ids.size() > size) ids.resize(size);
    return ids;
}

}  // namespace

std::optional<SortKey> sort_key(store::BookSort sort) {
    switch (sort) {
        case store::BookSort::Relevance: return std::nullopt;
        case store::BookSort::BestSelling: return SortKey{kSales, kSalesBucketPrefix, true};
        case store::BookSort::Newest: return SortKey{kPublished, kPublishedBucketPrefix, true};
        case store::BookSort::PriceLow: return SortKey{kPrice, kPriceBucketPrefix, false};
        case store::BookSort::PriceHigh: return SortKey{kPrice, kPriceBucketPrefix, true};
        case store::BookSort::Rating: return SortKey{kRating, kRatingBucketPrefix, true};
    }
    return std::nullopt;
}

int64_t price_bucket(Cents price) { return std::max<int64_t>(0, price); }
int64_t sales_bucket(int64_t sell_count) { return ladder_bucket(sell_count); }
int64_t published_bucket(int64_t micros) { return std::max<int64_t>(0, micros / (int64_t{7} * 86400 * 1000000)); }
int64_t rating_bucket(int64_t hundredths) { return std::max<int64_t>(0, hundredths); }

bool holds_one_value(Slot slot, int64_t bucket) {
    switch (slot) {
        case kPrice:
        case kRating: return true;
        case kSales: return bucket + 1 < static_cast<int64_t>(ladder().size()) && ladder()[bucket + 1] - ladder()[bucket] == 1;
        default: return false;
    }
}

std::string bucket_term(const std::string& prefix, int64_t bucket) {
    char digits[24];
    std::snprintf(digits, sizeof digits, "%08lld", static_cast<long long>(bucket));  // text order = number order
    return prefix + digits;
}

void add_sort_buckets(Xapian::Document& doc, Cents price, int64_t published_micros, int64_t sell_count,
                      int64_t rating_hundredths) {
    doc.add_boolean_term(bucket_term(kPriceBucketPrefix, price_bucket(price)));
    doc.add_boolean_term(bucket_term(kPublishedBucketPrefix, published_bucket(published_micros)));
    doc.add_boolean_term(bucket_term(kSalesBucketPrefix, sales_bucket(sell_count)));
    doc.add_boolean_term(bucket_term(kRatingBucketPrefix, rating_bucket(rating_hundredths)));
}

std::vector<Bucket> buckets_in(const Xapian::Database& db, const std::string& prefix, BucketRange range, size_t at_most) {
    std::vector<Bucket> buckets;
    auto t = db.allterms_begin(prefix);
    t.skip_to(bucket_term(prefix, range.low));
    for (; t != db.allterms_end(prefix) && buckets.size() < at_most; ++t) {
        const int64_t b = bucket_of(*t, prefix.size());
        if (b > range.high) break;
        buckets.push_back({b, *t});
    }
    return buckets;
}

std::optional<Xapian::Query> price_terms(const Xapian::Database& db, BucketRange range, size_t at_most) {
    const auto buckets = buckets_in(db, kPriceBucketPrefix, range, at_most + 1);
    if (buckets.size() > at_most) return std::nullopt;
    if (buckets.empty()) return Xapian::Query::MatchNothing;
    std::vector<std::string> terms;
    for (const auto& b : buckets) terms.push_back(b.term);
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

std::vector<Xapian::docid> walk_buckets(const Xapian::Database& db, const Xapian::Query& query, const SortKey& key,
                                        Xapian::doccount first, Xapian::doccount size, BucketRange range) {
    // The index's buckets of this value within the range, in the sort's order (one per distinct
    // price or rating in the catalogue: a few thousand terms at most).
    auto buckets = buckets_in(db, key.prefix, range);
    if (key.descending) std::reverse(buckets.begin(), buckets.end());

    // Buckets are read one at a time while they fill the page well, and in growing groups while
    // they are thin (a rare word's matches are spread over many buckets).
    Walk walk(db, query, key, first + size);
    size_t group = 1;
    for (size_t at = 0; at < buckets.size();) {
        const size_t end = std::min(buckets.size(), at + group);
        std::vector<std::string> terms;
        for (size_t i = at; i < end; ++i) terms.push_back(buckets[i].term);
        if (walk.read(terms, terms.size() == 1 && holds_one_value(key.slot, buckets[at].number))) break;
        at = end;
        if (walk.last_found() < 10) group = std::min<size_t>(group * 2, 64);
    }
    return page_of(walk.take(), first, size);
}

std::vector<Xapian::docid> rank_in_tiers(const Xapian::Database& db, const Xapian::Query& query,
                                         const std::vector<Xapian::Query>& levels, Xapian::doccount first,
                                         Xapian::doccount size) {
    std::vector<Xapian::docid> ids;
    const Xapian::doccount want = first + size;
    const auto read = [&](const Xapian::Query& q, bool ranked) {
        Xapian::Enquire e(db);
        e.set_query(q);
        if (!ranked) e.set_weighting_scheme(Xapian::BoolWeight());  // book id order: stops at the page
        e.set_docid_order(Xapian::Enquire::ASCENDING);
        const auto m = e.get_mset(0, want - static_cast<Xapian::doccount>(ids.size()));
        ids.insert(ids.end(), m.begin(), m.end());
        return ids.size() >= want;
    };
    for (const auto& level : levels)
        if (read(Xapian::Query(Xapian::Query::OP_FILTER, query, level), false)) return page_of(std::move(ids), first, size);
    const Xapian::Query first_tier(Xapian::Query::OP_OR, levels.begin(), levels.end());
    read(Xapian::Query(Xapian::Query::OP_AND_NOT, query, first_tier), true);  // keeps the query's weights
    return page_of(std::move(ids), first, size);
}

std::vector<Xapian::docid> sort_every_match(const Xapian::Database& db, const Xapian::Query& query,
                                            const SortKey& key, Xapian::doccount first, Xapian::doccount size) {
    Xapian::Enquire e(db);
    e.set_query(query);
    e.set_weighting_scheme(Xapian::BoolWeight());
    e.set_docid_order(Xapian::Enquire::ASCENDING);
    e.set_sort_by_value(key.slot, key.descending);
    const auto m = e.get_mset(first, size);
    return {m.begin(), m.end()};
}

}  // namespace bf::search
