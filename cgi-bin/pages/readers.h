#pragma once
// What the readers' areas (reviews, wishlists, settings) share, and what they add to the book page.
#include <ctemplate/template.h>

#include "pages/context.h"
#include "store/catalog.h"

namespace bf::pages {

// The book page's reviews section (RATING_SUMMARY, REVIEW rows, the visitor's own review and the
// write/edit link). Public data is cached per book, sort and page for a second; the visitor's own
// review, votes and wishlists cost one query when logged in, and are returned for the wishlist choice.
store::VisitorReviews add_book_reviews(ctemplate::TemplateDictionary& page, Context& ctx, const store::Book& book);
// Drops what this process keeps of visitors' own reviews, votes and wishlists (after any request that
// may have changed them).
void forget_visitor_data();
// "Save to a wishlist" on the book page: the visitor's lists (read by add_book_reviews), or a login link.
void add_wishlist_choice(ctemplate::TemplateDictionary& page, Context& ctx, const store::Book& book,
                         const std::vector<std::pair<int64_t, std::string>>& lists);

}  // namespace bf::pages
