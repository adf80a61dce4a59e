#include "pages/catalog_view.h"

#include <chrono>
#include <cstdlib>

#include "core/covers.h"
#include "core/templates.h"
#include "core/ttl_cache.h"
#include "core/text.h"
#include "store/reviews.h"

namespace bf::pages {
namespace {

// The tree with the version it was read at.
struct VersionedTree {
    int64_t version = 0;
    store::CategoryTree tree;
};

TtlCache<VersionedTree>& tree_cache() {
    static TtlCache<VersionedTree> cache(std::chrono::seconds(30), 4);
    return cache;
}

// The database's tree version, asked at most once a second per process.
TtlCache<int64_t>& tree_version_cache() {
    static TtlCache<int64_t> cache(std::chrono::seconds(1), 4);
    return cache;
}

int64_t current_tree_version(Context& ctx) {
    if (const auto v = tree_version_cache().get("version")) return *v;
    return *tree_version_cache().put("version", ctx.store.catalog.category_version());
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& languages() {
    static const std::vector<std::pair<std::string, std::string>> list = {
        {"en", "English"}, {"fr", "French"}, {"de", "German"}, {"es", "Spanish"}, {"it", "Italian"},
        {"pt", "Portuguese"}, {"nl", "Dutch"}, {"sv", "Swedish"}, {"pl", "Polish"}, {"ja", "Japanese"}};
    return list;
}

std::string language_name(const std::string& code) {
    for (const auto& [c, name] : languages())
        if (c == code) return name;
    return code;
}

TtlCache<FoundBooks>& listing_cache() {
    static TtlCache<FoundBooks> cache(std::chrono::seconds(1), 2000);
    return cache;
}

TtlCache<BookPageData>& book_cache() {
    static TtlCache<BookPageData> cache(std::chrono::seconds(1), 2000);
    return cache;
}

TtlCache<store::Shelves>& shelves_cache() {
    static TtlCache<store::Shelves> cache(std::chrono::seconds(1), 2);
    return cache;
}

std::string book_url(const store::Book& b) { return "/books/" + b.slug; }
std::string author_url(const std::string& slug) { return slug.empty() ? "" : "/authors/" + slug; }
std::string category_url(const store::Category& c) { return "/categories/" + c.slug; }

std::string cover_url(const std::optional<std::string>& cover_path) {
    return cover_path && !cover_path->empty() ? "/uploads/" + *cover_path : "";
}

StockState stock_state(const store::Book& b) {
    if (!b.print_edition) return StockState::EbookOnly;  // a licence is never short
    if (b.stock > b.low_stock_threshold) return StockState::InStock;
    if (b.stock > 0) return StockState::Low;
    return b.allow_backorder ? StockState::Backorder : StockState::Out;
}

std::string stock_text(const store::Book& b) {
    switch (stock_state(b)) {
        case StockState::InStock: return "In stock";
        case StockState::Low: return "Only " + std::to_string(b.stock) + " left";
        case StockState::Backorder: return "Available on backorder";
        case StockState::Out: return "Out of stock";
        // A listing does not know whether the ebook's file is up yet: the book page says "coming soon"
        // or "download at once" from the edition itself.
        case StockState::EbookOnly: return "Ebook only";
    }
    return "";
}

namespace {

// The names partials/book_card.tpl (and the book page) fill, with their ctemplate ids.
const templates::Name kPrice("PRICE"), kOldPrice("OLD_PRICE"), kOnSale("ON_SALE"), kAuthor("AUTHOR"),
    kAuthorUrl("AUTHOR_URL"), kHasAuthorUrl("HAS_AUTHOR_URL"), kNoAuthorUrl("NO_AUTHOR_URL"),
    kUrl("URL"), kSlug("SLUG"), kTitle("TITLE"), kCover("COVER"), kCoverUrl("COVER_URL"), kAlt("ALT"),
    kNoCover("NO_COVER"), kStockText("STOCK_TEXT"),
    kStockClass("STOCK_CLASS"), kRated("RATED"), kRating("RATING"), kRatingCount("RATING_COUNT"),
    kPalette("PALETTE");

}  // namespace

void add_price(ctemplate::TemplateDictionary& dict, const store::Book& b) {
    dict.SetValue(kPrice, format_money(b.price_now(), b.currency));
    if (b.sale_price) dict.SetValueAndShowSection(kOldPrice, format_money(b.price, b.currency), kOnSale);
}

void add_cover(ctemplate::TemplateDictionary& dict, const std::optional<std::string>& cover_path,
               const std::string& cover_alt, const std::string& title, const std::string& slug) {
    const std::string cover = cover_url(cover_path);
    if (!cover.empty()) {
        auto* c = dict.AddSectionDictionary(kCover);
        c->SetValue(kCoverUrl, cover);
        c->SetValue(kAlt, cover_alt.empty() ? "Cover of " + title : cover_alt);
    } else {
        dict.ShowSection(kNoCover);
        dict.SetIntValue(kPalette, static_cast<long>(cover_palette_of(slug)));
    }
}

void add_cover(ctemplate::TemplateDictionary& dict, const store::Book& b) {
    add_cover(dict, b.cover_path, b.cover_alt, b.title, b.slug);
}

void add_stock(ctemplate::TemplateDictionary& dict, const store::Book& b) {
    const StockState s = stock_state(b);
    dict.SetValue(kStockText, stock_text(b));
    dict.SetValue(kStockClass, s == StockState::InStock || s == StockState::EbookOnly ? "ok"
                               : s == StockState::Out                                ? "out"
                                                                                     : "low");
}

void add_author_link(ctemplate::TemplateDictionary& dict, const store::Book& b) {
    dict.SetValue(kAuthor, b.author_name);
    if (!b.author_slug.empty()) dict.SetValueAndShowSection(kAuthorUrl, author_url(b.author_slug), kHasAuthorUrl);
    else dict.ShowSection(kNoAuthorUrl);
}

std::string rating_short(const std::string& average) {
    // "4.39" -> "4.4": rounded, so a card never says less than the book page's exact figure rounds to.
    const int64_t tenths = (store::parse_rating(average) + 5) / 10;
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

namespace {

const templates::Name kCard("CARD");

// Everything a card shows, so a card kept under this key is the card the book would render now.
std::string card_key(const store::Book& b) {
    return std::to_string(b.id) + "|" + b.slug + "|" + b.title + "|" + b.author_name + "|" + b.author_slug + "|" +
           std::to_string(b.price) + "|" + (b.sale_price ? std::to_string(*b.sale_price) : "-") + "|" + b.currency +
           "|" + std::to_string(b.stock) + "|" + std::to_string(b.low_stock_threshold) + "|" +
           (b.allow_backorder ? "b" : "-") + "|" + b.rating_avg + "|" + std::to_string(b.rating_count) + "|" +
           b.cover_path.value_or("") + "|" + b.cover_alt;
}

std::string render_card(const store::Book& b) {
    ctemplate::TemplateDictionary d("book_card");
    d.SetValue(kUrl, book_url(b));
    d.SetValue(kSlug, b.slug);
    d.SetValue(kTitle, b.title);
    add_author_link(d, b);
    add_cover(d, b);
    add_price(d, b);
    add_stock(d, b);
    if (b.rating_count > 0) {
        auto* r = d.AddSectionDictionary(kRated);
        r->SetValue(kRating, rating_short(b.rating_avg));
        r->SetIntValue(kRatingCount, b.rating_count);
    }
    return templates::render("partials/book_card.tpl", d);
}

// Rendered cards, keyed by everything they show (so never stale), shared by every page that
// lists books: expanding twenty cards was most of a listing's rendering time.
TtlCache<std::string>& card_cache() {
    static TtlCache<std::string> cache(std::chrono::seconds(60), 5000);
    return cache;
}

}  // namespace

void add_book_card(ctemplate::TemplateDictionary& parent, const ctemplate::TemplateString& section,
                   const store::Book& b) {
    const std::string key = card_key(b);
    auto card = card_cache().get(key);
    if (!card) card = card_cache().put(key, render_card(b));
    // The card was rendered from our own auto-escaping template: it is HTML, not text.
    parent.AddSectionDictionary(section)->SetValue(kCard, *card);
}

namespace {

// The cached tree if it is current and `holds` it, else the tree read again.
template <class Holds>
std::shared_ptr<const store::CategoryTree> tree_that(Context& ctx, Holds holds) {
    auto cached = tree_cache().get("tree");
    if (cached && holds(cached->tree) && cached->version == current_tree_version(ctx)) return {cached, &cached->tree};
    // The version is read before the tree: a change committed in between makes the next check read again.
    const int64_t version = ctx.store.catalog.category_version();
    tree_version_cache().put("version", version);
    const auto fresh = tree_cache().put("tree", VersionedTree{version, ctx.store.catalog.categories()});
    return {fresh, &fresh->tree};
}

}  // namespace

std::shared_ptr<const store::CategoryTree> category_tree(Context& ctx, const std::string& needed_slug) {
    return tree_that(ctx, [&](const store::CategoryTree& t) { return needed_slug.empty() || t.find_slug(needed_slug); });
}

std::shared_ptr<const store::CategoryTree> category_tree_holding(Context& ctx, int64_t category_id) {
    return tree_that(ctx, [&](const store::CategoryTree& t) { return t.find(category_id) != nullptr; });
}

void catalog_changed() {
    tree_version_cache().clear();
    tree_cache().clear();
    listing_cache().clear();
    book_cache().clear();
    shelves_cache().clear();
}

}  // namespace bf::pages
