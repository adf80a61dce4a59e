#include "store/revenue.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "core/pricing.h"
#include "store/orders.h"

namespace bf::store {
namespace {

std::string rows_of(size_t n, const char* one) {
    std::string s;
    for (size_t i = 0; i < n; ++i) (s += i ? "," : "") += one;
    return s;
}

// The statuses in which an order's sale counts.
constexpr const char* kPaidStatuses = order_status::kPaidSql;

}  // namespace

// ---- writing ------------------------------------------------------------------------------------

void RevenueDeltas::add(int64_t author_id, int64_t book_id, const std::string& day, const std::string& currency,
                        int64_t units, Cents revenue, bool digital) {
    auto& b = books.emplace(std::make_pair(book_id, currency), std::make_pair(author_id, Figures{})).first->second.second;
    for (Figures* f : {&book_days[{author_id, day, book_id, currency}], &author_days[{author_id, day, currency}],
                       &authors[{author_id, currency}], &b}) {
        f->units += units;
        f->revenue += revenue;
        if (digital) {
            f->digital_units += units;
            f->digital_revenue += revenue;
        }
    }
}

void RevenueDeltas::add_orders(int64_t author_id, const std::string& day, const std::string& currency, int64_t orders) {
    author_days[{author_id, day, currency}].orders += orders;
    authors[{author_id, currency}].orders += orders;
}

namespace {

// Runs `sql_head` + rows + `sql_tail` for the rows in slices small enough for one statement.
template <class Map, class Bind>
void upsert(db::Connection& db, const Map& rows, const char* sql_head, const char* one_row, const std::string& sql_tail,
            Bind bind) {
    constexpr size_t kRowsPerStatement = 2000;
    auto it = rows.begin();
    while (it != rows.end()) {
        std::vector<db::Param> params;
        size_t n = 0;
        for (; it != rows.end() && n < kRowsPerStatement; ++it, ++n) bind(*it, params);
        db.exec_params(std::string(sql_head) + rows_of(n, one_row) + sql_tail, params);
    }
}

void push(std::vector<db::Param>&) {}
template <class T, class... R>
void push(std::vector<db::Param>& p, const T& v, const R&... rest) {
    p.push_back(db::to_param(v));
    push(p, rest...);
}

// The ebook part of a rollup row grows with the row (schema/028_revenue_editions.sql).
const std::string kDigitalSums =
    " digital_units = digital_units + VALUES(digital_units),"
    " digital_revenue_cents = digital_revenue_cents + VALUES(digital_revenue_cents)";

}  // namespace

void Revenue::write(const RevenueDeltas& d) {
    // Each map iterates in key order: the lock order of schema/009_revenue.sql.
    upsert(db_, d.book_days,
           "INSERT INTO revenue_daily (author_id, day, book_id, currency, units, revenue_cents, digital_units,"
           " digital_revenue_cents) VALUES ",
           "(?,?,?,?,?,?,?,?)", " ON DUPLICATE KEY UPDATE units = units + VALUES(units), revenue_cents = revenue_cents +"
           " VALUES(revenue_cents)," + kDigitalSums,
           [](const auto& r, auto& p) {
               push(p, std::get<0>(r.first), std::get<1>(r.first), std::get<2>(r.first), std::get<3>(r.first),
                    r.second.units, r.second.revenue, r.second.digital_units, r.second.digital_revenue);
           });
    upsert(db_, d.author_days,
           "INSERT INTO author_revenue_daily (author_id, day, currency, orders, units, revenue_cents, digital_units,"
           " digital_revenue_cents) VALUES ",
           "(?,?,?,?,?,?,?,?)",
           " ON DUPLICATE KEY UPDATE orders = orders + VALUES(orders), units = units + VALUES(units),"
           " revenue_cents = revenue_cents + VALUES(revenue_cents)," + kDigitalSums,
           [](const auto& r, auto& p) {
               push(p, std::get<0>(r.first), std::get<1>(r.first), std::get<2>(r.first), r.second.orders, r.second.units,
                    r.second.revenue, r.second.digital_units, r.second.digital_revenue);
           });
    upsert(db_, d.authors,
           "INSERT INTO author_revenue_totals (author_id, currency, orders, units, revenue_cents, digital_units,"
           " digital_revenue_cents) VALUES ",
           "(?,?,?,?,?,?,?)",
           " ON DUPLICATE KEY UPDATE orders = orders + VALUES(orders), units = units + VALUES(units),"
           " revenue_cents = revenue_cents + VALUES(revenue_cents)," + kDigitalSums,
           [](const auto& r, auto& p) {
               push(p, r.first.first, r.first.second, r.second.orders, r.second.units, r.second.revenue,
                    r.second.digital_units, r.second.digital_revenue);
           });
    upsert(db_, d.books,
           "INSERT INTO book_revenue_totals (book_id, currency, author_id, units, revenue_cents, digital_units,"
           " digital_revenue_cents) VALUES ",
           "(?,?,?,?,?,?,?)",
           " ON DUPLICATE KEY UPDATE units = units + VALUES(units), revenue_cents = revenue_cents + VALUES(revenue_cents),"
               + kDigitalSums,
           [](const auto& r, auto& p) {
               const Figures& f = r.second.second;
               push(p, r.first.first, r.first.second, r.second.first, f.units, f.revenue, f.digital_units,
                    f.digital_revenue);
           });
}

void Revenue::apply(int64_t order_id, std::vector<Movement> moves, int orders, Time now) {
    moves.erase(std::remove_if(moves.begin(), moves.end(), [](const Movement& m) { return m.units == 0 && m.revenue == 0; }),
                moves.end());
    if (moves.empty()) return;
    const std::string day = format_date(now);
    // The order is locked by the caller's transaction; its currency is every movement's.
    const auto order = db_.query_one("SELECT currency FROM orders WHERE id = ?", order_id);
    const std::string currency = order ? order->str(0) : "USD";
    std::vector<db::Param> ledger;
    RevenueDeltas deltas;
    for (const auto& m : moves) {
        push(ledger, m.author_id, m.book_id, m.digital ? "digital" : "print", order_id, currency, m.units, m.revenue, now);
        deltas.add(m.author_id, m.book_id, day, currency, m.units, m.revenue, m.digital);
    }
    std::vector<int64_t> authors;
    for (const auto& a : deltas.authors) authors.push_back(a.first.first);
    for (int64_t author : authors) deltas.add_orders(author, day, currency, orders);
    db_.exec_params(
        "INSERT INTO sales_ledger (author_id, book_id, edition, order_id, currency, quantity, revenue_cents, sold_at)"
        " VALUES " +
            rows_of(moves.size(), "(?,?,?,?,?,?,?,?)"),
        ledger);
    write(deltas);
}

void Revenue::record_sale(int64_t order_id, const std::vector<SaleLine>& lines, Time now) {
    std::vector<Movement> moves;
    for (const auto& l : lines) moves.push_back({l.author_id, l.book_id, l.quantity, l.net, l.digital});
    apply(order_id, std::move(moves), +1, now);
}

void Revenue::undo_sale(int64_t order_id, Time now) {
    std::vector<Movement> moves;
    bool counted = false;
    for (const auto& r : db_.query("SELECT author_id, book_id, SUM(quantity), SUM(revenue_cents), edition = 'digital'"
                                   " FROM sales_ledger WHERE order_id = ? GROUP BY author_id, book_id, edition",
                                   order_id)) {
        moves.push_back({r.i64(0), r.i64(1), -r.i64(2), -r.i64(3), r.boolean(4)});
        counted = counted || r.i64(2) > 0;
    }
    apply(order_id, std::move(moves), counted ? -1 : 0, now);
}

void Revenue::record_refund(int64_t order_id, Cents amount, Cents order_total, const std::vector<SaleLine>& lines,
                            Time now) {
    std::vector<Cents> nets;
    for (const auto& l : lines) nets.push_back(l.net);
    const auto shares = pricing::refund_shares(amount, order_total, nets);
    std::vector<Movement> moves;
    for (size_t i = 0; i < lines.size(); ++i) moves.push_back({lines[i].author_id, lines[i].book_id, 0, -shares[i], lines[i].digital});
    apply(order_id, std::move(moves), 0, now);
}

// ---- reading ------------------------------------------------------------------------------------

Totals Revenue::totals(int64_t author_id) {
    Totals t;
    for (const auto& r : db_.query("SELECT currency, orders, units, revenue_cents, digital_units, digital_revenue_cents"
                                   " FROM author_revenue_totals WHERE author_id = ? ORDER BY currency",
                                   author_id))
        t.add(r.str(0), {r.i64(1), r.i64(2), r.i64(3), r.i64(4), r.i64(5)});
    return t;
}

std::vector<DayFigures> Revenue::days(int64_t author_id, const std::string& from, const std::string& to) {
    std::vector<DayFigures> out;
    for (const auto& r : db_.query("SELECT day, currency, orders, units, revenue_cents, digital_units, digital_revenue_cents"
                                   " FROM author_revenue_daily"
                                   " WHERE author_id = ? AND day BETWEEN ? AND ? ORDER BY day, currency",
                                   author_id, from, to))
        out.push_back({format_date(r.time(0)), r.str(1), {r.i64(2), r.i64(3), r.i64(4), r.i64(5), r.i64(6)}});
    return out;
}

std::vector<BookDay> Revenue::book_days(int64_t author_id, const std::string& from, const std::string& to) {
    std::vector<BookDay> out;
    for (const auto& r : db_.query("SELECT r.day, r.book_id, b.title, b.isbn13, r.currency, r.units, r.revenue_cents,"
                                   " r.digital_units, r.digital_revenue_cents"
                                   " FROM revenue_daily r JOIN books b ON b.id = r.book_id"
                                   " WHERE r.author_id = ? AND r.day BETWEEN ? AND ? ORDER BY r.day, r.book_id, r.currency",
                                   author_id, from, to))
        out.push_back({format_date(r.time(0)), r.i64(1), r.str(2), r.opt_str(3), r.str(4), r.i64(5), r.i64(6), r.i64(7),
                       r.i64(8)});
    return out;
}

std::vector<BookSales> Revenue::books(int64_t author_id, const std::string& from, const std::string& to, int limit) {
    std::vector<BookSales> out;
    std::map<int64_t, size_t> at;
    for (const auto& r : db_.query("SELECT b.id, b.title, b.status, b.stock, b.low_stock_threshold,"
                                   " b.view_count, b.currency FROM books b"
                                   " WHERE b.author_id = ? ORDER BY b.id LIMIT ?",
                                   author_id, limit)) {
        at[r.i64(0)] = out.size();
        BookSales b;
        b.id = r.i64(0);
        b.title = r.str(1);
        b.status = r.str(2);
        b.stock = r.i64(3);
        b.low_stock_threshold = r.i64(4);
        b.views = r.i64(5);
        b.currency = r.str(6);
        out.push_back(std::move(b));
    }
    for (const auto& r : db_.query("SELECT book_id, currency, units, revenue_cents, digital_units, digital_revenue_cents"
                                   " FROM book_revenue_totals WHERE author_id = ?",
                                   author_id)) {
        const auto it = at.find(r.i64(0));
        if (it == at.end()) continue;
        auto& b = out[it->second];
        b.units += r.i64(2);
        b.revenue[r.str(1)] += r.i64(3);
        b.digital_units += r.i64(4);
        b.digital_revenue[r.str(1)] += r.i64(5);
    }
    for (const auto& r : db_.query("SELECT book_id, currency, SUM(units), SUM(revenue_cents), SUM(digital_units),"
                                   " SUM(digital_revenue_cents) FROM revenue_daily"
                                   " WHERE author_id = ? AND day BETWEEN ? AND ? GROUP BY book_id, currency",
                                   author_id, from, to)) {
        const auto it = at.find(r.i64(0));
        if (it == at.end()) continue;
        auto& b = out[it->second];
        b.recent_units += r.i64(2);
        b.recent_revenue[r.str(1)] += r.i64(3);
        b.recent_digital_units += r.i64(4);
        b.recent_digital_revenue[r.str(1)] += r.i64(5);
    }
    return out;
}

std::vector<RecentSale> Revenue::recent_sales(int64_t author_id, int limit) {
    std::vector<RecentSale> out;
    for (const auto& r : db_.query("SELECT l.sold_at, l.book_id, i.title, l.quantity, o.ship_city, o.ship_country,"
                                   " o.status IN ('cancelled','refunded'), l.edition = 'digital'"
                                   " FROM sales_ledger l"
                                   " JOIN orders o ON o.id = l.order_id"
                                   " JOIN order_items i ON i.order_id = l.order_id AND i.book_id = l.book_id"
                                   " WHERE l.author_id = ? AND l.quantity > 0 ORDER BY l.sold_at DESC, l.id DESC LIMIT ?",
                                   author_id, limit))
        out.push_back({r.time(0), r.i64(1), r.str(2), static_cast<int>(r.i64(3)), r.str(4), r.str(5), r.boolean(6),
                       r.boolean(7)});
    return out;
}

std::optional<AuthorChoice> Revenue::find_author(int64_t user_id) {
    const auto r = db_.query_one("SELECT id, display_name FROM users WHERE id = ? AND role IN ('author','admin')", user_id);
    if (!r) return std::nullopt;
    return AuthorChoice{r->i64(0), r->str(1)};
}

std::vector<AuthorChoice> Revenue::authors(int limit) {
    std::vector<AuthorChoice> out;
    for (const auto& r : db_.query("SELECT id, display_name FROM users WHERE role = 'author' ORDER BY display_name, id"
                                   " LIMIT ?",
                                   limit))
        out.push_back({r.i64(0), r.str(1)});
    return out;
}

// ---- checking -----------------------------------------------------------------------------------

namespace {

// Orders are checked in slices of this many ids, so memory stays flat at any size.
constexpr int64_t kCheckSlice = 20000;

// The ebook part of a group of ledger rows: its units and its revenue, named as the caller asks.
std::string ledger_digital(const char* units_as, const char* revenue_as) {
    return std::string("SUM(IF(edition = 'digital', quantity, 0)) AS ") + units_as +
           ", SUM(IF(edition = 'digital', revenue_cents, 0)) AS " + revenue_as;
}

std::string figures_text(int64_t units, Cents revenue, const std::string& currency) {
    return std::to_string(units) + " units, " + format_money(revenue, currency);
}

}  // namespace

std::vector<RevenueDifference> Revenue::check(bool repair) {
    std::vector<RevenueDifference> out;
    auto differ = [&](const std::string& what) { out.push_back({what}); };

    // 1. Each rollup against the ledger it sums, per currency.
    for (const auto& r : db_.query(
             "SELECT author_id, day, book_id, currency, SUM(lu), SUM(lr), SUM(ru), SUM(rr), SUM(ldu), SUM(ldr), SUM(rdu),"
             " SUM(rdr) FROM ("
             " SELECT author_id, DATE(sold_at) AS day, book_id, currency, SUM(quantity) AS lu, SUM(revenue_cents) AS lr,"
             " 0 AS ru, 0 AS rr, " + ledger_digital("ldu", "ldr") + ", 0 AS rdu, 0 AS rdr"
             " FROM sales_ledger GROUP BY author_id, DATE(sold_at), book_id, currency"
             " UNION ALL SELECT author_id, day, book_id, currency, 0, 0, units, revenue_cents, 0, 0, digital_units,"
             " digital_revenue_cents FROM revenue_daily) x"
             " GROUP BY author_id, day, book_id, currency HAVING SUM(lu) <> SUM(ru) OR SUM(lr) <> SUM(rr)"
             " OR SUM(ldu) <> SUM(rdu) OR SUM(ldr) <> SUM(rdr)"
             " ORDER BY author_id, day, book_id, currency"))
        differ("revenue_daily author " + r.str(0) + " book " + r.str(2) + " on " + format_date(r.time(1)) + " in " +
               r.str(3) + ": rollup " + figures_text(r.i64(6), r.i64(7), r.str(3)) + " (ebook " +
               figures_text(r.i64(10), r.i64(11), r.str(3)) + "), ledger " + figures_text(r.i64(4), r.i64(5), r.str(3)) +
               " (ebook " + figures_text(r.i64(8), r.i64(9), r.str(3)) + ")");
    const std::string author_days =
        "SELECT author_id, DATE(sold_at) AS day, currency,"
        " COUNT(DISTINCT IF(quantity > 0, order_id, NULL)) - COUNT(DISTINCT IF(quantity < 0, order_id, NULL)) AS o,"
        " SUM(quantity) AS u, SUM(revenue_cents) AS r, " + ledger_digital("du", "dr") +
        " FROM sales_ledger GROUP BY author_id, DATE(sold_at), currency";
    for (const auto& r : db_.query(
             "SELECT author_id, day, currency, SUM(lo), SUM(lu), SUM(lr), SUM(ro), SUM(ru), SUM(rr) FROM ("
             " SELECT author_id, day, currency, o AS lo, u AS lu, r AS lr, 0 AS ro, 0 AS ru, 0 AS rr, du AS ldu, dr AS ldr,"
             " 0 AS rdu, 0 AS rdr FROM (" + author_days + ") l"
             " UNION ALL SELECT author_id, day, currency, 0, 0, 0, orders, units, revenue_cents, 0, 0, digital_units,"
             " digital_revenue_cents FROM author_revenue_daily) x"
             " GROUP BY author_id, day, currency HAVING SUM(lo) <> SUM(ro) OR SUM(lu) <> SUM(ru) OR SUM(lr) <> SUM(rr)"
             " OR SUM(ldu) <> SUM(rdu) OR SUM(ldr) <> SUM(rdr)"
             " ORDER BY author_id, day, currency"))
        differ("author_revenue_daily author " + r.str(0) + " on " + format_date(r.time(1)) + " in " + r.str(2) +
               ": rollup " + r.str(6) + " orders, " + figures_text(r.i64(7), r.i64(8), r.str(2)) + "; ledger " + r.str(3) +
               " orders, " + figures_text(r.i64(4), r.i64(5), r.str(2)));
    for (const auto& r : db_.query(
             "SELECT author_id, currency, SUM(lo), SUM(lu), SUM(lr), SUM(ro), SUM(ru), SUM(rr) FROM ("
             " SELECT author_id, currency, o AS lo, u AS lu, r AS lr, 0 AS ro, 0 AS ru, 0 AS rr, du AS ldu, dr AS ldr,"
             " 0 AS rdu, 0 AS rdr FROM (" + author_days + ") l"
             " UNION ALL SELECT author_id, currency, 0, 0, 0, orders, units, revenue_cents, 0, 0, digital_units,"
             " digital_revenue_cents FROM author_revenue_totals) x"
             " GROUP BY author_id, currency HAVING SUM(lo) <> SUM(ro) OR SUM(lu) <> SUM(ru) OR SUM(lr) <> SUM(rr)"
             " OR SUM(ldu) <> SUM(rdu) OR SUM(ldr) <> SUM(rdr)"
             " ORDER BY author_id, currency"))
        differ("author_revenue_totals author " + r.str(0) + " in " + r.str(1) + ": totals " + r.str(5) + " orders, " +
               figures_text(r.i64(6), r.i64(7), r.str(1)) + "; ledger " + r.str(2) + " orders, " +
               figures_text(r.i64(3), r.i64(4), r.str(1)));
    for (const auto& r : db_.query(
             "SELECT book_id, currency, SUM(lu), SUM(lr), SUM(ru), SUM(rr) FROM ("
             " SELECT book_id, currency, SUM(quantity) AS lu, SUM(revenue_cents) AS lr, 0 AS ru, 0 AS rr,"
             " " + ledger_digital("ldu", "ldr") + ", 0 AS rdu, 0 AS rdr FROM sales_ledger"
             " GROUP BY book_id, currency"
             " UNION ALL SELECT book_id, currency, 0, 0, units, revenue_cents, 0, 0, digital_units, digital_revenue_cents"
             " FROM book_revenue_totals) x"
             " GROUP BY book_id, currency HAVING SUM(lu) <> SUM(ru) OR SUM(lr) <> SUM(rr)"
             " OR SUM(ldu) <> SUM(rdu) OR SUM(ldr) <> SUM(rdr) ORDER BY book_id, currency"))
        differ("book_revenue_totals book " + r.str(0) + " in " + r.str(1) + ": totals " +
               figures_text(r.i64(4), r.i64(5), r.str(1)) + "; ledger " + figures_text(r.i64(2), r.i64(3), r.str(1)));

    // 2. The ledger against the orders: a paid order's line counts its units and its net revenue less
    // its shares of the partial refunds; any other order's lines count nothing.
    const auto last = db_.query_one("SELECT COALESCE(MAX(id), 0) FROM orders")->i64(0);
    for (int64_t from = 1; from <= last; from += kCheckSlice) {
        const int64_t to = from + kCheckSlice - 1;
        struct Line {
            int64_t book_id;
            int64_t units;
            Cents net;
        };
        struct OrderFacts {
            bool paid = false;
            Cents total = 0;
            std::vector<Line> lines;  // by book id
            std::vector<Cents> refunds;
        };
        std::map<int64_t, OrderFacts> orders;
        for (const auto& r : db_.query(std::string("SELECT i.order_id, i.book_id, i.quantity,"
                                                   " i.line_total_cents - i.discount_cents, o.status IN ") +
                                           kPaidStatuses +
                                           ", o.total_cents FROM order_items i JOIN orders o ON o.id = i.order_id"
                                           " WHERE i.order_id BETWEEN ? AND ? ORDER BY i.order_id, i.book_id",
                                       from, to)) {
            auto& o = orders[r.i64(0)];
            o.paid = r.boolean(4);
            o.total = r.i64(5);
            o.lines.push_back({r.i64(1), r.i64(2), r.i64(3)});
        }
        for (const auto& r : db_.query("SELECT order_id, amount_cents FROM order_refunds WHERE order_id BETWEEN ? AND ?"
                                       " ORDER BY order_id, id",
                                       from, to))
            orders[r.i64(0)].refunds.push_back(r.i64(1));
        std::map<std::pair<int64_t, int64_t>, std::pair<int64_t, Cents>> expected, ledger;
        for (const auto& [id, o] : orders) {
            std::vector<Cents> nets;
            for (const auto& l : o.lines) nets.push_back(l.net);
            std::vector<Cents> refunded(o.lines.size(), 0);
            if (o.paid)
                for (Cents amount : o.refunds) {
                    const auto shares = pricing::refund_shares(amount, o.total, nets);
                    for (size_t i = 0; i < shares.size(); ++i) refunded[i] += shares[i];
                }
            for (size_t i = 0; i < o.lines.size(); ++i)
                if (o.paid) expected[{id, o.lines[i].book_id}] = {o.lines[i].units, o.lines[i].net - refunded[i]};
        }
        for (const auto& r : db_.query("SELECT order_id, book_id, SUM(quantity), SUM(revenue_cents) FROM sales_ledger"
                                       " WHERE order_id BETWEEN ? AND ? GROUP BY order_id, book_id",
                                       from, to))
            if (r.i64(2) != 0 || r.i64(3) != 0) ledger[{r.i64(0), r.i64(1)}] = {r.i64(2), r.i64(3)};
        std::set<std::pair<int64_t, int64_t>> keys;
        for (const auto& [k, v] : expected) keys.insert(k);
        for (const auto& [k, v] : ledger) keys.insert(k);
        for (const auto& k : keys) {
            const auto e = expected.count(k) ? expected[k] : std::pair<int64_t, Cents>{0, 0};
            const auto l = ledger.count(k) ? ledger[k] : std::pair<int64_t, Cents>{0, 0};
            if (e != l)
                differ("sales_ledger order " + std::to_string(k.first) + " book " + std::to_string(k.second) + ": ledger " +
                       std::to_string(l.first) + " units, " + format_plain_amount(l.second) + "; order " +
                       std::to_string(e.first) + " units, " + format_plain_amount(e.second));
        }
        // Each ledger row names the edition its line is.
        for (const auto& r : db_.query("SELECT DISTINCT l.order_id, l.book_id, l.edition, i.edition FROM sales_ledger l"
                                       " JOIN order_items i ON i.order_id = l.order_id AND i.book_id = l.book_id"
                                       " WHERE l.order_id BETWEEN ? AND ? AND l.edition <> i.edition"
                                       " ORDER BY l.order_id, l.book_id",
                                       from, to))
            differ("sales_ledger order " + r.str(0) + " book " + r.str(1) + ": ledger edition " + r.str(2) +
                   ", order line " + r.str(3));
    }

    if (repair) {
        db_.transaction([&] {
            // The same tables in the same order as every sale, so a repair waits rather than deadlocks.
            db_.exec("DELETE FROM revenue_daily");
            db_.exec("DELETE FROM author_revenue_daily");
            db_.exec("DELETE FROM author_revenue_totals");
            db_.exec("DELETE FROM book_revenue_totals");
            db_.exec("INSERT INTO revenue_daily (author_id, day, book_id, currency, units, revenue_cents, digital_units,"
                     " digital_revenue_cents)"
                     " SELECT author_id, DATE(sold_at), book_id, currency, SUM(quantity), SUM(revenue_cents), " +
                     ledger_digital("du", "dr") + " FROM sales_ledger GROUP BY author_id, DATE(sold_at), book_id, currency");
            db_.exec("INSERT INTO author_revenue_daily (author_id, day, currency, orders, units, revenue_cents,"
                     " digital_units, digital_revenue_cents) " +
                     author_days);
            db_.exec("INSERT INTO author_revenue_totals (author_id, currency, orders, units, revenue_cents, digital_units,"
                     " digital_revenue_cents)"
                     " SELECT author_id, currency, SUM(orders), SUM(units), SUM(revenue_cents), SUM(digital_units),"
                     " SUM(digital_revenue_cents) FROM author_revenue_daily GROUP BY author_id, currency");
            db_.exec("INSERT INTO book_revenue_totals (book_id, currency, author_id, units, revenue_cents, digital_units,"
                     " digital_revenue_cents)"
                     " SELECT book_id, currency, author_id, SUM(units), SUM(revenue_cents), SUM(digital_units),"
                     " SUM(digital_revenue_cents) FROM revenue_daily GROUP BY book_id, currency, author_id");
        });
    }
    return out;
}

}  // namespace bf::store
