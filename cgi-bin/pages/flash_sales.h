#pragma once
// Flash sales as other pages show them (pages/flash_sales.cpp has the sale's own pages).
#include <ctemplate/template.h>

#include "pages/context.h"

namespace bf::pages {

// The home page's "Flash sales": running and upcoming ones, soonest first (FLASH_SALE, HAS_FLASH_SALES).
void add_flash_sales(ctemplate::TemplateDictionary& page, Context& ctx);

}  // namespace bf::pages
