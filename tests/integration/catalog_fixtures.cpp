#include "catalog_fixtures.h"

#include <algorithm>
#include <random>
#include <regex>

#include "core/clock.h"

namespace bf::test {
namespace {

Time now() { return SystemClock().now(); }

}  // namespace

std::string unique_word() {
    static std::mt19937 rng{std::random_device{}()};
    std::string w = "zq";
    for (int i = 0; i < 8; ++i) w += static_cast<char>('a' + rng() % 26);
    return w;
}

int64_t CatalogDb::author(const std::string& name) {
    return store.accounts.upsert_verified({unique_email("author"), name, "author", "!"}, now());
}

int64_t CatalogDb::category(std::optional<int64_t> parent, const std::string& name) {
    const std::string slug = unique_word();
    return store.catalog.add_category(parent, slug, name.empty() ? "Category " + slug : name, "", 0);
}

std::string CatalogDb::category_slug(int64_t id) {
    return db->query_one("SELECT slug FROM categories WHERE id = ?", id)->str(0);
}

int64_t CatalogDb::add_book(int64_t author_id, int64_t category_id, store::BookInput in, bool publish) {
    in.category_id = category_id;
    if (in.title.empty()) in.title = "Book " + unique_word();
    if (in.description.empty()) in.description = "A test book.";
    if (in.price == 0) in.price = 1000;
    const int64_t id = store.catalog.create(author_id, in, now());
    if (publish) store.catalog.set_status(id, store::BookStatus::Published, now());
    return id;
}

std::string CatalogDb::book(int64_t author_id, int64_t category_id, store::BookInput in, std::optional<Time> published) {
    const int64_t id = add_book(author_id, category_id, in, false);
    store.catalog.set_status(id, store::BookStatus::Published, published.value_or(now()));
    return slug_of(id);
}

int64_t CatalogDb::id_of(const std::string& slug) {
    return db->query_one("SELECT id FROM books WHERE slug = ?", slug)->i64(0);
}

std::string CatalogDb::slug_of(int64_t id) { return db->query_one("SELECT slug FROM books WHERE id = ?", id)->str(0); }

store::BookInput titled(const std::string& title, Cents price, int64_t stock) {
    store::BookInput in;
    in.title = title;
    in.price = price;
    in.stock_delta = stock;
    return in;
}

std::vector<std::string> slugs_on(const std::string& html) {
    static const std::regex re("data-book=\"([^\"]+)\"");
    std::vector<std::string> out;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator(); ++it)
        out.push_back((*it)[1].str());
    return out;
}

std::string page_link(const std::string& html, const std::string& rel) {
    const std::regex re("rel=\"" + rel + "\" href=\"([^\"]+)\"");
    std::smatch m;
    if (!std::regex_search(html, m, re)) return "";
    std::string url = m[1].str();
    for (size_t at; (at = url.find("&amp;")) != std::string::npos;) url.replace(at, 5, "&");
    return url;
}

std::string next_link(const std::string& html) { return page_link(html, "next"); }

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace bf::test
