// Finding the shop: /robots.txt, the sitemap (/sitemap.xml, an index of pages of at most
// kSitemapPageSize books each), the authors index (/authors) and the shop's own pages (/pages/{slug},
// linked from every page's footer).
#include "core/errors.h"
#include "core/templates.h"
#include "core/text.h"
#include "core/time.h"
#include "pages/catalog_view.h"
#include "pages/context.h"

namespace bf::pages {
namespace {

constexpr int64_t kSitemapPageSize = 10000;  // the protocol allows 50,000 URLs a file; keep each small
constexpr int kAuthorsPerPage = 60;

http::Response text_response(const std::string& body, const std::string& content_type) {
    http::Response r;
    r.content_type = content_type;
    r.body = body;
    return r;
}

http::Response robots(Context& ctx) {
    ctemplate::TemplateDictionary dict("robots");
    dict.SetValue("SITEMAP_URL", ctx.app.base_url() + "/sitemap.xml");
    return text_response(templates::render("finding/robots.txt.tpl", dict), "text/plain; charset=utf-8");
}

void add_url(ctemplate::TemplateDictionary& dict, const std::string& loc, const std::optional<Time>& modified) {
    auto* u = dict.AddSectionDictionary("URL");
    u->SetValue("LOC", loc);
    if (modified) u->SetValueAndShowSection("LASTMOD", format_iso(*modified), "HAS_LASTMOD");
}

http::Response sitemap_index(Context& ctx) {
    ctemplate::TemplateDictionary dict("sitemap_index");
    const std::string base = ctx.app.base_url();
    dict.AddSectionDictionary("SITEMAP")->SetValue("LOC", base + "/sitemaps/pages");
    const int64_t pages = ctx.store.directory.book_pages(kSitemapPageSize);
    for (int64_t p = 0; p < pages; ++p)
        dict.AddSectionDictionary("SITEMAP")->SetValue("LOC", base + "/sitemaps/books/" + std::to_string(p));
    return text_response(templates::render("finding/sitemap_index.xml.tpl", dict), "application/xml; charset=utf-8");
}

http::Response sitemap_pages(Context& ctx) {
    ctemplate::TemplateDictionary dict("sitemap");
    const std::string base = ctx.app.base_url();
    for (const char* path : {"/", "/books", "/authors"}) add_url(dict, base + path, std::nullopt);
    for (const auto& p : ctx.store.site_pages.all()) add_url(dict, base + "/pages/" + p.slug, p.updated);
    for (const auto& e : ctx.store.directory.categories_and_authors()) add_url(dict, base + e.path, e.modified);
    return text_response(templates::render("finding/sitemap.xml.tpl", dict), "application/xml; charset=utf-8");
}

http::Response sitemap_books(Context& ctx) {
    const auto page = parse_int(ctx.req.param("page"), 0, INT64_MAX / kSitemapPageSize - 1);
    if (!page || *page >= ctx.store.directory.book_pages(kSitemapPageSize)) throw NotFound("There is no such sitemap.");
    ctemplate::TemplateDictionary dict("sitemap");
    const std::string base = ctx.app.base_url();
    for (const auto& e : ctx.store.directory.books(*page, kSitemapPageSize)) add_url(dict, base + e.path, e.modified);
    return text_response(templates::render("finding/sitemap.xml.tpl", dict), "application/xml; charset=utf-8");
}

// GET /authors?after=NAME&id=N: authors by name, a page at a time.
http::Response authors_index(Context& ctx) {
    std::optional<store::AuthorMark> after;
    if (const auto id = parse_int(ctx.req.field("id"), 1, INT64_MAX); id && !ctx.req.field("after").empty())
        after = store::AuthorMark{ctx.req.field("after"), *id};
    auto authors = ctx.store.directory.authors(after, kAuthorsPerPage + 1);
    const bool more = authors.size() > static_cast<size_t>(kAuthorsPerPage);
    if (more) authors.pop_back();
    View view("finding/authors.tpl", "Authors");
    view.description = "Every author who sells their books on Bookfair, from A to Z.";
    auto& page = view.page();
    for (const auto& a : authors) {
        auto* d = page.AddSectionDictionary("AUTHOR");
        d->SetValue("NAME", a.name);
        d->SetValue("URL", author_url(a.slug));
        d->SetValue("BOOKS", a.books == 1 ? "1 book" : with_thousands(a.books) + " books");
    }
    if (authors.empty()) page.ShowSection("NO_AUTHORS");
    if (after) page.ShowSection("HAS_FIRST");
    if (more)
        page.SetValueAndShowSection("NEXT_URL", "/authors?after=" + url_encode(authors.back().name) +
                                                    "&id=" + std::to_string(authors.back().id),
                                    "HAS_NEXT");
    return ctx.render(view);
}

http::Response site_page(Context& ctx) {
    const auto p = ctx.store.site_pages.find(ctx.req.param("slug"));
    if (!p) throw NotFound("There is no such page.");
    View view("finding/page.tpl", p->title);
    view.description = p->summary;
    auto& page = view.page();
    page.SetValue("TITLE", p->title);
    add_paragraphs(page, p->body);
    page.SetValue("UPDATED", format_date(p->updated));
    return ctx.render(view);
}

}  // namespace

void register_finding_routes(App& app) {
    app.add("GET", "/robots.txt", {robots});
    app.add("GET", "/sitemap.xml", {sitemap_index});
    app.add("GET", "/sitemaps/pages", {sitemap_pages});
    app.add("GET", "/sitemaps/books/{page}", {sitemap_books});
    app.add("GET", "/authors", {authors_index});
    app.add("GET", "/pages/{slug}", {site_page});
}

}  // namespace bf::pages
