#include <gtest/gtest.h>

#include "core/money.h"
#include "core/text.h"
#include "core/time.h"
#include "pages/validate.h"

using namespace bf;

TEST(Money, FormatsCentsWithGrouping) {
    EXPECT_EQ(format_money(0), "$0.00");
    EXPECT_EQ(format_money(5), "$0.05");
    EXPECT_EQ(format_money(123456789), "$1,234,567.89");
    EXPECT_EQ(format_money(-1999), "-$19.99");
    EXPECT_EQ(format_money(1000, "EUR"), "\u20ac10.00");
}

TEST(Money, ParsesWithoutFloatingPoint) {
    EXPECT_EQ(parse_money("12"), 1200);
    EXPECT_EQ(parse_money("12.3"), 1230);
    EXPECT_EQ(parse_money(" $1,234.05 "), 123405);
    EXPECT_EQ(parse_money("0.1"), 10);
    EXPECT_FALSE(parse_money("12.345"));
    EXPECT_FALSE(parse_money("-1"));
    EXPECT_FALSE(parse_money("abc"));
    EXPECT_FALSE(parse_money("1."));
    EXPECT_FALSE(parse_money(""));
    EXPECT_FALSE(parse_money("99999999999999"));
}

TEST(Money, BasisPointsRoundHalfUp) {
    EXPECT_EQ(apply_basis_points(1000, 825), 83);  // 8.25% of $10.00 = 82.5 cents
    EXPECT_EQ(apply_basis_points(1999, 1000), 200);
    EXPECT_EQ(apply_basis_points(0, 825), 0);
}

TEST(Text, Utf8Validation) {
    EXPECT_TRUE(is_valid_utf8("plain"));
    EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9 \xF0\x9F\x93\x9A"));
    EXPECT_FALSE(is_valid_utf8("\xC3\x28"));
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\xE2\x82"));          // cut short
}

TEST(Text, CountsSayItemOrItems) {
    EXPECT_EQ(count_of(1, "item", "items"), "1 item");
    EXPECT_EQ(count_of(0, "item", "items"), "0 items");
    EXPECT_EQ(count_of(1200, "item", "items"), "1,200 items");
}

TEST(Text, NewlinesFromABrowserBecomeLineFeeds) {
    EXPECT_EQ(normalize_newlines("a\r\n\r\nb\rc\n"), "a\n\nb\nc\n");
    EXPECT_EQ(normalize_newlines(normalize_newlines("x\r\ny")), "x\ny");
}

TEST(Text, ParagraphsAreSeparatedByBlankLinesOfAnyKind) {
    using V = std::vector<std::string>;
    EXPECT_EQ(paragraphs("One.\n\nTwo,\nstill two.\n\n\nThree."), (V{"One.", "Two,\nstill two.", "Three."}));
    EXPECT_EQ(paragraphs("One.\r\n\r\nTwo."), (V{"One.", "Two."}));
    EXPECT_EQ(paragraphs("One.\n      \n\tTwo."), (V{"One.", "Two."}));  // a line of spaces is blank
    EXPECT_EQ(paragraphs("  \n \n"), V{});
}

TEST(Text, UrlDecodeAndSlug) {
    std::string out;
    EXPECT_TRUE(url_decode("a+b%20c%2F", out));
    EXPECT_EQ(out, "a b c/");
    EXPECT_FALSE(url_decode("%G1", out));
    EXPECT_FALSE(url_decode("abc%", out));
    EXPECT_EQ(slugify("Hello, World! 2nd Edition"), "hello-world-2nd-edition");
    EXPECT_EQ(url_encode("a b&c"), "a%20b%26c");
}

TEST(Text, ExcerptFlattensAndCutsAtAWord) {
    EXPECT_EQ(excerpt("  Short.\n\nTwo  lines ", 160), "Short. Two lines");
    EXPECT_EQ(excerpt("The lantern keeper of Winter Harbor", 20), "The lantern keeper\u2026");
    EXPECT_EQ(excerpt("Zoë and Éloïse, ça va", 12), "Zoë and\u2026") << "code points, not bytes";
    EXPECT_EQ(excerpt("Supercalifragilistic", 8), "Superca\u2026") << "one long word is cut inside";
}

TEST(Time, CivilRoundTripAndFormats) {
    const Time t = from_civil({2026, 11, 22, 13, 58, 47, 123456});
    EXPECT_EQ(format_iso(t), "2026-11-22T13:58:47Z");
    EXPECT_EQ(format_date(t), "2026-11-22");
    EXPECT_EQ(format_http_date(t), "Sun, 22 Nov 2026 13:58:47 GMT");
    const CivilTime c = to_civil(t);
    EXPECT_EQ(c.micros, 123456);
    EXPECT_EQ(format_date(from_civil({2024, 2, 29, 0, 0, 0, 0}).plus_days(1)), "2024-03-01");
}

