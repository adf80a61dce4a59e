// The catalogue for everyone: /books (search, filters, sorts, pages), a book's page, an
// author's and a category's pages, and the view beacon.
//
// Anonymous pages set no cookie and hold no CSRF token, so nginx may micro-cache them. The
// book page's add-to-cart form therefore carries a token only for visitors with a session;
// a guest's post is accepted by /cart/items through a same-origin check instead (see
// Route::guest_same_origin in pages/app.h).
//
// Views: nginx answers most anonymous hits from its cache and the worker never sees them, so
// the book page counts its views through a tiny uncached beacon image (/books/{id}/seen); the
// beacon only bumps a counter in memory (see store/view_counter.h).
#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdlib>

#include "core/crypto.h"
#include "core/errors.h"
#include "core/log.h"
#include "core/money.h"
#include "core/templates.h"
#include "core/text.h"
#include "pages/catalog_view.h"
#include "pages/context.h"
#include "pages/flash_sales.h"
#include "pages/readers.h"
#include "search/document.h"

namespace bf::pages {
namespace {

constexpr int kPageSize = 20;
constexpr int kShelfSize = 4;
constexpr int kBookSales = 3;  // running and upcoming flash sales mentioned on a book's page

// ---- listing state: everything lives in the URL, so a page can be bookmarked ----

struct Listing {
    std::string q;
    std::string category;  // slug
    std::string min_price;
    std::string max_price;
    bool prices_swapped = false;  // "from" was above "to": the range is read the other way round
    bool in_stock = false;
    std::string language;
    std::string sort;
    std::string after;
    std::string before;
    store::BookQuery query;
};

Listing read_listing(const http::Request& req, const store::CategoryTree& tree) {
    Listing l;
    l.q = req.field("q");
    l.category = req.field("category");
    l.min_price = trim(req.field("min"));
    l.max_price = trim(req.field("max"));
    l.in_stock = req.field("stock") == "1";
    l.language = req.field("lang");
    l.after = req.field("after");
    if (l.after.empty()) l.before = req.field("before");
    auto& q = l.query;
    q.text = l.q;
    q.limit = kPageSize;
    if (const auto* c = tree.find_slug(l.category)) q.category_id = c->id;
    else l.category.clear();
    // A price that does not parse is dropped rather than refused: the page still answers.
    if (const auto v = parse_money(l.min_price)) q.min_price = *v;
    else l.min_price.clear();
    if (const auto v = parse_money(l.max_price)) q.max_price = *v;
    else l.max_price.clear();
    if (q.min_price && q.max_price && *q.min_price > *q.max_price) {
        std::swap(q.min_price, q.max_price);
        std::swap(l.min_price, l.max_price);
        l.prices_swapped = true;
    }
    q.in_stock_only = l.in_stock;
    if (language_name(l.language) != l.language) q.language = l.language;
    else l.language.clear();
    const bool searching = !store::search_terms(l.q).empty();
    const auto sort = store::parse_sort(req.field("sort"));
    q.sort = sort && (searching || *sort != store::BookSort::Relevance) ? *sort
             : searching                                                ? store::BookSort::Relevance
                                                                        : store::BookSort::Newest;
    l.sort = store::sort_name(q.sort);
    q.after = l.after;
    q.before = l.before;
    return l;
}

// The address of this listing at another page: after a cursor (the next page), before one (the
// previous page), or neither (the first page). The cursor says where the page is, so it can be bookmarked.
std::string listing_url(const std::string& base, const Listing& l, const std::string& after,
                        const std::string& before = "") {
    std::string qs;
    auto add = [&](const char* name, const std::string& value) {
        if (!value.empty()) qs += (qs.empty() ? "?" : "&") + std::string(name) + "=" + url_encode(value);
    };
    add("q", l.q);
    if (base == "/books") add("category", l.category);
    add("min", l.min_price);
    add("max", l.max_price);
    add("stock", l.in_stock ? "1" : "");
    add("lang", l.language);
    add("sort", l.sort);
    add("after", after);
    add("before", before);
    return base + qs;
}

std::string cache_key(const store::BookQuery& q) {
    auto opt = [](const std::optional<int64_t>& v) { return v ? std::to_string(*v) : std::string("-"); };
    return std::string(store::sort_name(q.sort)) + "|" + opt(q.category_id) + "|" + opt(q.author_id) + "|" +
           opt(q.min_price) + "|" + opt(q.max_price) + "|" + (q.in_stock_only ? "1" : "0") + "|" + q.language + "|" +
           std::to_string(q.limit) + "|" + q.after + "|" + q.before + "|" + q.text;
}

// ---- text search: the search index, or the database when the index cannot answer ----

// A page of the search index's answer is an offset, carried in the cursor like the database's keys.
std::string engine_cursor(store::BookSort sort, int64_t offset) {
    return crypto::base64url_encode(std::string("search.") + store::sort_name(sort) + "." + std::to_string(offset));
}

std::optional<int64_t> engine_offset(const std::string& cursor, store::BookSort sort) {
    std::string raw;
    const std::string prefix = std::string("search.") + store::sort_name(sort) + ".";
    if (cursor.size() > 100 || !crypto::base64url_decode(cursor, raw) || raw.rfind(prefix, 0) != 0) return std::nullopt;
    return parse_int(raw.substr(prefix.size()), 0, search::kMaxOffset);
}

// The index's answer, or nullopt when it has none (no index yet, a broken one): said in the log
// once when search falls back to the database and once when the index answers again.
std::optional<FoundBooks> engine_search(Context& ctx, const store::BookQuery& q) {
    static std::atomic<bool> falling_back{false};
    FoundBooks f;
    int64_t offset = 0;
    if (const std::string& c = q.after.empty() ? q.before : q.after; !c.empty()) {
        const auto at = engine_offset(c, q.sort);
        if (at) offset = *at;
        else f.page.bad_cursor = true;
    }
    try {
        f.engine = search::find(q, offset);
    } catch (const search::Unavailable& e) {
        if (!falling_back.exchange(true)) log::warn(std::string("search falls back to the database: ") + e.what());
        return std::nullopt;
    }
    if (falling_back.exchange(false)) log::info("search is answered by the search index again");
    f.by_engine = true;
    f.page.books = ctx.store.catalog.published_in_order(f.engine.ids);
    f.page.total = f.engine.total;
    if (f.engine.more) f.page.next_cursor = engine_cursor(q.sort, offset + q.limit);
    if (offset > 0) f.page.prev_cursor = engine_cursor(q.sort, std::max<int64_t>(0, offset - q.limit));
    return f;
}

std::shared_ptr<const FoundBooks> search(Context& ctx, const store::BookQuery& q) {
    const std::string key = cache_key(q);
    if (auto cached = listing_cache().get(key)) return cached;
    if (!store::search_terms(q.text).empty()) {
        if (auto f = engine_search(ctx, q)) {
            if (f->engine.searched) return listing_cache().put(key, std::move(*f));
            // No word to search by (only words like "the"): every book, as if nothing had been typed.
            store::BookQuery all = q;
            all.text.clear();
            all.after.clear();
            all.before.clear();
            if (all.sort == store::BookSort::Relevance) all.sort = store::BookSort::Newest;
            f->page = ctx.store.catalog.search(all);
            f->page.next_cursor.clear();
            return listing_cache().put(key, std::move(*f));
        }
    }
    return listing_cache().put(key, FoundBooks{ctx.store.catalog.search(q), {}, false});
}

std::string count_text(const FoundBooks& found) {
    const store::BookPage& page = found.page;
    if (page.total_capped) return "1,000+ books";
    static_assert(store::Catalog::kCountCap == 1000, "the wording above names the cap");
    if (page.total == 0) return "No books";
    const std::string n = with_thousands(page.total) + (page.total == 1 ? " book" : " books");
    return found.by_engine && !found.engine.exact ? "About " + n : n;
}

// The names the filters and results fill on every listing, with their ctemplate ids (see templates::Name).
const templates::Name kCategoryOption("CATEGORY_OPTION"), kLanguageOption("LANGUAGE_OPTION"),
    kSortOption("SORT_OPTION"), kValue("VALUE"), kLabel("LABEL"), kDepth("DEPTH"), kSelected("SELECTED"),
    kResult("RESULT");

void add_category_options(ctemplate::TemplateDictionary& dict, const store::CategoryTree& tree,
                          std::optional<int64_t> parent, int depth, const std::string& selected) {
    for (const auto* c : tree.children(parent)) {
        auto* o = dict.AddSectionDictionary(kCategoryOption);
        o->SetValue(kValue, c->slug);
        std::string indent;  // no-break spaces: an <option> keeps them
        for (int i = 0; i < depth * 2; ++i) indent += "\xC2\xA0";
        o->SetValue(kLabel, indent + c->name);
        o->SetIntValue(kDepth, depth);
        if (c->slug == selected) o->ShowSection(kSelected);
        if (depth < 8) add_category_options(dict, tree, c->id, depth + 1, selected);
    }
}

void fill_filters(ctemplate::TemplateDictionary& page, const Listing& l, const store::CategoryTree& tree) {
    page.SetValue("Q", l.q);
    page.SetValue("MIN", l.min_price);
    page.SetValue("MAX", l.max_price);
    if (l.prices_swapped) page.ShowSection("PRICES_SWAPPED");
    if (l.in_stock) page.ShowSection("IN_STOCK_CHECKED");
    add_category_options(page, tree, std::nullopt, 0, l.category);
    for (const auto& [code, name] : languages()) {
        auto* o = page.AddSectionDictionary(kLanguageOption);
        o->SetValue(kValue, code);
        o->SetValue(kLabel, name);
        if (code == l.language) o->ShowSection(kSelected);
    }
    const bool searching = !store::search_terms(l.q).empty();
    const std::pair<store::BookSort, const char*> sorts[] = {
        {store::BookSort::Relevance, "Relevance"},       {store::BookSort::BestSelling, "Best selling"},
        {store::BookSort::Newest, "Newest"},             {store::BookSort::PriceLow, "Price: low to high"},
        {store::BookSort::PriceHigh, "Price: high to low"}, {store::BookSort::Rating, "Highest rated"}};
    for (const auto& [sort, label] : sorts) {
        if (sort == store::BookSort::Relevance && !searching) continue;
        auto* o = page.AddSectionDictionary(kSortOption);
        o->SetValue(kValue, store::sort_name(sort));
        o->SetValue(kLabel, label);
        if (l.sort == store::sort_name(sort)) o->ShowSection(kSelected);
    }
}

// Facets beside a search's results: each links to this search with one more filter.
void add_facets(ctemplate::TemplateDictionary& page, const search::Result& r, const Listing& l, const std::string& base,
                const store::CategoryTree& tree) {
    auto group = [&](const char* heading) {
        auto* g = page.AddSectionDictionary("FACET");
        g->SetValue("HEADING", heading);
        return g;
    };
    auto entry = [&](ctemplate::TemplateDictionary* g, const std::string& label, int64_t count, const Listing& narrowed) {
        auto* e = g->AddSectionDictionary("ENTRY");
        e->SetValue("LABEL", label);
        e->SetValue("COUNT", with_thousands(count));
        e->SetValue("URL", listing_url(narrowed.category != l.category ? "/books" : base, narrowed, ""));
    };
    // Categories one level below the chosen one (or the top level), each counting the books below it.
    const auto* chosen = tree.find_slug(l.category);
    const size_t level = chosen ? tree.path(chosen->id).size() : 0;
    std::vector<std::pair<const store::Category*, int64_t>> below;
    for (const auto& f : r.categories) {
        const auto id = parse_int(f.value, 1, INT64_MAX);
        const auto path = id ? tree.path(*id) : std::vector<const store::Category*>{};
        if (path.size() <= level) continue;
        auto it = std::find_if(below.begin(), below.end(), [&](const auto& p) { return p.first == path[level]; });
        if (it == below.end()) below.emplace_back(path[level], f.count);
        else it->second += f.count;
    }
    std::stable_sort(below.begin(), below.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (below.size() > 1 || (below.size() == 1 && !chosen)) {
        auto* g = group("Category");
        for (size_t i = 0; i < below.size() && i < 8; ++i) {
            Listing narrowed = l;
            narrowed.category = below[i].first->slug;
            entry(g, below[i].first->name, below[i].second, narrowed);
        }
    }
    if (l.language.empty() && r.languages.size() > 1) {
        auto* g = group("Language");
        for (const auto& f : r.languages) {
            Listing narrowed = l;
            narrowed.language = f.value;
            entry(g, language_name(f.value), f.count, narrowed);
        }
    }
    if (l.min_price.empty() && l.max_price.empty() && r.price_bands.size() > 1) {
        auto* g = group("Price");
        const auto& bands = search::price_bands();
        for (size_t i = 0; i < bands.size(); ++i) {
            const auto f = std::find_if(r.price_bands.begin(), r.price_bands.end(),
                                        [&](const auto& x) { return x.value == std::to_string(i); });
            if (f == r.price_bands.end()) continue;
            Listing narrowed = l;
            narrowed.min_price = bands[i].low ? format_plain_amount(bands[i].low) : "";
            narrowed.max_price = bands[i].high ? format_plain_amount(bands[i].high - 1) : "";
            const std::string label = !bands[i].low  ? "Under " + format_money(bands[i].high)
                                      : !bands[i].high ? format_money(bands[i].low) + " and up"
                                                       : format_money(bands[i].low) + " to " + format_money(bands[i].high);
            entry(g, label, f->count, narrowed);
        }
    }
    if (!below.empty() || r.languages.size() > 1 || r.price_bands.size() > 1) page.ShowSection("HAS_FACETS");
}

void fill_results(ctemplate::TemplateDictionary& page, const FoundBooks& result, const Listing& l,
                  const std::string& base, const store::CategoryTree* tree = nullptr) {
    const store::BookPage& found = result.page;
    page.SetValue("COUNT_TEXT", count_text(result));
    for (const auto& b : found.books) add_book_card(page, kResult, b);
    if (found.books.empty()) page.ShowSection("NO_RESULTS");
    if (!found.next_cursor.empty()) page.SetValueAndShowSection("NEXT_URL", listing_url(base, l, found.next_cursor), "HAS_NEXT");
    if (!found.prev_cursor.empty()) {
        page.SetValueAndShowSection("PREV_URL", listing_url(base, l, "", found.prev_cursor), "HAS_PREV");
        page.SetValueAndShowSection("FIRST_URL", listing_url(base, l, ""), "HAS_FIRST");
    }
    if (found.bad_cursor) page.ShowSection("BAD_CURSOR");
    if (!result.by_engine) return;
    const search::Result& r = result.engine;
    if (r.stop_words_only) page.ShowSection("STOP_WORDS");
    if (!r.suggestion.empty()) {
        auto* s = page.AddSectionDictionary("SUGGESTION");
        Listing corrected = l;
        corrected.q = r.suggestion;
        s->SetValue("WORDS", r.suggestion);
        s->SetValue("URL", listing_url(base, corrected, ""));
        if (r.corrected) s->AddSectionDictionary("CORRECTED")->SetValue("TYPED", l.q);
    }
    if (tree && !found.books.empty()) add_facets(page, r, l, base, *tree);
}

void add_breadcrumbs(ctemplate::TemplateDictionary& page, const store::CategoryTree& tree, int64_t category_id) {
    page.ShowSection("HAS_CRUMBS");
    for (const auto* c : tree.path(category_id)) {
        auto* crumb = page.AddSectionDictionary("CRUMB");
        crumb->SetValue("URL", category_url(*c));
        crumb->SetValue("NAME", c->name);
    }
}

// ---- pages ----

http::Response list_books(Context& ctx) {
    const auto tree = category_tree(ctx, ctx.req.field("category"));
    const Listing l = read_listing(ctx.req, *tree);
    const auto found = search(ctx, l.query);
    const auto* category = tree->find_slug(l.category);
    std::string title = "All books";
    if (!store::search_terms(l.q).empty()) title = "Search results";
    else if (category) title = category->name;
    View view("catalog/books.tpl", title);
    auto& page = view.page();
    page.SetValue("HEADING", title);
    if (!store::search_terms(l.q).empty()) page.SetValueAndShowSection("SEARCHED", l.q, "HAS_SEARCH");
    if (category) add_breadcrumbs(page, *tree, category->id);
    page.ShowSection("SHOW_FILTERS");
    fill_filters(page, l, *tree);
    fill_results(page, *found, l, "/books", tree.get());
    return ctx.render(view);
}

http::Response show_category(Context& ctx) {
    const auto tree = category_tree(ctx, ctx.req.param("slug"));
    const auto* category = tree->find_slug(ctx.req.param("slug"));
    if (!category) throw NotFound("There is no such category.");
    Listing l = read_listing(ctx.req, *tree);
    l.category = category->slug;
    l.query.category_id = category->id;
    const auto found = search(ctx, l.query);
    View view("catalog/books.tpl", category->name);
    view.description = excerpt(category->description.empty() ? "Books in " + category->name + ", sold on Bookfair by the people who wrote them."
                                                             : category->description, 160);
    auto& page = view.page();
    page.SetValue("HEADING", category->name);
    if (!category->description.empty()) page.SetValueAndShowSection("DESCRIPTION", category->description, "HAS_DESCRIPTION");
    add_breadcrumbs(page, *tree, category->id);
    page.ShowSection("SHOW_FILTERS");
    if (!tree->children(category->id).empty()) page.ShowSection("HAS_SUBCATEGORIES");
    for (const auto* child : tree->children(category->id)) {
        auto* c = page.AddSectionDictionary("SUBCATEGORY");
        c->SetValue("URL", category_url(*child));
        c->SetValue("NAME", child->name);
    }
    fill_filters(page, l, *tree);
    fill_results(page, *found, l, category_url(*category), tree.get());
    return ctx.render(view);
}

http::Response show_author(Context& ctx) {
    const auto author = ctx.store.catalog.find_author(ctx.req.param("slug"));
    if (!author) throw NotFound("There is no author at this address.");
    const auto tree = category_tree(ctx);
    Listing l = read_listing(ctx.req, *tree);
    l.query.author_id = author->id;
    const auto found = search(ctx, l.query);
    View view("catalog/books.tpl", author->name);
    view.description = excerpt(author->bio.empty() ? "Books by " + author->name + ", sold on Bookfair by the author." : author->bio, 160);
    auto& page = view.page();
    page.SetValue("HEADING", author->name);
    if (!author->bio.empty()) page.SetValueAndShowSection("BIO", author->bio, "HAS_BIO");
    fill_results(page, *found, l, author_url(author->slug));
    return ctx.render(view);
}

std::string beacon_key(const App& app, int64_t id) {
    return crypto::base64url_encode(app.signer().mac("view|" + std::to_string(id))).substr(0, 16);
}

const char* schema_availability(StockState s) {
    switch (s) {
        case StockState::InStock: return "https://schema.org/InStock";
        case StockState::Low: return "https://schema.org/LimitedAvailability";
        case StockState::Backorder: return "https://schema.org/BackOrder";
        case StockState::Out: return "https://schema.org/OutOfStock";
        case StockState::EbookOnly: return "https://schema.org/OnlineOnly";
    }
    return "https://schema.org/OutOfStock";
}

// What a shared link and a search engine see: the meta description, the cover for previews, and the
// schema.org Book with its Offer (JSON-LD, escaped by the template's :o modifier).
void add_link_preview(View& view, const std::string& base_url, const store::Book& b) {
    const std::string about = b.description.empty() ? b.title + " by " + b.author_name + "." : b.description;
    view.description = excerpt(about, 160);
    view.image = cover_url(b.cover_path);
    view.og_type = "book";
    auto& page = view.page();
    page.SetValue("LD_URL", base_url + "/books/" + b.slug);
    if (!b.author_slug.empty()) page.SetValueAndShowSection("LD_AUTHOR_URL", base_url + author_url(b.author_slug), "LD_AUTHOR");
    if (!view.image.empty()) page.SetValueAndShowSection("LD_IMAGE_URL", base_url + view.image, "LD_IMAGE");
    page.SetValue("LD_DESCRIPTION", excerpt(about, 5000));
    page.SetValue("LD_LANGUAGE", b.language);
    page.SetValue("LD_PRICE", format_plain_amount(b.price_now()));
    page.SetValue("LD_CURRENCY", b.currency);
    page.SetValue("LD_AVAILABILITY", schema_availability(stock_state(b)));
}

http::Response show_book(Context& ctx) {
    const std::string slug = ctx.req.param("slug");
    auto data = book_cache().get(slug);
    if (!data) {
        auto book = ctx.store.catalog.find_published(slug);
        if (!book) throw NotFound("This book is not in the catalogue (or not yet).");
        auto related = ctx.store.catalog.related(*book, kShelfSize);
        auto sales = ctx.store.flash_sales.listed(ctx.now(), kBookSales, book->id);
        auto ebook = ctx.store.editions.find(book->id);
        data = book_cache().put(slug, BookPageData{std::move(*book), std::move(related), std::move(sales), std::move(ebook)});
    }
    const store::Book& b = data->book;
    const auto tree = category_tree(ctx);

    View view("catalog/book.tpl", b.title);
    auto& page = view.page();
    page.SetIntValue("ID", b.id);
    page.SetValue("TITLE", b.title);
    if (!b.subtitle.empty()) page.SetValueAndShowSection("SUBTITLE", b.subtitle, "HAS_SUBTITLE");
    add_author_link(page, b);
    add_cover(page, b);
    add_price(page, b);
    add_book_flash_sales(page, data->flash_sales, ctx.now());
    add_stock(page, b);
    const StockState stock = stock_state(b);
    if (stock != StockState::Out && stock != StockState::EbookOnly) {
        auto* buy = page.AddSectionDictionary("CAN_BUY");
        buy->SetIntValue("MAX_QUANTITY", stock == StockState::Backorder ? 10 : std::min<int64_t>(b.stock, 10));
        if (ctx.user() || ctx.session_id()) buy->ShowSection("HAS_SESSION");
    }
    if (data->ebook && data->ebook->buyable()) {
        const auto& e = *data->ebook;
        auto* ebook = page.AddSectionDictionary("EBOOK");
        ebook->SetIntValue("ID", b.id);
        if (b.print_edition) {  // an ebook-only book's price above is already the ebook's
            auto* price = ebook->AddSectionDictionary("EBOOK_PRICE");
            price->SetValue("PRICE", format_money(e.effective_price(), b.currency));
            if (e.sale_price) price->SetValueAndShowSection("OLD_PRICE", format_money(e.price, b.currency), "ON_SALE");
        }
        std::string formats;
        for (const auto& f : e.files)
            if (!f.is_sample) formats += (formats.empty() ? "" : ", ") + to_upper(f.format);
        ebook->SetValue("FORMATS", formats);
        if (ctx.user() || ctx.session_id()) ebook->ShowSection("HAS_SESSION");
        if (const auto* sample = e.sample()) {
            ebook->SetValue("SAMPLE_URL", "/samples/" + std::to_string(sample->id));
            ebook->SetValueAndShowSection("SAMPLE_FORMAT", to_upper(sample->format), "HAS_SAMPLE");
        }
    }
    add_paragraphs(page, b.description);
    if (b.isbn13) page.SetValueAndShowSection("ISBN", *b.isbn13, "HAS_ISBN");
    if (b.page_count) page.SetValueAndShowSection("PAGES", std::to_string(*b.page_count), "HAS_PAGES");
    if (b.publication_date) page.SetValueAndShowSection("PUBLISHED", *b.publication_date, "HAS_PUBLISHED");
    page.SetValue("LANGUAGE", language_name(b.language));
    add_breadcrumbs(page, *tree, b.category_id);
    if (const auto* c = tree->find(b.category_id)) {
        page.SetValue("CATEGORY", c->name);
        page.SetValue("CATEGORY_URL", category_url(*c));
    }
    if (!b.tags.empty()) page.ShowSection("HAS_TAGS");
    for (const auto& tag : b.tags) {
        auto* t = page.AddSectionDictionary("TAG");
        t->SetValue("NAME", tag);
        t->SetValue("URL", "/books?q=" + url_encode(tag));
    }
    if (b.rating_count > 0) {
        auto* r = page.AddSectionDictionary("RATED");
        r->SetValue("RATING", b.rating_avg);
        r->SetIntValue("RATING_COUNT", b.rating_count);
    }
    for (const auto& other : data->related.by_author) add_book_card(page, "BY_AUTHOR", other);
    if (!data->related.by_author.empty()) page.ShowSection("HAS_BY_AUTHOR");
    for (const auto& other : data->related.in_category) add_book_card(page, "IN_CATEGORY", other);
    if (!data->related.in_category.empty()) page.ShowSection("HAS_IN_CATEGORY");
    const auto visitor = add_book_reviews(page, ctx, b);
    add_wishlist_choice(page, ctx, b, visitor.wishlists);
    page.SetValue("BEACON_URL", "/books/" + std::to_string(b.id) + "/seen?k=" + beacon_key(ctx.app, b.id));
    add_link_preview(view, ctx.app.base_url(), b);
    // An ebook-only book whose ebook cannot be bought yet (no file uploaded, or not for sale): it is
    // coming, not to be downloaded at once, and nothing offers to buy it.
    if (!b.print_edition && !(data->ebook && data->ebook->buyable())) {
        page.SetValue("STOCK_TEXT", "Ebook coming soon: not for sale yet");
        page.SetValue("STOCK_CLASS", "out");
        page.ShowSection("EBOOK_COMING");
    }
    return ctx.render(view);
}

// GET /books/{id}/seen: a 1x1 GIF; counts one view in memory when the key is the one the book
// page printed (so random ids cannot fill the table). Never cached, never touches the database.
http::Response book_seen(Context& ctx) {
    const std::string id_text = ctx.req.param("id");
    char* end = nullptr;
    const long long id = std::strtoll(id_text.c_str(), &end, 10);
    if (end && *end == '\0' && id > 0 && ctx.req.field("k") == beacon_key(ctx.app, id)) {
        // One view per visitor (their session, else their address) per book per hour.
        const std::string session = ctx.req.cookie("bf_session");
        const uint64_t visitor = std::hash<std::string>{}(session.empty() ? "addr|" + ctx.req.remote_addr : "s|" + session);
        ctx.app.views().add(id, visitor, ctx.now().seconds() / 3600);
    }
    static const std::string kGif("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff\x21\xf9\x04\x01\x00"
                                  "\x00\x00\x00\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02\x44\x01\x00\x3b",
                                  43);
    http::Response r;
    r.content_type = "image/gif";
    r.body = kGif;
    r.header("Cache-Control", "no-store");
    return r;
}

}  // namespace

void register_catalog_routes(App& app) {
    app.add("GET", "/books", {list_books});
    app.add("GET", "/books/{slug}", {show_book});
    app.add("GET", "/books/{id}/seen", {book_seen});
    app.add("GET", "/authors/{slug}", {show_author});
    app.add("GET", "/categories/{slug}", {show_category});
}

}  // namespace bf::pages
