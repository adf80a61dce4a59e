// The search engine's own cost, without HTTP or the database: bench/catalog-scale's searches answered
// by search::find() in this process, then the query shapes beneath them, to tell where the time of a
// slow search goes (ranking a whole posting list, reading values for a sort or bucket by bucket, facet spies).
// Every query runs ROUNDS times, all of them interleaved so that the machine's load falls on each alike;
// prints the median and the fastest in milliseconds.
//   search_shapes INDEX_ROOT [ROUNDS]     (INDEX_ROOT holds `current`, as search_index_dir)
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "search/document.h"
#include "search/searcher.h"
#include "search/ordered_walks.h"

namespace {

using bf::store::BookQuery;
using bf::store::BookSort;

struct Case {
    std::string name;
    std::function<void()> run;
    std::vector<double> ms;
};

BookQuery query(const std::string& text, BookSort sort = BookSort::Relevance) {
    BookQuery q;
    q.text = text;
    q.sort = sort;
    return q;
}

// One Xapian query shape on the index itself: the spies and the weighting are the only differences.
std::function<void()> shape(const Xapian::Database& db, const Xapian::Query& q, bool by_price, bool spies,
                            bool unranked) {
    return [&db, q, by_price, spies, unranked] {
        Xapian::Enquire e(db);
        e.set_query(q);
        e.set_docid_order(Xapian::Enquire::ASCENDING);
        if (unranked) e.set_weighting_scheme(Xapian::BoolWeight());
        if (by_price) e.set_sort_by_value_then_relevance(bf::search::kPrice, false);
        bf::search::FacetSpy facets(true);
        if (spies) e.add_matchspy(&facets);
        e.get_mset(0, 21, 1000);
    };
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: search_shapes INDEX_ROOT [ROUNDS]\n");
        return 2;
    }
    const std::string root = argv[1];
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 15;
    bf::search::set_index_root(root);
    const Xapian::Database db(root + "/current");

    BookQuery filtered = query("garden", BookSort::PriceLow);
    filtered.min_price = 1000;
    filtered.max_price = 2000;
    filtered.in_stock_only = true;
    const auto find = [](BookQuery q) { return [q] { bf::search::find(q, 0); }; };
    BookQuery fiction = query("lantern", BookSort::PriceLow);  // category 1: the generated catalogue's "Fiction"
    fiction.category_id = 1;
    fiction.min_price = 1000;
    fiction.max_price = 2000;
    BookQuery narrow = query("valeport");  // a place's name at a price no book has
    narrow.min_price = 12345;
    narrow.max_price = 12345;

    const Xapian::Query lantern(Xapian::Query::OP_SYNONYM, Xapian::Query("lantern"), Xapian::Query("Zlantern"));
    const Xapian::Query garden(Xapian::Query::OP_SYNONYM, Xapian::Query("garden"), Xapian::Query("Zgarden"));
    const Xapian::Query priced(Xapian::Query::OP_FILTER, garden,
                               Xapian::Query(Xapian::Query::OP_VALUE_RANGE, bf::search::kPrice,
                                             Xapian::sortable_serialise(1000), Xapian::sortable_serialise(2000)));
    const auto by_price = *bf::search::sort_key(BookSort::PriceLow);
    const bf::search::BucketRange ten_to_twenty{bf::search::price_bucket(1000), bf::search::price_bucket(2000)};
    std::vector<Case> cases = {
        {"find: a rare word (torvelash)", find(query("torvelash")), {}},
        {"find: one common word (lantern)", find(query("lantern")), {}},
        {"find: two common words (winter harbor)", find(query("winter harbor")), {}},
        {"find: garden, price 10-20, in stock, by price", find(filtered), {}},
        {"find: a misspelled word (cartografer)", find(query("cartografer")), {}},
        {"find: lantern, fiction, price 10-20, by price", find(fiction), {}},
        {"find: valeport at 123.45 (no book)", find(narrow), {}},
        {"find: lantern, newest", find(query("lantern", BookSort::Newest)), {}},
        {"find: lantern, best selling", find(query("lantern", BookSort::BestSelling)), {}},
        {"find: lantern, by price, page 20", [q = query("lantern", BookSort::PriceLow)] { bf::search::find(q, 400); }, {}},
        {"shape: lantern, one stem term, ranked", shape(db, Xapian::Query("Zlantern"), false, false, false), {}},
        {"shape: lantern, word and stem, ranked", shape(db, lantern, false, false, false), {}},
        {"shape: lantern, word and stem, unranked", shape(db, lantern, false, false, true), {}},
        {"shape: garden + price range, by price, spies", shape(db, priced, true, true, false), {}},
        {"shape: garden + price range, by price", shape(db, priced, true, false, false), {}},
        {"shape: garden + price range, unranked, spies", shape(db, priced, false, true, true), {}},
        {"shape: garden + price range, by price, every match",
         [&db, &priced, &by_price] { bf::search::sort_every_match(db, priced, by_price, 0, 21); }, {}},
        {"shape: garden + price range, by price, buckets",
         [&db, &garden, &by_price, &ten_to_twenty] { bf::search::walk_buckets(db, garden, by_price, 0, 21, ten_to_twenty); }, {}},
    };
    for (const auto sort : {BookSort::Newest, BookSort::BestSelling, BookSort::Rating, BookSort::PriceLow}) {
        const std::string name = std::string("shape: lantern, ") + bf::store::sort_name(sort);
        const auto key = *bf::search::sort_key(sort);
        cases.push_back({name + ", every match", [&db, &lantern, key] { bf::search::sort_every_match(db, lantern, key, 0, 21); }, {}});
        cases.push_back({name + ", buckets", [&db, &lantern, key] { bf::search::walk_buckets(db, lantern, key, 0, 21); }, {}});
    }
    const auto synonym = [](const std::string& prefix) {
        return Xapian::Query(Xapian::Query::OP_SYNONYM, Xapian::Query(prefix + "lantern"), Xapian::Query("Z" + prefix + "lantern"));
    };
    std::vector<Xapian::Query> lantern_levels;
    for (int level = 1; level <= bf::search::kTitleLevels; ++level) lantern_levels.push_back(synonym(bf::search::title_level_prefix(level)));
    const Xapian::Query lantern_tier(Xapian::Query::OP_OR, lantern_levels.begin(), lantern_levels.end());
    cases.push_back({"shape: lantern, tier by BM25 (before title levels)", [&db, &lantern, &lantern_tier] {
                         Xapian::Enquire e(db);
                         e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, lantern, lantern_tier));
                         e.set_docid_order(Xapian::Enquire::ASCENDING);
                         e.get_mset(0, 21); }, {}});
    cases.push_back({"shape: lantern, tier by title level", [&db, &lantern, &lantern_levels] {
                         bf::search::rank_in_tiers(db, lantern, lantern_levels, 0, 21); }, {}});
    for (int r = 0; r < rounds; ++r)
        for (auto& c : cases) {
            const auto start = std::chrono::steady_clock::now();
            c.run();
            c.ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        }
    std::printf("%zu books; %d rounds, interleaved\n%-48s %10s %10s\n", static_cast<size_t>(db.get_doccount()), rounds,
                "query", "median ms", "min ms");
    for (auto& c : cases) {
        std::sort(c.ms.begin(), c.ms.end());
        std::printf("%-48s %10.2f %10.2f\n", c.name.c_str(), c.ms[c.ms.size() / 2], c.ms.front());
    }
}
