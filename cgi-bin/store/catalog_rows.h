#pragma once
// Shared by the catalogue's store files: the columns a Book is read from, and the reader.
#include <string>

#include "db/value.h"
#include "store/catalog.h"

namespace bf::store::rows {

// Books aliased b, their author u. Cards leave the description out (it can be long).
std::string book_columns(bool with_description);
inline constexpr size_t kBookColumnCount = 32;
// Books first, always: every listing walks a books index in its sort order and looks each author
// up by primary key. Left to itself the optimizer may scan a small users table first and sort.
inline constexpr const char* kBooksWithAuthors = "books b STRAIGHT_JOIN users u ON u.id = b.author_id";
// Reads the columns of book_columns() starting at column `first`.
Book read_book(const db::Row& r, size_t first = 0);

}  // namespace bf::store::rows
