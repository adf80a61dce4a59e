#pragma once
// An author's public page (/authors/{slug}) needs a slug: given wherever an author's book is made
// (Catalog::create, the sales seed), or the author is missing from /authors.
#include <cstdint>

#include "db/connection.h"

namespace bf::store {

// Gives the author their name as slug when free, else the name with the account id; keeps one they have.
void ensure_author_slug(db::Connection& db, int64_t author_id);

}  // namespace bf::store
