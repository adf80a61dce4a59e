#pragma once
// The book named by the path's {id}, when the visitor may change it (its author, or an admin):
// NotFound when there is none, Forbidden when it is another author's. For the dashboard's book pages.
#include "pages/context.h"
#include "store/catalog.h"

namespace bf::pages {

store::Book owned_book(Context& ctx);

}  // namespace bf::pages
