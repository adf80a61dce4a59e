#include "search/document.h"

#include <algorithm>
#include <cctype>

#include "search/facets.h"
#include "search/ordered_walks.h"
#include "search/words.h"
#include "store/reviews.h"

namespace bf::search {

std::string stemmer_name(const std::string& code) {
    static const std::pair<const char*, const char*> known[] = {
        {"en", "english"}, {"fr", "french"}, {"de", "german"}, {"es", "spanish"}, {"it", "italian"},
        {"pt", "portuguese"}, {"nl", "dutch"}, {"sv", "swedish"}, {"da", "danish"}, {"fi", "finnish"},
        {"no", "norwegian"}, {"ru", "russian"}, {"hu", "hungarian"}, {"ro", "romanian"}, {"tr", "turkish"}};
    for (const auto& [c, name] : known)
        if (code == c) return name;
    return "";
}

const std::vector<PriceBand>& price_bands() {
    static const std::vector<PriceBand> bands = {{0, 1000}, {1000, 2000}, {2000, 3500}, {3500, 5000}, {5000, 0}};
    return bands;
}

size_t price_band_of(Cents price) {
    const auto& bands = price_bands();
    for (size_t i = 0; i < bands.size(); ++i)
        if (bands[i].high == 0 || price < bands[i].high) return i;
    return bands.size() - 1;
}

std::string without_possessives(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        // 's or ’s (U+2019) ending a word
        const size_t quote = text.compare(i, 3, "\xE2\x80\x99") == 0 ? 3 : text[i] == '\'' ? 1 : 0;
        if (quote && i > 0 && std::isalpha(static_cast<unsigned char>(text[i - 1])) && i + quote < text.size() &&
            (text[i + quote] == 's' || text[i + quote] == 'S') &&
            (i + quote + 1 == text.size() || !std::isalnum(static_cast<unsigned char>(text[i + quote + 1])))) {
            i += quote;  // skip the quote and the s
            continue;
        }
        out += text[i];
    }
    return out;
}

std::string title_level_prefix(int level) { return "XT" + std::to_string(level); }

int title_level(const std::string& title) {
    int words = 0;
    for (const auto& w : query_words(title)) words += !is_stop_word(w);
    return std::clamp(words, 1, kTitleLevels);
}

namespace {

int64_t date_number(const std::string& ymd) {  // "2024-03-05" -> 20240305
    std::string digits;
    for (char c : ymd)
        if (c >= '0' && c <= '9') digits += c;
    return digits.size() == 8 ? std::stoll(digits) : 0;
}

}  // namespace

Xapian::Document make_document(const store::IndexedBook& ib, Xapian::TermGenerator& tg) {
    const store::Book& b = ib.book;
    Xapian::Document doc;
    tg.set_document(doc);
    const std::string stemmer = stemmer_name(b.language);
    tg.set_stemmer(stemmer.empty() ? Xapian::Stem() : Xapian::Stem(stemmer));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);

    // Words a reader types for a book go to the spelling dictionary; descriptions' do not (too many).
    const std::string title = without_possessives(b.title), subtitle = without_possessives(b.subtitle);
    tg.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
    tg.index_text_without_positions(title, kTitleWeight);
    tg.index_text_without_positions(b.author_name, kAuthorWeight);
    for (const auto& name : ib.category_names) tg.index_text_without_positions(name, kCategoryWeight);
    for (const auto& tag : b.tags) tg.index_text_without_positions(tag, kTagWeight);
    tg.set_flags(Xapian::TermGenerator::flags(0));
    const std::string level = title_level_prefix(title_level(title));
    tg.index_text_without_positions(title, 0, level);
    tg.index_text_without_positions(b.author_name, 0, level);
    tg.index_text_without_positions(subtitle, kSubtitleWeight);
    tg.index_text_without_positions(without_possessives(b.description), kDescriptionWeight);
    if (stemmer != "english") {
        // Books in other languages often carry English titles and tags (the demo catalogue does):
        // their English stems too, so "meadow" finds "Electric Meadows" in German. Weightless (wdf 0):
        // they let a book match, and add nothing to its rank over an English book's.
        tg.set_stemmer(Xapian::Stem("english"));
        tg.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL_Z);
        tg.index_text_without_positions(title, 0);
        tg.index_text_without_positions(title, 0, level);
        tg.index_text_without_positions(subtitle, 0);
        for (const auto& tag : b.tags) tg.index_text_without_positions(tag, 0);
    }
    if (!stemmer.empty()) tg.index_text_without_positions(stemmer, 1);  // "french" finds French books
    if (b.isbn13) doc.add_term(*b.isbn13);

    for (const int64_t id : ib.category_ids) doc.add_boolean_term(kCategoryPrefix + std::to_string(id));
    doc.add_boolean_term(kLanguagePrefix + b.language);
    doc.add_boolean_term(kAuthorPrefix + std::to_string(b.author_id));
    if (b.stock > 0 || !b.print_edition) doc.add_boolean_term(kInStockTerm);  // an ebook is never short

    const Cents price = b.price_now();
    doc.add_value(kPrice, Xapian::sortable_serialise(static_cast<double>(price)));
    doc.add_value(kStock, Xapian::sortable_serialise(static_cast<double>(b.stock)));
    doc.add_value(kPublished, Xapian::sortable_serialise(static_cast<double>(b.published.us)));
    doc.add_value(kSales, Xapian::sortable_serialise(static_cast<double>(b.sell_count)));
    const int64_t rating = store::parse_rating(b.rating_avg);
    doc.add_value(kRating, Xapian::sortable_serialise(static_cast<double>(rating)));
    doc.add_value(kCategory, std::to_string(b.category_id));
    doc.add_value(kLanguage, b.language);
    doc.add_value(kPriceBand, std::to_string(price_band_of(price)));
    doc.add_value(kFacets, facet_value(b.category_id, b.language, price_band_of(price)));
    add_sort_buckets(doc, price, b.published.us, b.sell_count, rating);
    if (b.publication_date) doc.add_value(kPubDate, Xapian::sortable_serialise(static_cast<double>(date_number(*b.publication_date))));
    return doc;
}

}  // namespace bf::search
