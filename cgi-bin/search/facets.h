#pragma once
// Facet counts (categories, languages, price bands) over the matches a query's sample saw. An index
// of the current format keeps a book's three facets in one value (kFacets), so counting reads one
// value per match instead of three: values of matches spread thinly over a million books are read
// one seek each, and the three reads were most of a two-word search's time.
#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace bf::search {

struct FacetCount {
    std::string value;  // a category id, a language code or a price band's index
    int64_t count = 0;
};

struct Facets {
    std::vector<FacetCount> categories, languages, price_bands;  // by count, largest first
};

// The kFacets value of a book.
std::string facet_value(int64_t category_id, const std::string& language, size_t price_band);

class FacetSpy {
public:
    // `combined`: the index holds kFacets; otherwise the three slots of an older index are read.
    explicit FacetSpy(bool combined);
    void attach(Xapian::Enquire& e);
    double seen() const;                // matches counted
    Facets counts(double scale) const;  // each count times `scale` (the sample's share of the matches)

private:
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies_;
};

}  // namespace bf::search
