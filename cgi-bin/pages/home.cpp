// The home page: running and upcoming flash sales, featured books, best sellers, new releases and the category tree.
#include "pages/catalog_view.h"
#include "pages/context.h"
#include "pages/flash_sales.h"

namespace bf::pages {
namespace {

constexpr int kShelfSize = 5;

void add_tree(ctemplate::TemplateDictionary& dict, const store::CategoryTree& tree, std::optional<int64_t> parent,
              int depth) {
    for (const auto* c : tree.children(parent)) {
        auto* node = dict.AddSectionDictionary("CATEGORY");
        node->SetValue("NAME", c->name);
        node->SetValue("URL", category_url(*c));
        const auto children = tree.children(c->id);
        if (!children.empty() && depth < 8) {
            auto* sub = node->AddIncludeDictionary("CHILDREN");
            sub->SetFilename("partials/category_tree.tpl");
            add_tree(*sub, tree, c->id, depth + 1);
        }
    }
}

http::Response home(Context& ctx) {
    auto shelves = shelves_cache().get("home");
    if (!shelves) shelves = shelves_cache().put("home", ctx.store.catalog.shelves(kShelfSize));
    const auto tree = category_tree(ctx);

    View view("home.tpl", "Bookfair: books from their authors");
    auto& page = view.page();
    add_flash_sales(page, ctx);
    for (const auto& b : shelves->featured) add_book_card(page, "FEATURED", b);
    if (!shelves->featured.empty()) page.ShowSection("HAS_FEATURED");
    for (const auto& b : shelves->best_sellers) add_book_card(page, "BEST_SELLER", b);
    if (!shelves->best_sellers.empty()) page.ShowSection("HAS_BEST_SELLERS");
    for (const auto& b : shelves->new_releases) add_book_card(page, "NEW_RELEASE", b);
    if (!shelves->new_releases.empty()) page.ShowSection("HAS_NEW_RELEASES");
    if (!tree->all.empty()) {
        auto* t = page.AddIncludeDictionary("CATEGORY_TREE");
        t->SetFilename("partials/category_tree.tpl");
        add_tree(*t, *tree, std::nullopt, 0);
        page.ShowSection("HAS_CATEGORIES");
    }
    return ctx.render(view);
}

}  // namespace

void register_home_routes(App& app) { app.add("GET", "/", {home}); }

}  // namespace bf::pages
