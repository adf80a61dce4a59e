#pragma once
// What lists the whole shop for finding it: the authors index and the sitemap's pages. Each read is
// one indexed query over a bounded range, however large the catalogue.
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

struct AuthorEntry {
    int64_t id = 0;
    std::string slug;
    std::string name;
    int64_t books = 0;  // published
};

// Where a page of the authors index starts: after this name and id.
struct AuthorMark {
    std::string name;
    int64_t id = 0;
};

struct SitemapEntry {
    std::string path;  // "/books/the-lantern-keeper"
    std::optional<Time> modified;
};

class Directory {
public:
    explicit Directory(db::Connection& db) : db_(db) {}

    // Authors with at least one published book, by name (keyset: after `after`), up to `limit`.
    std::vector<AuthorEntry> authors(const std::optional<AuthorMark>& after, int limit);

    // The sitemap's book pages cover ids [page * size, (page + 1) * size): a primary-key range, so
    // the index needs only the highest id and each page reads at most `size` rows.
    int64_t book_pages(int64_t size);
    std::vector<SitemapEntry> books(int64_t page, int64_t size);
    // Categories and authors (their pages), for the sitemap's first page.
    std::vector<SitemapEntry> categories_and_authors();

private:
    db::Connection& db_;
};

}  // namespace bf::store
