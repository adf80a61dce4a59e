#pragma once
// The ids a seed's multi-row INSERT gave its rows, read back by each row's unique key. They are not
// consecutive on every server: Galera steps auto-increment by the cluster's size
// (wsrep_auto_increment_control), so a seed never computes them from the first one.
#include <cstdint>
#include <string>
#include <vector>

#include "db/connection.h"

namespace bf::store {

// The id of each row whose `key_column` is keys[i], in the order of `keys`; throws when one is missing.
// `table` and `key_column` are the caller's constants, never input.
std::vector<int64_t> ids_by_unique_key(db::Connection& db, const char* table, const char* key_column,
                                       const std::vector<std::string>& keys);

}  // namespace bf::store
