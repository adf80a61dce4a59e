// Pure pieces of the catalogue: search terms, ISBNs, image sniffing, the same-origin rule, the cache.
#include <gtest/gtest.h>

#include <thread>

#include "core/isbn.h"
#include "core/ttl_cache.h"
#include "http/csrf.h"
#include "http/upload.h"
#include "store/catalog.h"

using bf::store::boolean_query;
using bf::store::search_terms;
using V = std::vector<std::string>;

TEST(SearchTerms, KeepOnlyWordsAndDropOperators) {
    EXPECT_EQ(search_terms("The \"Silent\" +Garden -of* (Ashcombe)"), (V{"the", "silent", "garden", "of", "ashcombe"}));
    EXPECT_EQ(search_terms("+-<>()~*\"@ ' ; -- /* */"), V{});
    EXPECT_EQ(search_terms("a b c"), V{}) << "one-letter words are below the index's token size";
    EXPECT_EQ(search_terms("sci-fi SCI-FI"), (V{"sci", "fi"})) << "lowercased, no repeats";
    EXPECT_EQ(search_terms("Café Müller 漢字"), (V{"café", "müller", "漢字"}));
}

TEST(SearchTerms, AreBoundedInCountAndLength) {
    std::string many;
    for (int i = 0; i < 50; ++i) many += "word" + std::to_string(i) + " ";
    EXPECT_EQ(search_terms(many).size(), bf::store::Catalog::kMaxTerms);
    EXPECT_EQ(search_terms(std::string(1000, 'x')), V{}) << "longer than any indexed token";
}

TEST(SearchTerms, BooleanQueryRequiresEveryTermAndPrefixesTheLast) {
    EXPECT_EQ(boolean_query({"silent", "gard"}), "+silent +gard*");
    EXPECT_EQ(boolean_query({"oz"}), "+oz") << "too short to prefix";
    EXPECT_EQ(boolean_query({}), "");
}

TEST(Isbn, ChecksTheCheckDigitAndAcceptsHyphens) {
    EXPECT_EQ(bf::normalize_isbn13("978-0-306-40615-7"), "9780306406157");
    EXPECT_EQ(bf::normalize_isbn13("9780306406157"), "9780306406157");
    EXPECT_FALSE(bf::normalize_isbn13("978-0-306-40615-8"));
    EXPECT_FALSE(bf::normalize_isbn13("97803064061"));
    EXPECT_FALSE(bf::normalize_isbn13("978030640615X"));
    EXPECT_EQ(bf::isbn13_check_digit("978030640615"), '7');
}

TEST(Upload, ImagesAreKnownByTheirBytes) {
    using bf::http::ImageType;
    EXPECT_EQ(bf::http::sniff_image(std::string("\xFF\xD8\xFF\xE0rest", 8)), ImageType::Jpeg);
    EXPECT_EQ(bf::http::sniff_image(std::string("\x89PNG\r\n\x1A\nrest", 12)), ImageType::Png);
    EXPECT_EQ(bf::http::sniff_image(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16)), ImageType::Webp);
    EXPECT_EQ(bf::http::sniff_image(std::string("RIFF\x10\0\0\0WAVEfmt ", 16)), ImageType::Unknown);
    EXPECT_EQ(bf::http::sniff_image("GIF89a"), ImageType::Unknown);
    EXPECT_EQ(bf::http::sniff_image("<svg onload=alert(1)>"), ImageType::Unknown);
    EXPECT_EQ(bf::http::sniff_image(""), ImageType::Unknown);
}

TEST(SameOrigin, TrustsFetchMetadataThenOrigin) {
    const std::string site = "http://shop:8080";
    EXPECT_TRUE(bf::http::same_origin({{"HTTP_SEC_FETCH_SITE", "same-origin"}}, site));
    EXPECT_FALSE(bf::http::same_origin({{"HTTP_SEC_FETCH_SITE", "cross-site"}, {"HTTP_ORIGIN", site}, {"HTTP_HOST", "shop:8080"}}, site));
    EXPECT_TRUE(bf::http::same_origin({{"HTTP_ORIGIN", "http://shop:8080"}, {"HTTP_HOST", "shop:8080"}}, site));
    EXPECT_FALSE(bf::http::same_origin({{"HTTP_ORIGIN", "http://evil"}, {"HTTP_HOST", "shop"}}, site));
    EXPECT_FALSE(bf::http::same_origin({{"HTTP_HOST", "shop"}}, site)) << "no evidence is no";
    EXPECT_FALSE(bf::http::same_origin({{"HTTP_ORIGIN", "http://evil"}, {"HTTP_HOST", "evil"}}, site))
        << "a Host header the client chose proves nothing";
    EXPECT_EQ(bf::http::origin_of("https://shop.example:8443/books?x=1"), "https://shop.example:8443");
    EXPECT_EQ(bf::http::origin_of("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
}

TEST(TtlCache, ExpiresAndStaysBounded) {
    bf::TtlCache<int> cache(std::chrono::milliseconds(30), 2);
    cache.put("a", 1);
    ASSERT_TRUE(cache.get("a"));
    EXPECT_EQ(*cache.get("a"), 1);
    cache.put("b", 2);
    cache.put("c", 3);  // full: cleared first
    EXPECT_FALSE(cache.get("a"));
    EXPECT_TRUE(cache.get("c"));
    std::this_thread::sleep_for(std::chrono::milliseconds(40));
    EXPECT_FALSE(cache.get("c"));
}