TEST(Time, DurationsInTheirTwoLargestUnits) {
    EXPECT_EQ(format_duration(0), "0 s");
    EXPECT_EQ(format_duration(-5), "0 s");
    EXPECT_EQ(format_duration(45), "45 s");
    EXPECT_EQ(format_duration(60), "1 min");
    EXPECT_EQ(format_duration(185), "3 min 5 s");
    EXPECT_EQ(format_duration(2 * 3600 + 5 * 60 + 59), "2 h 5 min");
    EXPECT_EQ(format_duration(3 * 86400 + 4 * 3600 + 30), "3 d 4 h");
}

TEST(Validate, Emails) {
    EXPECT_EQ(pages::check_email("a'--@x.io"), "");
    EXPECT_EQ(pages::check_email("name+tag@example.co.uk"), "");
    EXPECT_NE(pages::check_email(""), "");
    EXPECT_NE(pages::check_email("no-at-sign"), "");
    EXPECT_NE(pages::check_email("a@nodot"), "");
    EXPECT_NE(pages::check_email("a b@x.io"), "");
    EXPECT_NE(pages::check_email("a@-x.io"), "");
    EXPECT_EQ(pages::normalize_email("  Ada@Example.COM "), "ada@example.com");
}

TEST(Validate, PasswordsAndNames) {
    EXPECT_NE(pages::check_password("short"), "");
    EXPECT_EQ(pages::check_password("long enough"), "");
    EXPECT_EQ(pages::check_password("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"), "")
        << "eight characters even though sixteen bytes";
    EXPECT_NE(pages::check_display_name(""), "");
    EXPECT_NE(pages::check_display_name("tab\there"), "");
    EXPECT_EQ(pages::check_display_name("<script>alert(1)</script>"), "") << "escaped on output, not refused";
}

TEST(Validate, SafeNextStaysOnSite) {
    EXPECT_EQ(pages::safe_next("/cart"), "/cart");
    EXPECT_EQ(pages::safe_next("//evil.example"), "/account");
    EXPECT_EQ(pages::safe_next("https://evil.example"), "/account");
    EXPECT_EQ(pages::safe_next("/\\evil"), "/account");
    EXPECT_EQ(pages::safe_next(""), "/account");
}

TEST(Text, ParseIntTakesDigitsOnlyWithinTheRange) {
    EXPECT_EQ(bf::parse_int("42", 1, 100), 42);
    EXPECT_EQ(bf::parse_int("0", 0, 10), 0);
    for (const char* bad : {"", "+5", "-5", " 5", "5 ", "5x", "0x10", "1e3", "4294967297"})
        EXPECT_FALSE(bf::parse_int(bad, 1, 1000000)) << bad;
    EXPECT_FALSE(bf::parse_int("101", 1, 100));
    EXPECT_FALSE(bf::parse_int("1234567890123", 0, INT64_MAX)) << "more than 12 digits";
}

TEST(Text, SplitTrimmedDropsEmptyPieces) {
    EXPECT_EQ(bf::split_trimmed(" sea, war,, dragons ,"), (std::vector<std::string>{"sea", "war", "dragons"}));
    EXPECT_TRUE(bf::split_trimmed("").empty());
    EXPECT_TRUE(bf::split_trimmed(" , ,").empty());
    EXPECT_EQ(bf::split_trimmed("a|b", '|'), (std::vector<std::string>{"a", "b"}));
}

TEST(Text, PlainTextRefusesControlCharactersAndBrokenUtf8) {
    EXPECT_TRUE(bf::is_plain_text("Émile, 12 rue d'Été", false));
    EXPECT_FALSE(bf::is_plain_text("line\nbreak", false));
    EXPECT_TRUE(bf::is_plain_text("line\r\nbreak\tand tab", true));
    EXPECT_FALSE(bf::is_plain_text(std::string("nul\0here", 8), true));
    EXPECT_FALSE(bf::is_plain_text("bell\x07", true));
    EXPECT_FALSE(bf::is_plain_text("del\x7f", true));
    EXPECT_FALSE(bf::is_plain_text("\xc3\x28", true)) << "broken UTF-8";
}

TEST(Text, Utf8PrefixCountsCharactersAndNeverCutsOne) {
    EXPECT_EQ(bf::utf8_prefix("abc", 2), "ab");
    EXPECT_EQ(bf::utf8_prefix("abc", 5), "abc");
    EXPECT_EQ(bf::utf8_prefix("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z", 3), "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
    EXPECT_EQ(bf::utf8_prefix("\xE2\x82\xAC\xE2\x82\xAC", 1), "\xE2\x82\xAC");
    EXPECT_EQ(bf::utf8_prefix("", 0), "");
}
