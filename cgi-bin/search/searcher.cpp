#include "search/searcher.h"

#include <unistd.h>

#include <algorithm>
#include <memory>
#include <set>

#include "search/document.h"
#include "search/index_dir.h"
#include "search/ordered_walks.h"

namespace bf::search {
namespace {

std::string g_root;

// Matches examined at least: counts and facets rest on this sample of a common word's books (each
// match costs a read of its facets; a sample twice as large cost 1.4 ms more for two common words).
constexpr Xapian::doccount kCheckAtLeast = 500;
// A query finding fewer books than this is offered a spelling correction.
constexpr Xapian::doccount kFewMatches = 3;

// This thread's reader of the current index.
struct Reader {
    std::string dir;
    std::unique_ptr<Xapian::Database> db;
    bool walks = false;  // the index holds title levels and sort buckets

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
                walks = db->get_metadata(kFormatKey) == kIndexFormat;  // set by the build, never changed
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

// A word as searched: as typed, and its stems in the languages searched ("gardens": "garden").
struct Word {
    std::string typed;
    std::vector<std::string> stems;  // none for a word that is not stemmed (a number, say)
};

// One required part of a query: any of its alternatives (each a few words, all required) and, for a
// last word the index does not hold, the words it begins.
struct Group {
    std::vector<std::vector<Word>> alternatives;
    std::optional<std::string> completions_of;
};

// What a query's words search for, decided once from the index (joined and split words, unknown last
// words) and then asked of every field prefix: the whole text, the title tier and each title level.
using Plan = std::vector<Group>;

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

    // Every word required; a pair typed apart that the catalogue writes as one word ("map maker")
    // also matches the joined word, a long word that splits into two known words ("mapmaker")
    // also matches both, and a last word the index does not hold matches as a prefix ("tolk").
    Plan plan(const std::vector<std::string>& words) const {
        Plan plan;
        for (size_t i = 0; i < words.size(); ++i) {
            const std::string& w = words[i];
            Group g;
            if (i + 1 < words.size() && db_.term_exists(w + words[i + 1])) {
                g.alternatives = {{word(w), word(words[i + 1])}, {word(w + words[i + 1])}};
                ++i;
            } else {
                g.alternatives = {{word(w)}};
                if (const auto halves = split(w)) g.alternatives.push_back({word(halves->first), word(halves->second)});
                if (i + 1 == words.size() && w.size() >= 3 && !db_.term_exists(w)) g.completions_of = w;
            }
            plan.push_back(std::move(g));
        }
        return plan;
    }

