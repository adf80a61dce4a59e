#pragma once
// `bookfair search-index`: the search index's admin command (status, rebuild with a progress bar).
#include <string>

#include "core/clock.h"
#include "core/config.h"

namespace bf::search {

// --rebuild: builds a new index from the database and switches to it (searches keep using the old
// one until then); otherwise prints where the index is, its size and the changes waiting.
int search_index_command(const Config& config, const Clock& clock, bool rebuild);

}  // namespace bf::search
