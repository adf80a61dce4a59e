#include "search/searcher.h"

#include <unistd.h>

#include <algorithm>
#include <memory>
#include <set>

#include "search/document.h"
#include "search/index_dir.h"

namespace bf::search {
namespace {

std::string g_root;

// Matches examined at least, so counts and facets rest on a fair sample of a common word's books.
constexpr Xapian::doccount kCheckAtLeast = 1000;
// A query finding fewer books than this is offered a spelling correction.
constexpr Xapian::doccount kFewMatches = 3;

// This thread's reader of the current index.
struct Reader {
    std::string dir;
    std::unique_ptr<Xapian::Database> db;

    Xapian::Database& open() {
        const auto current = IndexDir(g_root).current();
        if (!current) {
            db.reset();
            throw Unavailable("no search index in " + g_root + " (not built yet?)");
        }
        try {
            if (!db || dir != *current) {
                db = std::make_unique<Xapian::Database>(*current);
                dir = *current;
            } else {
                db->reopen();  // cheap when nothing was committed
            }
        } catch (const Xapian::Error& e) {
            db.reset();
            throw Unavailable("cannot open the search index " + *current + ": " + e.get_msg());
        }
        return *db;
    }
};

Reader& reader() {
    thread_local Reader r;
    return r;
}

bool should_stem(const std::string& word) {  // as TermGenerator's STEM_SOME: words that start with a letter
    const unsigned mask = (1u << Xapian::Unicode::LOWERCASE_LETTER) | (1u << Xapian::Unicode::TITLECASE_LETTER) |
                          (1u << Xapian::Unicode::MODIFIER_LETTER) | (1u << Xapian::Unicode::OTHER_LETTER);
    return !word.empty() && ((mask >> Xapian::Unicode::get_category(*Xapian::Utf8Iterator(word))) & 1u);
}

class QueryBuilder {
public:
    // Stems in the language asked for (English by default) and in the catalogue's other common
    // languages: a French book indexes "jardins" under the French stem, which an English query
    // for "jardins" would not reach.
    QueryBuilder(const Xapian::Database& db, const std::string& language) : db_(db) {
        std::vector<std::string> codes = {language.empty() ? "en" : language};
        if (language.empty())
            for (const char* c : {"fr", "de", "es", "it"}) codes.push_back(c);
        for (const auto& code : codes)
            if (const std::string name = stemmer_name(code); !name.empty()) stems_.emplace_back(name);
    }

    // The word as typed or any word of the same stem ("gardens" finds "garden").
    Xapian::Query word(const std::string& w) const {
        if (stems_.empty() || !should_stem(w)) return Xapian::Query(w);
        std::set<std::string> terms = {w};
        for (const auto& stem : stems_) terms.insert("Z" + stem(w));
        return Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
    }

    // Every word required; a pair typed apart that the catalogue writes as one word ("map maker")
    // also matches the joined word, a long word that splits into two known words ("mapmaker")
    // also matches both, and a last word the index does not hold matches as a prefix ("tolk").
    Xapian::Query all_of(const std::vector<std::string>& words) const {
        std::vector<Xapian::Query> groups;
        for (size_t i = 0; i < words.size(); ++i) {
            const std::string& w = words[i];
            if (i + 1 < words.size() && db_.term_exists(w + words[i + 1])) {
                groups.emplace_back(Xapian::Query::OP_OR, Xapian::Query(Xapian::Query::OP_AND, word(w), word(words[i + 1])),
                                    word(w + words[i + 1]));
                ++i;
                continue;
            }
            Xapian::Query g = word(w);
            if (const auto halves = split(w)) {
                g = Xapian::Query(Xapian::Query::OP_OR, g,
                                  Xapian::Query(Xapian::Query::OP_AND, word(halves->first), word(halves->second)));
            }
            if (i + 1 == words.size() && w.size() >= 3 && !db_.term_exists(w)) {
                g = Xapian::Query(Xapian::Query::OP_OR, g,
                                  Xapian::Query(Xapian::Query::OP_WILDCARD, w, 20, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT));
            }
            groups.push_back(g);
        }
        return Xapian::Query(Xapian::Query::OP_AND, groups.begin(), groups.end());
    }

