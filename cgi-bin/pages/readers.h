#pragma once
// What the readers' areas (reviews, wishlists, settings) share, and what they add to the book page.
#include <ctemplate/template.h>

#include "pages/context.h"
#include "store/catalog.h"

namespace bf::pages {

// The book page's reviews section (RATING_SUMMARY, REVIEW rows, the visitor's own review and the
// write/edit link). Public data is cached per book, sort and page for a second; the visitor's own
// review and votes cost one query each when logged in.
void add_book_reviews(ctemplate::TemplateDictionary& page, Context& ctx, const store::Book& book);
// "Save to a wishlist" on the book page: the visitor's lists (one query), or a login link.
void add_wishlist_choice(ctemplate::TemplateDictionary& page, Context& ctx, const store::Book& book);

}  // namespace bf::pages
