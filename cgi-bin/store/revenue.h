#pragma once
// What authors earn: the sales ledger (one row per movement of a line: sale, partial refund, undoing),
// the daily rollups per author and book and per author, and all-time totals per author and book, all
// written in the transaction that changes an order (store/orders.cpp), so the dashboard reads a few
// rows per day shown and never sums sales. Tables and the money rules: schema/009_revenue.sql.
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/money.h"
#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

// One line of a paid order as the author earns it.
struct SaleLine {
    int64_t author_id = 0;
    int64_t book_id = 0;
    int quantity = 0;
    Cents net = 0;  // line total less the line's share of the coupon discount
    bool digital = false;  // the ebook edition (order_items.edition)
};

// Figures in one currency (every rollup row is in one: an order has one currency). units and revenue
// are the whole; the digital_ part is what the ebook edition made of them, print is the rest
// (schema/028_revenue_editions.sql). Orders are not split: one order may hold both editions.
struct Figures {
    int64_t orders = 0;
    int64_t units = 0;
    Cents revenue = 0;
    int64_t digital_units = 0;
    Cents digital_revenue = 0;
    int64_t print_units() const { return units - digital_units; }
    Cents print_revenue() const { return revenue - digital_revenue; }
};

// Figures over several currencies: counts add up, money stays per currency.
struct Totals {
    int64_t orders = 0;
    int64_t units = 0;
    Amounts revenue;
    int64_t digital_units = 0;
    Amounts digital_revenue;  // the ebook part of revenue, per currency
    void add(const std::string& currency, const Figures& f) {
        orders += f.orders;
        units += f.units;
        revenue[currency] += f.revenue;
        digital_units += f.digital_units;
        digital_revenue[currency] += f.digital_revenue;
    }
};

struct DayFigures {
    std::string day;  // YYYY-MM-DD (UTC)
    std::string currency;
    Figures figures;
};

// One row of the CSV export: a book's net figures on a day.
struct BookDay {
    std::string day;
    int64_t book_id = 0;
    std::string title;
    std::optional<std::string> isbn13;
    std::string currency;
    int64_t units = 0;
    Cents revenue = 0;
    int64_t digital_units = 0;  // the ebook part of units and revenue
    Cents digital_revenue = 0;
};

// A book on the dashboard: catalogue facts, all-time figures and those of a recent window.
struct BookSales {
    int64_t id = 0;
    std::string title;
    std::string status;
    int64_t stock = 0;
    int64_t low_stock_threshold = 0;
    int64_t views = 0;
    std::string currency;     // the book's price currency
    int64_t units = 0;        // all time, net: books.sell_count, from the same transactions
    Amounts revenue;          // all time, net, per currency the book sold in
    int64_t recent_units = 0;
    Amounts recent_revenue;
    // The ebook part of each figure above (print is the rest).
    int64_t digital_units = 0;
    Amounts digital_revenue;
    int64_t recent_digital_units = 0;
    Amounts recent_digital_revenue;
};

// A recent sale of one of the author's books; nothing about the buyer but the city it ships to.
struct RecentSale {
    Time at{};
    int64_t book_id = 0;
    std::string title;
    int quantity = 0;
    std::string city;
    std::string country;
    bool undone = false;  // the order was cancelled or refunded since
    bool digital = false;  // an ebook licence (nothing ships)
};

struct AuthorChoice {
    int64_t id = 0;
    std::string name;
};

// A difference check-revenue found: what the rollup holds and what the sales say it should.
struct RevenueDifference {
    std::string what;
};

// Changes to the rollups, summed per row, written by Revenue::write in the lock order of
// schema/009_revenue.sql. One order's movements, or a whole batch of seeded sales.
// Every key ends with the currency (schema/017_revenue_currencies.sql).
struct RevenueDeltas {
    std::map<std::tuple<int64_t, std::string, int64_t, std::string>, Figures> book_days;  // (author, day, book, currency)
    std::map<std::tuple<int64_t, std::string, std::string>, Figures> author_days;         // (author, day, currency)
    std::map<std::pair<int64_t, std::string>, Figures> authors;                           // (author, currency)
    std::map<std::pair<int64_t, std::string>, std::pair<int64_t, Figures>> books;  // (book, currency) -> (author, figures)

    void add(int64_t author_id, int64_t book_id, const std::string& day, const std::string& currency, int64_t units,
             Cents revenue, bool digital = false);
    void add_orders(int64_t author_id, const std::string& day, const std::string& currency, int64_t orders);
    bool empty() const { return book_days.empty() && author_days.empty(); }
};

class Revenue {
public:
    explicit Revenue(db::Connection& db) : db_(db) {}

    // ---- inside the caller's transaction, after the books are locked ----
    // A paid order's lines count on `now`'s day: units, net revenue, one order per author.
    void record_sale(int64_t order_id, const std::vector<SaleLine>& lines, Time now);
    // A cancelled or fully refunded order: whatever the ledger still counts for each of its lines is
    // taken off on `now`'s day (units and revenue), one order less per author.
    void undo_sale(int64_t order_id, Time now);
    // A partial refund: the books' share of `amount` (pricing::refund_shares) leaves the revenue of
    // the lines on `now`'s day; units stay.
    void record_refund(int64_t order_id, Cents amount, Cents order_total, const std::vector<SaleLine>& lines, Time now);

    // Adds the deltas to every rollup (multi-row upserts), inside the caller's transaction.
    void write(const RevenueDeltas& deltas);

    // ---- reading (the dashboard) ----
    Totals totals(int64_t author_id);
    // The author's days with any movement in [from, to] (YYYY-MM-DD), oldest first, one entry per
    // currency sold in that day.
    std::vector<DayFigures> days(int64_t author_id, const std::string& from, const std::string& to);
    // Per book and day in [from, to], by day then title (the CSV export).
    std::vector<BookDay> book_days(int64_t author_id, const std::string& from, const std::string& to);
    // The author's books (drafts and archived ones too) with all-time figures and those of [from, to].
    std::vector<BookSales> books(int64_t author_id, const std::string& from, const std::string& to, int limit);
    // The latest sales of the author's books, newest first.
    std::vector<RecentSale> recent_sales(int64_t author_id, int limit);
    // Is this user an author (someone whose figures a dashboard can show)?
    std::optional<AuthorChoice> find_author(int64_t user_id);
    // Authors an admin can pick from, by name.
    std::vector<AuthorChoice> authors(int limit);

    // ---- checking (bookfair check-revenue) ----
    // Recomputes every rollup and total from the ledger, and the ledger's final figures for each
    // order from its items and refunds; answers every difference. With `repair`, the rollups and
    // totals are rebuilt from the ledger afterwards (the ledger itself is never changed).
    std::vector<RevenueDifference> check(bool repair);

private:
    struct Movement {
        int64_t author_id, book_id;
        int64_t units;
        Cents revenue;
        bool digital;
    };
    // Writes the movements to the ledger and every rollup, in the order's currency; `orders` is +1,
    // -1 or 0 per author.
    void apply(int64_t order_id, std::vector<Movement> moves, int orders, Time now);
    db::Connection& db_;
};

}  // namespace bf::store
