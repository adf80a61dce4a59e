#include "search/words.h"

#include <xapian.h>

#include <algorithm>
#include <set>

#include "search/document.h"

namespace bf::search {

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

}  // namespace bf::search
