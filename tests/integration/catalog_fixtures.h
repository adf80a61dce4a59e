#pragma once
// What the catalogue's and search's integration tests share: books, authors and categories made
// straight through the store, and readers of the listing pages.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness.h"
#include "store/store.h"

namespace bf::test {

// A word no other test (or run) uses: letters only, so search treats it as one term.
std::string unique_word();

struct CatalogDb {
    std::unique_ptr<db::Connection> db = connect_db();
    store::Store store{*db};

    int64_t author(const std::string& name = "Test Author");
    int64_t category(std::optional<int64_t> parent = std::nullopt, const std::string& name = "");
    std::string category_slug(int64_t id);
    // A book, published now unless `publish` is false; answers its id.
    int64_t add_book(int64_t author_id, int64_t category_id, store::BookInput in, bool publish = true);
    // A published book; `published` orders "newest". Answers its slug.
    std::string book(int64_t author_id, int64_t category_id, store::BookInput in, std::optional<Time> published = {});
    int64_t id_of(const std::string& slug);
    std::string slug_of(int64_t id);
};

store::BookInput titled(const std::string& title, Cents price = 1000, int64_t stock = 20);
// The slugs of the book cards on a page, in order.
std::vector<std::string> slugs_on(const std::string& html);
// The href of the page's rel="next" (or rel="prev") link, unescaped; empty when there is none.
std::string page_link(const std::string& html, const std::string& rel);
std::string next_link(const std::string& html);
bool contains(const std::vector<std::string>& v, const std::string& s);

}  // namespace bf::test
