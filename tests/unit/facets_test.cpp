// Facet counts read from the one combined value (kFacets) must equal those read from the three
// slots an older index has, and a sample's count of matches must be near the truth: checked on a
// real (in-memory) Xapian index.
#include "search/facets.h"

#include <gtest/gtest.h>

#include "search/document.h"

namespace bf::search {

bool operator==(const FacetCount& a, const FacetCount& b) { return a.value == b.value && a.count == b.count; }

namespace {

Facets counted(const Xapian::Database& db, bool combined, Xapian::doccount sample, double scale) {
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query("book"));
    e.set_weighting_scheme(Xapian::BoolWeight());
    FacetSpy spy(combined);
    e.add_matchspy(&spy);
    e.get_mset(0, 0, sample);
    EXPECT_EQ(spy.seen(), sample);
    return spy.counts(scale);
}

TEST(Facets, TheCombinedValueCountsAsTheThreeSlotsDo) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    const char* languages[] = {"en", "fr", "de"};
    for (int id = 1; id <= 600; ++id) {
        Xapian::Document doc;
        doc.add_term("book");
        const int64_t category = 10 + id % 7;
        const std::string language = languages[id % 3];
        const size_t band = static_cast<size_t>(id % 5);
        doc.add_value(kCategory, std::to_string(category));
        doc.add_value(kLanguage, language);
        doc.add_value(kPriceBand, std::to_string(band));
        doc.add_value(kFacets, facet_value(category, language, band));
        db.replace_document(static_cast<Xapian::docid>(id), doc);
    }
    db.commit();
    for (const Xapian::doccount sample : {600u, 250u}) {
        const double scale = 600.0 / sample;
        const Facets one = counted(db, true, sample, scale), three = counted(db, false, sample, scale);
        EXPECT_EQ(one.categories, three.categories) << sample;
        EXPECT_EQ(one.languages, three.languages) << sample;
        EXPECT_EQ(one.price_bands, three.price_bands) << sample;
        ASSERT_EQ(one.languages.size(), 3u);
        EXPECT_EQ(one.categories.size(), 7u);
    }
    const Facets all = counted(db, true, 600, 1.0);
    EXPECT_EQ(all.languages[0].count, 200);  // every third book, largest first (ties keep value order)
    EXPECT_EQ(all.price_bands[0].count, 120);
}

// Every 7th and every 11th book of 20,000 hold both words: 259 matches, spread over every id.
TEST(Facets, ASamplesCountOfMatchesIsScaledFromTheIdsItWentThrough) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (Xapian::docid id = 1; id <= 20000; ++id) {
        Xapian::Document doc;
        if (id % 7 == 0) doc.add_term("winter");
        if (id % 11 == 0) doc.add_term("harbor");
        doc.add_term("book");
        db.replace_document(id, doc);
    }
    db.commit();
    Xapian::Enquire e(db);
    e.set_query(Xapian::Query(Xapian::Query::OP_AND, Xapian::Query("winter"), Xapian::Query("harbor")));
    e.set_weighting_scheme(Xapian::BoolWeight());
    FacetSpy spy(true);
    e.add_matchspy(&spy);
    const auto sample = e.get_mset(0, 0, 50);
    ASSERT_EQ(spy.seen(), 50u);
    ASSERT_NE(sample.get_matches_lower_bound(), sample.get_matches_upper_bound()) << "the sample stopped early";
    EXPECT_NEAR(spy.matches(sample, db.get_lastdocid()), 259, 259 * 0.05);

    Xapian::Enquire all(db);  // a sample that saw every match counts them exactly
    all.set_query(Xapian::Query(Xapian::Query::OP_AND, Xapian::Query("winter"), Xapian::Query("harbor")));
    FacetSpy every(true);
    all.add_matchspy(&every);
    const auto whole = all.get_mset(0, 0, 1000);
    EXPECT_EQ(every.matches(whole, db.get_lastdocid()), 259u);
}

}  // namespace
}  // namespace bf::search