    // The words with the spelling dictionary's correction of each word the index does not hold.
    std::vector<std::string> corrected(const std::vector<std::string>& words) const {
        std::vector<std::string> out = words;
        for (auto& w : out) {
            if (db_.term_exists(w)) continue;
            const std::string s = db_.get_spelling_suggestion(w, 2);
            if (!s.empty()) w = s;
        }
        return out;
    }

private:
    // "mapmaker" -> ("map", "maker") when the index holds both; ASCII words of 6+ letters only.
    std::optional<std::pair<std::string, std::string>> split(const std::string& w) const {
        if (w.size() < 6 || w.size() > 30) return std::nullopt;
        for (char c : w)
            if (c < 'a' || c > 'z') return std::nullopt;
        for (size_t k = 3; k + 3 <= w.size(); ++k)
            if (db_.term_exists(w.substr(0, k)) && db_.term_exists(w.substr(k))) return std::make_pair(w.substr(0, k), w.substr(k));
        return std::nullopt;
    }

    const Xapian::Database& db_;
    std::vector<Xapian::Stem> stems_;
};

Xapian::Query with_filters(const Xapian::Query& text, const store::BookQuery& q) {
    std::vector<Xapian::Query> filters;
    if (q.category_id) filters.emplace_back(kCategoryPrefix + std::to_string(*q.category_id));
    if (q.author_id) filters.emplace_back(kAuthorPrefix + std::to_string(*q.author_id));
    if (!q.language.empty()) filters.emplace_back(kLanguagePrefix + q.language);
    if (q.in_stock_only) filters.emplace_back(kInStockTerm);
    const auto value = [](Cents c) { return Xapian::sortable_serialise(static_cast<double>(c)); };
    if (q.min_price && q.max_price)
        filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, kPrice, value(*q.min_price), value(*q.max_price));
    else if (q.min_price)
        filters.emplace_back(Xapian::Query::OP_VALUE_GE, kPrice, value(*q.min_price));
    else if (q.max_price)
        filters.emplace_back(Xapian::Query::OP_VALUE_LE, kPrice, value(*q.max_price));
    if (filters.empty()) return text;
    return Xapian::Query(Xapian::Query::OP_FILTER, text, Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
}

void set_sort(Xapian::Enquire& e, store::BookSort sort) {
    switch (sort) {
        case store::BookSort::Relevance: return;  // relevance, then book id
        case store::BookSort::BestSelling: return e.set_sort_by_value_then_relevance(kSales, true);
        case store::BookSort::Newest: return e.set_sort_by_value_then_relevance(kPublished, true);
        case store::BookSort::PriceLow: return e.set_sort_by_value_then_relevance(kPrice, false);
        case store::BookSort::PriceHigh: return e.set_sort_by_value_then_relevance(kPrice, true);
        case store::BookSort::Rating: return e.set_sort_by_value_then_relevance(kRating, true);
    }
}

std::vector<FacetCount> counts(const Xapian::ValueCountMatchSpy& spy, double scale) {
    std::vector<FacetCount> out;
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
        out.push_back(FacetCount{*it, static_cast<int64_t>(it.get_termfreq() * scale + 0.5)});
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
    return out;
}

// One run of a query: the page and, when asked, the facets.
struct Run {
    Xapian::MSet mset;
    Xapian::ValueCountMatchSpy categories{kCategory}, languages{kLanguage}, bands{kPriceBand};
};

void add_facet_spies(Xapian::Enquire& e, Run& r) {
    e.add_matchspy(&r.categories);
    e.add_matchspy(&r.languages);
    e.add_matchspy(&r.bands);
}

void run(const Xapian::Database& db, const Xapian::Query& query, const store::BookQuery& q, int64_t offset, Run& r) {
    Xapian::Enquire e(db);
    e.set_query(query);
    e.set_docid_order(Xapian::Enquire::ASCENDING);
    set_sort(e, q.sort);
    const auto first = static_cast<Xapian::doccount>(offset);
    const auto size = static_cast<Xapian::doccount>(q.limit + 1);
    const auto check = std::max<Xapian::doccount>(kCheckAtLeast, first + size);
    if (q.sort == store::BookSort::Relevance) {
        // Ranking stops early on a common word; the spies see what it checked (a fair sample).
        add_facet_spies(e, r);
        r.mset = e.get_mset(first, size, check);
        return;
    }
    // A sort by a value visits every match, and spies there read three more values from each: at a
    // million books "garden" with a price range, sorted by price, took 163 ms with them and 74 ms
    // without (medians, build/bench/search_shapes). The facets come from a sample instead, as for relevance:
    // the first matches an unranked query checks, which stops as soon as it has them.
    r.mset = e.get_mset(first, size, check);
    Xapian::Enquire sample(db);
    sample.set_query(query);
    sample.set_weighting_scheme(Xapian::BoolWeight());
    add_facet_spies(sample, r);
    sample.get_mset(0, 0, kCheckAtLeast);
}

Result answer(const Xapian::Database& db, const store::BookQuery& q, int64_t offset) {
    Result result;
    const auto typed = query_words(q.text);
    std::vector<std::string> words;
    for (const auto& w : typed)
        if (!is_stop_word(w)) words.push_back(w);
    if (words.empty()) {
        result.searched = false;
        result.stop_words_only = !typed.empty();
        return result;
    }
    const QueryBuilder build(db, q.language);
    auto r = std::make_unique<Run>();
    run(db, with_filters(build.all_of(words), q), q, offset, *r);
    if (r->mset.get_matches_estimated() < kFewMatches) {
        const auto fixed = build.corrected(words);
        if (fixed != words) {
            for (const auto& w : fixed) result.suggestion += (result.suggestion.empty() ? "" : " ") + w;
            if (r->mset.empty() && offset == 0) {
                auto again = std::make_unique<Run>();
                run(db, with_filters(build.all_of(fixed), q), q, offset, *again);
                if (!again->mset.empty()) {
                    r = std::move(again);
                    result.corrected = true;
                }
            }
        }
    }
    const auto& m = r->mset;
    for (auto it = m.begin(); it != m.end() && result.ids.size() < static_cast<size_t>(q.limit); ++it)
        result.ids.push_back(static_cast<int64_t>(*it));
    result.more = m.size() > static_cast<Xapian::doccount>(q.limit) && offset + q.limit < kMaxOffset;
    result.total = m.get_matches_estimated();
    result.exact = m.get_matches_lower_bound() == m.get_matches_upper_bound();
    const double seen = r->categories.get_total();
    const double scale = seen > 0 && seen < static_cast<double>(result.total) ? result.total / seen : 1.0;
    result.facets_exact = scale == 1.0;
    result.categories = counts(r->categories, scale);
    result.languages = counts(r->languages, scale);
    result.price_bands = counts(r->bands, scale);
    return result;
}

}  // namespace

void set_index_root(const std::string& root) { g_root = root; }
const std::string& index_root() { return g_root; }

std::vector<std::string> query_words(const std::string& text) {
    // The index's own term generator splits the query, so both sides agree on what a word is.
    Xapian::TermGenerator tg;
    Xapian::Document doc;
    tg.set_document(doc);
    tg.index_text(without_possessives(text.substr(0, 2000)));
    std::vector<std::pair<Xapian::termpos, std::string>> at;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) at.emplace_back(*p, *t);
    std::sort(at.begin(), at.end());
    std::vector<std::string> words;
    std::set<std::string> seen;
    for (const auto& [pos, w] : at) {
        if (words.size() == kMaxWords) break;
        if (seen.insert(w).second) words.push_back(w);
    }
    return words;
}

bool is_stop_word(const std::string& w) {
    static const std::set<std::string> stop = {"a",    "an",   "and", "are",  "as",   "at",   "be",   "by",  "for",
                                               "from", "in",   "is",  "it",   "of",   "on",   "or",   "the", "to",
                                               "with", "that", "this", "was", "were", "will", "into", "its"};
    return stop.count(w) > 0;
}

Result find(const store::BookQuery& q, int64_t offset) {
    if (g_root.empty()) throw Unavailable("search_index_dir is not set");
    offset = std::clamp<int64_t>(offset, 0, kMaxOffset);
    Reader& r = reader();
    for (int attempt = 1;; ++attempt) {
        Xapian::Database& db = r.open();
        try {
            return answer(db, q, offset);
        } catch (const Xapian::DatabaseModifiedError&) {
            // The indexer committed twice while we read: read the latest revision once more.
            if (attempt == 3) throw Unavailable("the search index kept changing under the query");
        } catch (const Xapian::Error& e) {
            r.db.reset();
            throw Unavailable("search index error: " + e.get_description());
        }
    }
}

}  // namespace bf::search
