#pragma once
// What the digest emails report: authors' sales over a period (from sales_ledger, net of coupon
// discounts and refunds) and the books published in one. mailer/digests.cpp registers the producers.
#include <cstdint>
#include <string>
#include <vector>

#include "core/money.h"
#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

// A book's sales in one currency (a book sold in two has two).
struct BookFigures {
    int64_t book_id = 0;
    std::string title;
    int64_t units = 0;
    Cents revenue = 0;
    std::string currency;
    int64_t digital_units = 0;  // the ebook part of units and revenue; print is the rest
    Cents digital_revenue = 0;
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
    std::string currency;
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
