#pragma once
// What the digest emails report: authors' sales over a period and the books published in one.
//
// NOT YET WIRED: the SQL below is written against the catalogue and order tables as DESIGN.md
// describes them (books, orders, order_items), which this branch does not have. The mailer calls
// these only from producers that mailer/digests.cpp registers once those tables exist; adapt the
// column names there and then. Assumed columns:
//   books       (id, author_id -> users.id, title, slug, price_cents, published_at DATETIME(6) NULL)
//   orders      (id, status 'paid' once paid, paid_at DATETIME(6)), index (status, paid_at)
//   order_items (order_id, book_id, quantity, unit_price_cents)
#include <cstdint>
#include <string>
#include <vector>

#include "core/money.h"
#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

struct BookFigures {
    int64_t book_id = 0;
    std::string title;
    int64_t units = 0;
    Cents revenue = 0;
};

// One author's sales in a period, book by book (by title); only books that sold.
struct AuthorFigures {
    int64_t author_id = 0;
    std::string email;
    std::string display_name;
    std::vector<BookFigures> books;
};

struct NewBook {
    int64_t id = 0;
    std::string title;
    std::string slug;
    std::string author_name;
    Cents price = 0;
};

class Digests {
public:
    explicit Digests(db::Connection& db) : db_(db) {}
    // Authors who want sales emails (users.author_digests) and sold something in [from, to).
    std::vector<AuthorFigures> author_sales(Time from, Time to);
    // Books published in [from, to), newest first, at most `limit`.
    std::vector<NewBook> published_between(Time from, Time to, int limit);

private:
    db::Connection& db_;
};

}  // namespace bf::store