    // The plan's query among the terms of `prefix` (none: every field).
    static Xapian::Query query(const Plan& plan, const std::string& prefix = "") {
        std::vector<Xapian::Query> groups;
        for (const auto& g : plan) {
            std::vector<Xapian::Query> any;
            for (const auto& words : g.alternatives) {
                std::vector<Xapian::Query> all;
                for (const auto& w : words) all.push_back(term(w, prefix));
                any.emplace_back(Xapian::Query::OP_AND, all.begin(), all.end());
            }
            if (g.completions_of)
                any.emplace_back(Xapian::Query::OP_WILDCARD, prefix + *g.completions_of, 20, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
            groups.emplace_back(Xapian::Query::OP_OR, any.begin(), any.end());
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
    Word word(const std::string& w) const {
        Word out{w, {}};
        if (should_stem(w))
            for (const auto& stem : stems_) out.stems.push_back(stem(w));
        return out;
    }

    // The word as typed or any word of the same stem ("gardens" finds "garden").
    static Xapian::Query term(const Word& w, const std::string& prefix) {
        if (w.stems.empty()) return Xapian::Query(prefix + w.typed);
        std::set<std::string> terms = {prefix + w.typed};
        for (const auto& stem : w.stems) terms.insert("Z" + prefix + stem);
        return Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
    }

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

// A price range over at most this many of the catalogue's prices is filtered by their bucket terms.
// Wider ranges read the price value: at a million books, "garden" priced 10-20 (10 prices) took
// 2.35 ms with the OR of 10 terms and 1.5-1.8 ms with the value range.
constexpr size_t kPricesAsTerms = 4;

BucketRange price_buckets(const store::BookQuery& q) {
    BucketRange range;
    if (q.min_price) range.low = price_bucket(*q.min_price);
    if (q.max_price) range.high = price_bucket(*q.max_price);
    return range;
}

// The price filter, if any. With sort buckets and few prices in the range, the OR of their terms: a
// narrow range's books are then found from posting lists, where a value range reads the price of
// every book the words match (100 ms for a place's name priced at 123.45 at a million books).
std::optional<Xapian::Query> price_filter(const Xapian::Database& db, bool walks, const store::BookQuery& q) {
    if (!q.min_price && !q.max_price) return std::nullopt;
    if (walks)
        if (auto terms = price_terms(db, price_buckets(q), kPricesAsTerms)) return terms;
    const auto value = [](Cents c) { return Xapian::sortable_serialise(static_cast<double>(c)); };
    if (q.min_price && q.max_price) return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kPrice, value(*q.min_price), value(*q.max_price));
    if (q.min_price) return Xapian::Query(Xapian::Query::OP_VALUE_GE, kPrice, value(*q.min_price));
    return Xapian::Query(Xapian::Query::OP_VALUE_LE, kPrice, value(*q.max_price));
}

// The query with the listing's filters (`price`: the price filter, if any).
Xapian::Query with_filters(const Xapian::Query& text, const store::BookQuery& q, const std::optional<Xapian::Query>& price) {
    std::vector<Xapian::Query> filters;
    if (q.category_id) filters.emplace_back(kCategoryPrefix + std::to_string(*q.category_id));
    if (q.author_id) filters.emplace_back(kAuthorPrefix + std::to_string(*q.author_id));
    if (!q.language.empty()) filters.emplace_back(kLanguagePrefix + q.language);
    if (q.in_stock_only) filters.emplace_back(kInStockTerm);
    if (price) filters.push_back(*price);
    if (filters.empty()) return text;
    return Xapian::Query(Xapian::Query::OP_FILTER, text, Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
}

// One run of a query: the page, the count and the facets.
struct Run {
    explicit Run(bool current_format) : facets(current_format) {}

    std::vector<Xapian::docid> ids;  // the page, and the first book of the next when there is one
    Xapian::doccount estimated = 0;
    bool exact = true;
    FacetSpy facets;

    void count(const Xapian::MSet& m, Xapian::docid last_docid) {
        estimated = facets.matches(m, last_docid);
        exact = m.get_matches_lower_bound() == m.get_matches_upper_bound();
    }
};

// The words' query with the listing's filters; its first tier, the books whose title or author
// holds every word, as one query per title level.
struct Search {
    Xapian::Query query;
    std::vector<Xapian::Query> levels;
    Xapian::Query unpriced;  // the query but for its price filter, which a price sort's buckets apply
};

Search search_for(const Xapian::Database& db, bool walks, const QueryBuilder& build, const std::vector<std::string>& words,
                  const store::BookQuery& q) {
    const Plan plan = build.plan(words);
    const auto text = QueryBuilder::query(plan);
    Search s{with_filters(text, q, price_filter(db, walks, q)), {}, with_filters(text, q, std::nullopt)};
    for (int level = 1; level <= kTitleLevels; ++level) s.levels.push_back(QueryBuilder::query(plan, title_level_prefix(level)));
    return s;
}

void run(const Xapian::Database& db, bool walks, const Search& s, const store::BookQuery& q, int64_t offset, Run& r) {
    const auto first = static_cast<Xapian::doccount>(offset);
    const auto size = static_cast<Xapian::doccount>(q.limit + 1);
    // The count and the facets come from the first matches an unranked query checks, which stops
    // as soon as it has them (spies on a ranked or sorted query would see every match).
    Xapian::Enquire sample(db);
    sample.set_query(s.query);
    sample.set_weighting_scheme(Xapian::BoolWeight());
    sample.add_matchspy(&r.facets);
    r.count(sample.get_mset(0, 0, kCheckAtLeast), db.get_lastdocid());

    const auto key = sort_key(q.sort);
    if (!key) {
        if (walks) {
            r.ids = rank_in_tiers(db, s.query, s.levels, first, size);
        } else {
            Xapian::Enquire e(db);
            e.set_query(s.query);
            e.set_docid_order(Xapian::Enquire::ASCENDING);
            const auto m = e.get_mset(first, size);
            r.ids.assign(m.begin(), m.end());
        }
    } else if (r.exact || !walks) {
        r.ids = sort_every_match(db, s.query, *key, first, size);  // few matches: Xapian sorts them at once
    } else if (key->slot == kPrice) {
        r.ids = walk_buckets(db, s.unpriced, *key, first, size, price_buckets(q));
    } else {
        r.ids = walk_buckets(db, s.query, *key, first, size);
    }
}

Result answer(const Xapian::Database& db, bool walks, const store::BookQuery& q, int64_t offset) {
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
    auto r = std::make_unique<Run>(walks);
    run(db, walks, search_for(db, walks, build, words, q), q, offset, *r);
    if (r->estimated < kFewMatches) {
        const auto fixed = build.corrected(words);
        if (fixed != words) {
            for (const auto& w : fixed) result.suggestion += (result.suggestion.empty() ? "" : " ") + w;
            if (r->ids.empty() && offset == 0) {
                auto again = std::make_unique<Run>(walks);
                run(db, walks, search_for(db, walks, build, fixed, q), q, offset, *again);
                if (!again->ids.empty()) {
                    r = std::move(again);
                    result.corrected = true;
                }
            }
        }
    }
    for (size_t i = 0; i < r->ids.size() && i < static_cast<size_t>(q.limit); ++i)
        result.ids.push_back(static_cast<int64_t>(r->ids[i]));
    result.more = r->ids.size() > static_cast<size_t>(q.limit) && offset + q.limit < kMaxOffset;
    result.total = r->estimated;
    result.exact = r->exact;
    const double seen = r->facets.seen();
    const double scale = seen > 0 && seen < static_cast<double>(result.total) ? result.total / seen : 1.0;
    result.facets_exact = scale == 1.0;
    auto facets = r->facets.counts(scale);
    result.categories = std::move(facets.categories);
    result.languages = std::move(facets.languages);
    result.price_bands = std::move(facets.price_bands);
    return result;
}

}  // namespace

void set_index_root(const std::string& root) { g_root = root; }
const std::string& index_root() { return g_root; }

Result find(const store::BookQuery& q, int64_t offset) {
    if (g_root.empty()) throw Unavailable("search_index_dir is not set");
    offset = std::clamp<int64_t>(offset, 0, kMaxOffset);
    Reader& r = reader();
    for (int attempt = 1;; ++attempt) {
        Xapian::Database& db = r.open();
        try {
            return answer(db, r.walks, q, offset);
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
