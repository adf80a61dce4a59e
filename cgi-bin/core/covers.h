#pragma once
// Colours of drawn covers: the SVG covers `bookfair seed --demo` writes, and the placeholder a book
// without a cover shows. static/css/site.css has one .cover-placeholder--N rule per palette, in the
// same order; a unit test keeps the two in step and checks that the ink is readable.
#include <cstddef>
#include <string>
#include <string_view>

namespace bf {

struct CoverPalette {
    const char* background;
    const char* accent;  // frame and ornament
    const char* ink;     // title and author
};

constexpr size_t kCoverPalettes = 12;
const CoverPalette& cover_palette(size_t index);  // any index; wraps around

// A book's palette: the same every time for the same slug, spread evenly over the palettes.
size_t cover_palette_of(std::string_view slug);

// The WCAG 2 contrast ratio of two "#rrggbb" colours, from 1 to 21.
double contrast_ratio(std::string_view a, std::string_view b);

}  // namespace bf
