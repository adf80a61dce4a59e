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

    // Reads the matches of these buckets (adjacent, in the sort's order) that `filter` (if any) lets
    // through; true when the page is full.
    bool read(const std::vector<std::string>& terms, const std::optional<Xapian::Query>& filter) {
        Xapian::Query buckets(Xapian::Query::OP_OR, terms.begin(), terms.end());
        if (filter) buckets = Xapian::Query(Xapian::Query::OP_FILTER, buckets, *filter);
        Xapian::Enquire e(db_);
        e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query_, buckets));
        e.set_docid_order(Xapian::Enquire::ASCENDING);
        e.set_sort_by_value_then_relevance(key_.slot, key_.descending);
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
        case store::BookSort::BestSelling: return SortKey{kSales, "XBS", true};
        case store::BookSort::Newest: return SortKey{kPublished, "XBN", true};
        case store::BookSort::PriceLow: return SortKey{kPrice, "XBP", false};
        case store::BookSort::PriceHigh: return SortKey{kPrice, "XBP", true};
        case store::BookSort::Rating: return SortKey{kRating, "XBR", true};
    }
    return std::nullopt;
}

int64_t price_bucket(Cents price) { return ladder_bucket(price); }
int64_t sales_bucket(int64_t sell_count) { return ladder_bucket(sell_count); }
int64_t published_bucket(int64_t micros) { return std::max<int64_t>(0, micros / (int64_t{7} * 86400 * 1000000)); }
int64_t rating_bucket(int64_t hundredths) { return std::max<int64_t>(0, hundredths / 10); }

std::string bucket_term(const std::string& prefix, int64_t bucket) {
    char digits[24];
    std::snprintf(digits, sizeof digits, "%08lld", static_cast<long long>(bucket));  // text order = number order
    return prefix + digits;
}

void add_sort_buckets(Xapian::Document& doc, Cents price, int64_t published_micros, int64_t sell_count,
                      int64_t rating_hundredths) {
    doc.add_boolean_term(bucket_term("XBP", price_bucket(price)));
    doc.add_boolean_term(bucket_term("XBN", published_bucket(published_micros)));
    doc.add_boolean_term(bucket_term("XBS", sales_bucket(sell_count)));
    doc.add_boolean_term(bucket_term("XBR", rating_bucket(rating_hundredths)));
}

std::vector<Xapian::docid> walk_buckets(const Xapian::Database& db, const Xapian::Query& query, const SortKey& key,
                                        Xapian::doccount first, Xapian::doccount size, BucketRange range) {
    // The index's buckets of this value, in the sort's order (a few hundred terms at most).
    struct Bucket {
        int64_t number;
        std::string term;
    };
    std::vector<Bucket> buckets;
    for (auto t = db.allterms_begin(key.prefix); t != db.allterms_end(key.prefix); ++t) {
        const int64_t b = bucket_of(*t, key.prefix.size());
        if (b >= range.low && b <= range.high) buckets.push_back({b, *t});
    }
    if (key.descending) std::reverse(buckets.begin(), buckets.end());

    // Buckets are read one at a time while they fill the page well, and in growing groups while
    // they are thin (a rare word's matches are spread over many buckets).
    Walk walk(db, query, key, first + size);
    size_t group = 1;
    for (size_t at = 0; at < buckets.size();) {
        const size_t end = std::min(buckets.size(), at + group);
        std::vector<std::string> terms;
        bool at_an_edge = false;  // the range's edge buckets also hold values outside it
        for (size_t i = at; i < end; ++i) {
            terms.push_back(buckets[i].term);
            at_an_edge = at_an_edge || buckets[i].number == range.low || buckets[i].number == range.high;
        }
        if (walk.read(terms, at_an_edge ? range.edge_filter : std::nullopt)) break;
        at = end;
        if (walk.last_found() < 10) group = std::min<size_t>(group * 2, 64);
    }
    return page_of(walk.take(), first, size);
}

std::vector<Xapian::docid> rank_in_tiers(const Xapian::Database& db, const Xapian::Query& query,
                                         const Xapian::Query& tier, Xapian::doccount first, Xapian::doccount size) {
    std::vector<Xapian::docid> ids;
    const Xapian::doccount want = first + size;
    for (const auto op : {Xapian::Query::OP_FILTER, Xapian::Query::OP_AND_NOT}) {
        Xapian::Enquire e(db);
        e.set_query(Xapian::Query(op, query, tier));  // both keep the query's weights
        e.set_docid_order(Xapian::Enquire::ASCENDING);
        const auto m = e.get_mset(0, want - static_cast<Xapian::doccount>(ids.size()));
        ids.insert(ids.end(), m.begin(), m.end());
        if (ids.size() >= want) break;
    }
    return page_of(std::move(ids), first, size);
}

std::vector<Xapian::docid> sort_every_match(const Xapian::Database& db, const Xapian::Query& query,
                                            const SortKey& key, Xapian::doccount first, Xapian::doccount size) {
    Xapian::Enquire e(db);
    e.set_query(query);
    e.set_docid_order(Xapian::Enquire::ASCENDING);
    e.set_sort_by_value_then_relevance(key.slot, key.descending);
    const auto m = e.get_mset(first, size);
    return {m.begin(), m.end()};
}

}  // namespace bf::search
