#pragma once
// How a book sits in the search index: its terms (fields weighted, stemmed in the book's
// language), the boolean terms filters use, and the values sorts, ranges and facets read.
// The index's document id is the book's id.
#include <xapian.h>

#include <string>
#include <vector>

#include "core/money.h"
#include "store/search_feed.h"

namespace bf::search {

// Values (Xapian value slots). Numbers are sortable_serialise()d; facets' slots hold plain text.
enum Slot : Xapian::valueno {
    kPrice = 0,      // what a buyer pays today, cents
    kStock = 1,      // copies on hand
    kPublished = 2,  // when it was (last) published, microseconds: "newest"
    kSales = 3,      // sell_count
    kRating = 4,     // rating_avg in hundredths
    kCategory = 5,   // the book's own category id (facet; filters use the XC terms)
    kLanguage = 6,   // language code (facet)
    kPriceBand = 7,  // index into price_bands() (facet)
    kPubDate = 8,    // publication date as YYYYMMDD, when known
    kFacets = 9,     // category, language and price band in one value (facets.h)
};

// Boolean (filter) terms.
inline const std::string kCategoryPrefix = "XC";  // XC<id> for the book's category and each ancestor
inline const std::string kLanguagePrefix = "XL";  // XL<code>
inline const std::string kInStockTerm = "XSTOCK";
inline const std::string kAuthorPrefix = "XA";    // XA<author id>
// The words of the title and the author's name again, with no weight, under the prefix of the book's
// title level (stems as "ZXT1..."): how many words of its own the title has besides stop words, 1, 2,
// 3, or 4 for 4 and more. A search ranks the books whose title or author holds every word first (the
// first tier: any level), and among them the titles the words fill most ("The Lantern" before
// "Lantern Tides"): searcher.cpp.
inline constexpr int kTitleLevels = 4;
std::string title_level_prefix(int level);  // 1..kTitleLevels
int title_level(const std::string& title);

// Field weights (within-document frequency added per word): title and author above the rest.
inline constexpr unsigned kTitleWeight = 4, kAuthorWeight = 3, kSubtitleWeight = 1, kTagWeight = 2,
                          kCategoryWeight = 2, kDescriptionWeight = 1;

// The Snowball stemmer's name for a language code ("en" -> "english"); "" where Xapian has none.
std::string stemmer_name(const std::string& code);

// Price bands shown as facets: [low, high) in cents, high 0 for "and up".
struct PriceBand {
    Cents low;
    Cents high;
};
const std::vector<PriceBand>& price_bands();
size_t price_band_of(Cents price);

// The document for a published book. `tg` must have its database set (spellings are added for
// titles, authors, tags and categories).
Xapian::Document make_document(const store::IndexedBook& ib, Xapian::TermGenerator& tg);

// "The Beekeeper's Feather" -> "The Beekeeper Feather": an English possessive is searched as its
// word, whatever the book's language (whose stemmer would keep "beekeeper's" whole). Applied to
// books and queries alike.
std::string without_possessives(const std::string& text);

// The metadata key holding the name of the index's change-log consumer.
inline const std::string kConsumerKey = "bookfair.consumer";
// The metadata key naming what a rebuild wrote: kIndexFormat once every book carries its sort
// buckets' and title levels' terms (an older index is ranked and sorted by Xapian alone, slower,
// until the indexer has rebuilt it).
inline const std::string kFormatKey = "bookfair.format";
inline const std::string kIndexFormat = "title-levels+value-buckets+facets";

}  // namespace bf::search
