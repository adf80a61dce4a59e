#include "search/facets.h"

#include <algorithm>

#include "search/document.h"

namespace bf::search {
namespace {

constexpr char kSeparator = '|';  // in none of a category id, a language code or a band's index

std::vector<FacetCount> largest_first(const std::map<std::string, Xapian::doccount>& tally, double scale) {
    std::vector<FacetCount> out;
    for (const auto& [value, n] : tally) out.push_back(FacetCount{value, static_cast<int64_t>(n * scale + 0.5)});
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
    return out;
}

}  // namespace

std::string facet_value(int64_t category_id, const std::string& language, size_t price_band) {
    return std::to_string(category_id) + kSeparator + language + kSeparator + std::to_string(price_band);
}

void FacetSpy::operator()(const Xapian::Document& doc, double) {
    ++seen_;
    last_seen_ = std::max(last_seen_, doc.get_docid());
    if (combined_) {
        ++tally_[0][doc.get_value(kFacets)];
    } else {
        ++tally_[0][doc.get_value(kCategory)];
        ++tally_[1][doc.get_value(kLanguage)];
        ++tally_[2][doc.get_value(kPriceBand)];
    }
}

Facets FacetSpy::counts(double scale) const {
    if (!combined_) return Facets{largest_first(tally_[0], scale), largest_first(tally_[1], scale), largest_first(tally_[2], scale)};
    std::map<std::string, Xapian::doccount> split[3];
    for (const auto& [v, n] : tally_[0]) {
        const auto a = v.find(kSeparator), b = v.find(kSeparator, a + 1);
        if (b == std::string::npos) continue;  // (a npos makes b npos too)
        split[0][v.substr(0, a)] += n;
        split[1][v.substr(a + 1, b - a - 1)] += n;
        split[2][v.substr(b + 1)] += n;
    }
    return Facets{largest_first(split[0], scale), largest_first(split[1], scale), largest_first(split[2], scale)};
}

Xapian::doccount FacetSpy::matches(const Xapian::MSet& sample, Xapian::docid last_docid) const {
    const Xapian::doccount low = sample.get_matches_lower_bound(), high = sample.get_matches_upper_bound();
    if (low == high || last_seen_ == 0) return sample.get_matches_estimated();
    const double spread = static_cast<double>(seen_) * last_docid / last_seen_;
    return std::clamp(static_cast<Xapian::doccount>(spread + 0.5), low, high);
}

}  // namespace bf::search
