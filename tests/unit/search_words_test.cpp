// How search splits a query into words: the index's own term generator, lowercased, in order,
// each once, at most kMaxWords; odd Unicode never throws.
#include <gtest/gtest.h>

#include "search/document.h"
#include "search/searcher.h"

using bf::search::query_words;

TEST(SearchWords, LowercasedInOrderEachOnce) {
    EXPECT_EQ(query_words("The Map  MAKER map"), (std::vector<std::string>{"the", "map", "maker"}));
    EXPECT_EQ(query_words("Café au lait"), (std::vector<std::string>{"café", "au", "lait"}));
    EXPECT_TRUE(query_words("").empty());
    EXPECT_TRUE(query_words("+-*()\"'").empty());
}

TEST(SearchWords, LongAndOddQueriesAreBounded) {
    std::string many;
    for (int i = 0; i < 40; ++i) many += "word" + std::to_string(i) + " ";
    EXPECT_EQ(query_words(many).size(), bf::search::kMaxWords);
    EXPECT_TRUE(query_words(std::string(1000, 'x')).empty()) << "a 1,000-letter word is no word";
    for (const std::string odd : {std::string("\xFF\xFE\xFD"), std::string("\xE2\x80\x8B"), std::string("\xF0\x9F\x93\x9A"),
                                  std::string("e\xCC\x81"), std::string(1, '\0') + "abc"})
        EXPECT_NO_THROW(query_words(odd));
}

TEST(SearchWords, StopWordsAndPriceBands) {
    EXPECT_TRUE(bf::search::is_stop_word("the"));
    EXPECT_FALSE(bf::search::is_stop_word("garden"));
    EXPECT_EQ(bf::search::price_band_of(999), 0u);
    EXPECT_EQ(bf::search::price_band_of(1000), 1u);
    EXPECT_EQ(bf::search::price_band_of(100000), bf::search::price_bands().size() - 1);
    EXPECT_EQ(bf::search::stemmer_name("fr"), "french");
    EXPECT_EQ(bf::search::stemmer_name("ja"), "");
}

TEST(SearchWords, PossessivesAreTheirWord) {
    EXPECT_EQ(bf::search::without_possessives("The Beekeeper's Feather"), "The Beekeeper Feather");
    EXPECT_EQ(bf::search::without_possessives("Wren\xE2\x80\x99s song"), "Wren song");
    EXPECT_EQ(bf::search::without_possessives("it's 'sunny' o'sullivan"), "it 'sunny' o'sullivan");
    EXPECT_EQ(query_words("beekeeper's"), (std::vector<std::string>{"beekeeper"}));
}
