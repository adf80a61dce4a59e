#include <cstdlib>

#include "pages/readers.h"

namespace bf::pages {

int64_t positive_number(const std::string& text) {
    char* end = nullptr;
    const long long v = std::strtoll(text.c_str(), &end, 10);
    return text.empty() || *end != '\0' || v <= 0 ? 0 : v;
}

}  // namespace bf::pages
