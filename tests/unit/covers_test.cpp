// Drawn covers: readable ink on every palette, the stylesheet in step with the palettes, and a
// book's palette fixed by its slug.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "core/covers.h"

namespace {

TEST(Covers, InkIsReadableOnEveryPalette) {
    for (size_t i = 0; i < bf::kCoverPalettes; ++i) {
        const auto& p = bf::cover_palette(i);
        EXPECT_GE(bf::contrast_ratio(p.ink, p.background), 4.5) << "palette " << i << " (WCAG AA for text)";
        EXPECT_GE(bf::contrast_ratio(p.accent, p.background), 3.0) << "palette " << i << " (frame, WCAG non-text)";
    }
    EXPECT_NEAR(bf::contrast_ratio("#000000", "#ffffff"), 21.0, 1e-9);
    EXPECT_NEAR(bf::contrast_ratio("#777777", "#777777"), 1.0, 1e-9);
}

TEST(Covers, StylesheetHasOneRulePerPaletteInOrder) {
    std::ifstream in("static/css/site.css");  // tests run in the source tree
    ASSERT_TRUE(in) << "static/css/site.css";
    std::stringstream css;
    css << in.rdbuf();
    for (size_t i = 0; i < bf::kCoverPalettes; ++i) {
        const auto& p = bf::cover_palette(i);
        const std::string rule = ".cover-placeholder--" + std::to_string(i) + " { background: " + p.background +
                                 "; border-color: " + p.accent + "; color: " + p.ink + "; }";
        EXPECT_NE(css.str().find(rule), std::string::npos) << rule;
    }
    EXPECT_EQ(css.str().find(".cover-placeholder--" + std::to_string(bf::kCoverPalettes) + " "), std::string::npos)
        << "a rule for a palette that does not exist";
}

TEST(Covers, ASlugAlwaysGetsTheSamePaletteAndSlugsUseThemAll) {
    EXPECT_EQ(bf::cover_palette_of("the-silent-harbor-12"), bf::cover_palette_of("the-silent-harbor-12"));
    std::set<size_t> used;
    for (int i = 0; i < 500; ++i) used.insert(bf::cover_palette_of("book-" + std::to_string(i)));
    EXPECT_EQ(used.size(), bf::kCoverPalettes);
}

}  // namespace
