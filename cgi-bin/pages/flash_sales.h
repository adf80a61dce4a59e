#pragma once
// Flash sales as other pages show them (pages/flash_sales.cpp has the sale's own pages).
#include <ctemplate/template.h>

#include <vector>

#include "pages/context.h"
#include "store/flash_sales.h"

namespace bf::pages {

// The home page's "Flash sales": running and upcoming ones, soonest first (FLASH_SALE, HAS_FLASH_SALES).
void add_flash_sales(ctemplate::TemplateDictionary& page, Context& ctx);
// A book's own page mentions its running and upcoming sales (FLASH_SALE).
void add_book_flash_sales(ctemplate::TemplateDictionary& page, const std::vector<store::FlashSale>& sales, Time now);

}  // namespace bf::pages
