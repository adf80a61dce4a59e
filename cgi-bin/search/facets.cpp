#include "search/facets.h"

#include <algorithm>
#include <map>

#include "search/document.h"

namespace bf::search {
namespace {

constexpr char kSeparator = '|';  // in none of a category id, a language code or a band's index

std::vector<FacetCount> largest_first(const std::map<std::string, double>& tally, double scale) {
    std::vector<FacetCount> out;
    for (const auto& [value, n] : tally) out.push_back(FacetCount{value, static_cast<int64_t>(n * scale + 0.5)});
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
    return out;
}

}  // namespace

std::string facet_value(int64_t category_id, const std::string& language, size_t price_band) {
    return std::to_string(category_id) + kSeparator + language + kSeparator + std::to_string(price_band);
}

FacetSpy::FacetSpy(bool combined) {
    const std::vector<Slot> slots = combined ? std::vector<Slot>{kFacets} : std::vector<Slot>{kCategory, kLanguage, kPriceBand};
    for (const Slot s : slots) spies_.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(s));
}

void FacetSpy::attach(Xapian::Enquire& e) {
    for (auto& s : spies_) e.add_matchspy(s.get());
}

double FacetSpy::seen() const { return spies_.front()->get_total(); }

Facets FacetSpy::counts(double scale) const {
    std::map<std::string, double> tally[3];
    if (spies_.size() == 1) {
        for (auto it = spies_[0]->values_begin(); it != spies_[0]->values_end(); ++it) {
            const std::string v = *it;
            const auto a = v.find(kSeparator), b = v.find(kSeparator, a + 1);
            if (a == std::string::npos || b == std::string::npos) continue;
            tally[0][v.substr(0, a)] += it.get_termfreq();
            tally[1][v.substr(a + 1, b - a - 1)] += it.get_termfreq();
            tally[2][v.substr(b + 1)] += it.get_termfreq();
        }
    } else {
        for (size_t i = 0; i < 3; ++i)
            for (auto it = spies_[i]->values_begin(); it != spies_[i]->values_end(); ++it) tally[i][*it] += it.get_termfreq();
    }
    return Facets{largest_first(tally[0], scale), largest_first(tally[1], scale), largest_first(tally[2], scale)};
}

}  // namespace bf::search
