// The bucket walk of value sorts must give exactly the books, in exactly the order, of Xapian's own
// sort over every match, and relevance must give the first tier level by level and the rest in
// BM25's order: checked on a real (in-memory) Xapian index of books with many ties.
#include "search/ordered_walks.h"

#include <gtest/gtest.h>

#include <random>

namespace bf::search {
namespace {

// Books with prices, dates, sales and ratings drawn so that many share a value (ties are then
// broken by id), and words whose frequencies vary, so that BM25's weights differ.
Xapian::WritableDatabase books(int n) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    std::mt19937 rng(7);
    const std::vector<Cents> common_prices = {499, 999, 1299, 1499, 1999, 2499};
    for (int id = 1; id <= n; ++id) {
        Xapian::Document doc;
        doc.add_term("common", 1 + rng() % 4);
        if (id % 2 == 0) doc.add_term("half", 1 + rng() % 3);
        if (id % 97 == 0) doc.add_term("rare");
        if (id % 7 == 0) doc.add_term(title_level_prefix(1 + id % 4) + "common", 0);  // "common" in its title: the first tier
        doc.add_term("filler", 1 + rng() % 20);  // document length, so weights differ
        if (id % 3 == 0) doc.add_boolean_term("XSTOCK");
        const Cents price = rng() % 3 ? common_prices[rng() % common_prices.size()] : static_cast<Cents>(rng() % 100000);
        const int64_t published = int64_t{1600000000} * 1000000 + static_cast<int64_t>(rng() % 400) * 86400 * 1000000;
        const int64_t sales = rng() % 2 ? 0 : static_cast<int64_t>(rng() % 5000);
        const int64_t rating = rng() % 3 ? 0 : static_cast<int64_t>(rng() % 501);
        doc.add_value(kPrice, Xapian::sortable_serialise(static_cast<double>(price)));
        doc.add_value(kPublished, Xapian::sortable_serialise(static_cast<double>(published)));
        doc.add_value(kSales, Xapian::sortable_serialise(static_cast<double>(sales)));
        doc.add_value(kRating, Xapian::sortable_serialise(static_cast<double>(rating)));
        add_sort_buckets(doc, price, published, sales, rating);
        db.replace_document(static_cast<Xapian::docid>(id), doc);
    }
    db.commit();
    return db;
}

Xapian::Query price_range(Cents low, Cents high) {
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kPrice, Xapian::sortable_serialise(double(low)),
                         Xapian::sortable_serialise(double(high)));
}

TEST(SortBuckets, TheWalkGivesTheSameBooksInTheSameOrderAsSortingEveryMatch) {
    const auto db = books(4000);
    const std::vector<std::pair<std::string, Xapian::Query>> queries = {
        {"common", Xapian::Query("common")},
        {"half", Xapian::Query("half")},
        {"rare", Xapian::Query("rare")},
        {"common in stock", Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("common"), Xapian::Query("XSTOCK"))},
        {"half or rare", Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("half"), Xapian::Query("rare"))},
    };
    int pages = 0;
    for (const auto sort : {store::BookSort::PriceLow, store::BookSort::PriceHigh, store::BookSort::Newest,
                            store::BookSort::BestSelling, store::BookSort::Rating}) {
        const auto key = sort_key(sort);
        ASSERT_TRUE(key);
        for (const auto& [name, q] : queries)
            for (const Xapian::doccount first : {0u, 20u, 21u, 500u, 1000u, 3990u}) {
                const auto expected = sort_every_match(db, q, *key, first, 21);
                EXPECT_EQ(walk_buckets(db, q, *key, first, 21), expected)
                    << name << ", sort " << store::sort_name(sort) << ", from " << first;
                pages += !expected.empty();
            }
    }
    EXPECT_GT(pages, 100);  // the comparisons were of real pages, not of empty ones
}

TEST(SortBuckets, APriceRangeReadsOnlyItsBucketsAndLosesNoBookAtTheEdges) {
    const auto db = books(3000);
    for (const auto sort : {store::BookSort::PriceLow, store::BookSort::PriceHigh})
        for (const auto& [low, high] : std::vector<std::pair<Cents, Cents>>{{1000, 2000}, {999, 1299}, {1300, 1498}, {0, 500}}) {
            const Xapian::Query common("common");
            const Xapian::Query q(Xapian::Query::OP_FILTER, common, price_range(low, high));
            const BucketRange range{price_bucket(low), price_bucket(high)};
            for (const Xapian::doccount first : {0u, 21u, 300u}) {
                const auto expected = sort_every_match(db, q, *sort_key(sort), first, 21);
                EXPECT_EQ(walk_buckets(db, common, *sort_key(sort), first, 21, range), expected)
                    << low << "-" << high << ", sort " << store::sort_name(sort) << ", from " << first;
            }
        }
}

