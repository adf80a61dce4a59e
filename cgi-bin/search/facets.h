#pragma once
// What a query's first matches say about all of them: facet counts (categories, languages, price
// bands) and the number of matches, from an unranked sample that stops after its first matches.
// An index of the current format keeps a book's three facets in one value (kFacets), read once per
// match instead of three times: values of matches spread thinly over a million books cost a walk
// through the value's chunks for each, and the three reads were most of a two-word search's time.
#include <xapian.h>

#include <cstdint>
#include <map>
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

class FacetSpy : public Xapian::MatchSpy {
public:
    // `combined`: the index holds kFacets; otherwise the three slots of an older index are read.
    explicit FacetSpy(bool combined) : combined_(combined) {}
    void operator()(const Xapian::Document& doc, double weight) override;

    Xapian::doccount seen() const { return seen_; }
    Facets counts(double scale) const;  // each count times `scale` (the matches per match seen)
    // The matches of the sample's query: exact when the sample saw them all, otherwise the share of
    // book ids the sample went through, scaled to every id (matches spread evenly over the ids),
    // held within Xapian's own bounds. Xapian's estimate for two common words ANDed was 2.5 times
    // the truth at a million books (10,000 for 4,027).
    Xapian::doccount matches(const Xapian::MSet& sample, Xapian::docid last_docid) const;

private:
    bool combined_;
    Xapian::doccount seen_ = 0;
    Xapian::docid last_seen_ = 0;
    std::map<std::string, Xapian::doccount> tally_[3];  // by the three slots, or [0] by kFacets
};

}  // namespace bf::search
