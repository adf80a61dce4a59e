#pragma once
// What the catalogue's pages share: book cards, stock wording, cover addresses, and the
// in-process caches that keep a page to a query or two.
#include <ctemplate/template.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/ttl_cache.h"

#include "pages/context.h"
#include "search/searcher.h"
#include "store/catalog.h"

namespace bf::pages {

std::string book_url(const store::Book& b);
std::string author_url(const std::string& slug);
std::string category_url(const store::Category& c);
// The uploaded or generated cover's address, or "" for the drawn placeholder.
std::string cover_url(const std::optional<std::string>& cover_path);

enum class StockState { InStock, Low, Backorder, Out, EbookOnly };
StockState stock_state(const store::Book& b);
std::string stock_text(const store::Book& b);

// A book's average rating ("4.39") to one decimal, rounded ("4.4"), for cards.
std::string rating_short(const std::string& average);

// Fills a section dictionary `section` of `parent` with one book card (partials/book_card.tpl).
void add_book_card(ctemplate::TemplateDictionary& parent, const ctemplate::TemplateString& section,
                   const store::Book& b);
// COVER (COVER_URL, ALT), or NO_COVER with the placeholder's PALETTE (from the book's slug).
void add_cover(ctemplate::TemplateDictionary& dict, const std::optional<std::string>& cover_path,
               const std::string& cover_alt, const std::string& title, const std::string& slug);
void add_cover(ctemplate::TemplateDictionary& dict, const store::Book& b);
// STOCK_TEXT and STOCK_CLASS (ok, low, out).
void add_stock(ctemplate::TemplateDictionary& dict, const store::Book& b);
// AUTHOR, and AUTHOR_URL when the author has a public page (else NO_AUTHOR_URL).
void add_author_link(ctemplate::TemplateDictionary& dict, const store::Book& b);
// Price, sale price and currency of a book into `dict` (PRICE, ON_SALE/OLD_PRICE).
void add_price(ctemplate::TemplateDictionary& dict, const store::Book& b);

// The languages a book may be written in: ISO 639-1 code and English name.
const std::vector<std::pair<std::string, std::string>>& languages();
std::string language_name(const std::string& code);

// A book page's data: the book and its two shelves of neighbours.
struct BookPageData {
    store::Book book;
    store::Related related;
    std::vector<store::FlashSale> flash_sales;  // running and upcoming sales of the book
    std::optional<store::DigitalEdition> ebook;  // the digital edition, when there is one
};

// Public catalogue data for a second: the same staleness nginx's microcache allows, so a
// logged-in page (never cached by nginx) costs its session lookup and little else.
// A listing's page, with what the search index adds to a text search's (facets, a suggestion).
struct FoundBooks {
    store::BookPage page;
    search::Result engine;
    bool by_engine = false;  // false: the database answered (no text, or no usable index)
};
TtlCache<FoundBooks>& listing_cache();
TtlCache<BookPageData>& book_cache();
TtlCache<store::Shelves>& shelves_cache();

// The category tree changes rarely (seeding, admin work): cached per process for up to 30 s, and
// read again when the database's tree version (checked at most once a second) has moved on, so every
// process sees an admin's change within a second. When `needed_slug` is not in the cached tree it is
// read again at once: a new category is found by the first page that asks for it.
std::shared_ptr<const store::CategoryTree> category_tree(Context& ctx, const std::string& needed_slug = "");
// The same, read again at once when it lacks this category (a book put in a category made a moment ago).
std::shared_ptr<const store::CategoryTree> category_tree_holding(Context& ctx, int64_t category_id);
// Drops this process's cached catalogue data after an edit, so the editor sees it at once
// (other processes and nginx's microcache catch up within a second).
void catalog_changed();

}  // namespace bf::pages