TEST(SortBuckets, ANarrowPriceRangeAsBucketTermsMatchesWhatTheValueRangeMatches) {
    const auto db = books(3000);
    const auto matches = [&](const Xapian::Query& filter) {
        Xapian::Enquire e(db);
        e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("common"), filter));
        const auto m = e.get_mset(0, db.get_doccount());
        return std::vector<Xapian::docid>(m.begin(), m.end());
    };
    for (const auto& [low, high] : std::vector<std::pair<Cents, Cents>>{{999, 999}, {1000, 1499}, {123, 125}, {2500, 2400}}) {
        const auto terms = price_terms(db, {price_bucket(low), price_bucket(high)}, 1000);
        ASSERT_TRUE(terms) << low << "-" << high;
        EXPECT_EQ(matches(*terms), matches(price_range(low, high))) << low << "-" << high;
    }
    EXPECT_FALSE(price_terms(db, {price_bucket(0), price_bucket(100000)}, 50)) << "a wide range has too many prices";
}

TEST(RelevanceTiers, TitleMatchesComeFirstLevelByLevelThenTheRestByRankOnEveryPage) {
    const auto db = books(3000);
    const Xapian::Query q("common");
    std::vector<Xapian::Query> levels;
    for (int level = 1; level <= kTitleLevels; ++level) levels.emplace_back(title_level_prefix(level) + "common");
    std::vector<Xapian::docid> expected;  // books with "common" in their titles, shortest titles first, each level by id
    for (int level = 1; level <= kTitleLevels; ++level)
        for (Xapian::docid id = 7; id <= 3000; id += 7)
            if (1 + id % 4 == static_cast<Xapian::docid>(level)) expected.push_back(id);
    const size_t in_tier = expected.size();
    Xapian::Enquire all(db);  // then the others in the whole ranking's order
    all.set_query(q);
    all.set_docid_order(Xapian::Enquire::ASCENDING);
    const auto m = all.get_mset(0, db.get_doccount());
    for (auto it = m.begin(); it != m.end(); ++it)
        if (*it % 7 != 0) expected.push_back(*it);
    ASSERT_EQ(expected.size(), 3000u);
    ASSERT_GT(in_tier, 400u);

    std::vector<Xapian::docid> paged;  // pages of 21, across the levels' and the tiers' borders
    for (Xapian::doccount first = 0; first < 3000; first += 21) {
        const auto page = rank_in_tiers(db, q, levels, first, 21);
        paged.insert(paged.end(), page.begin(), page.end());
    }
    EXPECT_EQ(paged, expected);
}

TEST(TitleLevels, TheWordsOfTheTitleButStopWordsFromOneToFourAndMore) {
    EXPECT_EQ(title_level("The Lantern"), 1);
    EXPECT_EQ(title_level("Lantern Tides"), 2);
    EXPECT_EQ(title_level("The Lantern of Fenwick"), 2);
    EXPECT_EQ(title_level("The Beekeeper's Feather"), 2);
    EXPECT_EQ(title_level("A Lantern in the Harbor of Winter Light"), 4);
    EXPECT_EQ(title_level("It"), 1) << "a title of stop words only";
    EXPECT_EQ(title_level(""), 1);
}

TEST(SortBuckets, BucketsFollowTheValuesOrderAndTheirTermsSortAsTheirNumbers) {
    for (int64_t v = 0; v < 300000; ++v) {
        ASSERT_LE(price_bucket(v), price_bucket(v + 1)) << v;
        ASSERT_LE(sales_bucket(v), sales_bucket(v + 1)) << v;
    }
    EXPECT_LT(price_bucket(1099), price_bucket(1100));  // one per price
    EXPECT_LT(published_bucket(0), published_bucket(int64_t{8} * 86400 * 1000000));
    EXPECT_LT(rating_bucket(420), rating_bucket(421));
    EXPECT_TRUE(holds_one_value(kPrice, price_bucket(1099)));
    EXPECT_TRUE(holds_one_value(kSales, sales_bucket(7)));
    EXPECT_FALSE(holds_one_value(kSales, sales_bucket(5000))) << "2% wide there";
    EXPECT_FALSE(holds_one_value(kPublished, published_bucket(0)));
    EXPECT_LT(bucket_term("XBP", 9), bucket_term("XBP", 10));
    EXPECT_LT(bucket_term("XBP", 999), bucket_term("XBP", 1000));
}

}  // namespace
}  // namespace bf::search
