#include "core/covers.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace bf {
namespace {

// Dark grounds with light ink, then light grounds with dark ink, taking turns, so neighbours on a
// shelf seldom look alike.
constexpr CoverPalette kPalettes[kCoverPalettes] = {
    {"#8a3b12", "#f3c98b", "#fff8ee"}, {"#f2e8d5", "#8a3b12", "#1f2933"}, {"#1f3b57", "#8fc1e3", "#f4f8fb"},
    {"#e7eef2", "#1d5fbf", "#1f2933"}, {"#2f5233", "#b5d99c", "#f6fbf2"}, {"#f4d35e", "#0d3b66", "#1b1b1b"},
    {"#4a2545", "#e0a3c8", "#fdf4fa"}, {"#e9edc9", "#588157", "#1b2d1b"}, {"#0f4c5c", "#e9c46a", "#f1faee"},
    {"#fcd5ce", "#9a031e", "#3b0a12"}, {"#1f2933", "#e4b363", "#fbf8f3"}, {"#ffe8d6", "#cb5a2e", "#2b1a10"}};

// Relative luminance of one sRGB channel (0-255), as WCAG 2 defines it.
double linear(unsigned value) {
    const double c = value / 255.0;
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(std::string_view hex) {
    if (hex.size() != 7 || hex[0] != '#') throw std::invalid_argument("not a #rrggbb colour: " + std::string(hex));
    const unsigned long rgb = std::stoul(std::string(hex.substr(1)), nullptr, 16);
    return 0.2126 * linear((rgb >> 16) & 0xff) + 0.7152 * linear((rgb >> 8) & 0xff) + 0.0722 * linear(rgb & 0xff);
}

}  // namespace

const CoverPalette& cover_palette(size_t index) { return kPalettes[index % kCoverPalettes]; }

size_t cover_palette_of(std::string_view slug) {
    uint32_t hash = 2166136261u;  // FNV-1a: cheap and well spread for short strings
    for (unsigned char c : slug) hash = (hash ^ c) * 16777619u;
    return hash % kCoverPalettes;
}

double contrast_ratio(std::string_view a, std::string_view b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace bf
