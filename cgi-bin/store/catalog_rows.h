#pragma once
// Shared by the catalogue's store files: the columns a Book is read from, and the reader.
#include <string>

#include "db/value.h"
#include "store/catalog.h"

namespace bf::store::rows {

// Books aliased b, their author u. Cards leave the description out (it can be long).
std::string book_columns(bool with_description);
inline constexpr size_t kBookColumnCount = 31;
// Reads the columns of book_columns() starting at column `first`.
Book read_book(const db::Row& r, size_t first = 0);

}  // namespace bf::store::rows
