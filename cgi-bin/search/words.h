#pragma once
// What a word is, for queries and titles alike: the index's own term generator splits the text.
#include <string>
#include <vector>

namespace bf::search {

constexpr size_t kMaxWords = 12;  // words of a query searched; the rest are ignored

// The words of `text` as the index splits them: lowercased, in order, each once, at most kMaxWords.
std::vector<std::string> query_words(const std::string& text);
// "the", "of": words that say nothing about a book.
bool is_stop_word(const std::string& word);

}  // namespace bf::search
