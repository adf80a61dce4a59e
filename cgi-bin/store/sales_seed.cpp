#include "store/sales_seed.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <random>
#include <stdexcept>

#include "core/crypto.h"
#include "core/pricing.h"
#include "core/text.h"
#include "store/author_slug.h"
#include "store/catalog.h"
#include "store/orders.h"
#include "store/ledger.h"
#include "store/revenue.h"
#include "store/seed_ids.h"

namespace bf::store {
namespace {

// Seeded orders are in the orders table's default currency, USD, as their rows leave it (the ledger
// rows below say so too).
constexpr const char* kSeedCurrency = "USD";

constexpr size_t kOrdersPerBatch = 500;  // ~16 values an order, ~11 an item: well under 65,535 placeholders
constexpr int kBuyers = 400;
constexpr int kBooksToCreate = 24;
constexpr int kMaxBooks = 60;

const char* const kCities[][2] = {
    {"Lisbon", "PT"}, {"Leeds", "GB"}, {"Portland", "US"}, {"Austin", "US"}, {"Toronto", "CA"}, {"Dublin", "IE"},
    {"Lyon", "FR"}, {"Köln", "DE"}, {"Melbourne", "AU"}, {"Wellington", "NZ"}, {"Chicago", "US"}, {"Bristol", "GB"},
    {"Utrecht", "NL"}, {"Malmö", "SE"}, {"Denver", "US"}, {"Montréal", "CA"}, {"Porto", "PT"}, {"Edinburgh", "GB"}};
const char* const kAdjectives[] = {"Quiet", "Salt", "Paper", "Northern", "Lantern", "Winter", "Hollow", "Copper",
                                   "Silver", "Last", "Borrowed", "Drowned"};
const char* const kNouns[] = {"Harbor", "Orchard", "Atlas", "Lighthouse", "Garden", "River", "Archive", "Country",
                              "Season", "Mapmaker", "Ledger", "Tide"};

std::string rows_of(size_t n, const char* one) {
    std::string s;
    for (size_t i = 0; i < n; ++i) (s += i ? "," : "") += one;
    return s;
}

struct SeedBook {
    int64_t id;
    Cents price;
    std::string title;
    std::optional<Cents> ebook_price;  // when the book has a digital edition for sale
};

struct GenItem {
    size_t book;  // index into the books
    int quantity;
    bool digital;  // one ebook licence instead of printed copies
    Cents price(const SeedBook& b) const { return digital ? *b.ebook_price : b.price; }
};

struct GenOrder {
    Time at;
    int64_t buyer;
    int city;
    std::vector<GenItem> items;
};

std::vector<SeedBook> author_books(db::Connection& db, int64_t author_id) {
    std::vector<SeedBook> books;
    for (const auto& r : db.query("SELECT b.id, b.effective_price_cents, b.title, d.effective_price_cents FROM books b"
                                  " LEFT JOIN digital_editions d ON d.book_id = b.id AND d.for_sale = 1"
                                  " WHERE b.author_id = ? AND b.status = 'published' ORDER BY b.id LIMIT ?",
                                  author_id, kMaxBooks))
        books.push_back({r.i64(0), r.i64(1), r.str(2), r.opt_i64(3)});
    return books;
}

// Published books for an author who has none, in the first category (made when there is none).
int64_t create_books(db::Connection& db, int64_t author_id, std::mt19937_64& rng, Time now) {
    auto category = db.query_one("SELECT id FROM categories ORDER BY id LIMIT 1");
    const int64_t category_id =
        category ? category->i64(0) : Catalog(db).add_category(std::nullopt, "general", "General", "Books of every kind.", 0);
    const std::string run = to_lower(crypto::random_token(6));
    for (int i = 0; i < kBooksToCreate; ++i) {
        // One draw per statement, in the order gcc took them (see catalog_seed.cpp's pick).
        const char* noun = kNouns[rng() % 12];
        const std::string title = std::string("The ") + kAdjectives[rng() % 12] + " " + noun +
                                  (i >= 12 ? ", Volume " + std::to_string(i - 10) : "");
        const auto price = static_cast<Cents>(799 + rng() % 2200);
        db.exec("INSERT INTO books (slug, title, description, author_id, category_id, price_cents, stock,"
                " low_stock_threshold, status, created_at, updated_at, published_at)"
                " VALUES (?, ?, 'A generated book for the sales seed.', ?, ?, ?, ?, 10, 'published', ?, ?, ?)",
                slugify(title) + "-" + run + "-" + std::to_string(i), title, author_id, category_id,
                price, static_cast<int64_t>(rng() % 80), now, now, now);
        // Every third book is an ebook too (its files are the author's to upload), at 60 % of print.
        if (i % 3 == 0)
            db.exec("INSERT INTO digital_editions (book_id, price_cents, created_at, updated_at) VALUES (?, ?, ?, ?)",
                    static_cast<int64_t>(db.last_insert_id()), price * 6 / 10, now, now);
    }
    // Published books give their author a public page, as a book made through the dashboard does: without
    // a slug the author was missing from /authors.
    ensure_author_slug(db, author_id);
    return kBooksToCreate;
}

std::vector<int64_t> buyers(db::Connection& db, Time now) {
    std::vector<db::Param> p;
    for (int i = 1; i <= kBuyers; ++i)
        for (const db::Param& v : {db::to_param("buyer-" + std::to_string(i) + "@buyers.bookfair.test"),
                                   db::to_param("Generated Buyer " + std::to_string(i)), db::to_param(now), db::to_param(now),
                                   db::to_param(now)})
            p.push_back(v);
    db.exec_params("INSERT IGNORE INTO users (email, display_name, password_hash, role, email_verified_at, created_at,"
                   " updated_at) VALUES " + rows_of(kBuyers, "(?, ?, '!', 'customer', ?, ?, ?)"),
                   p);
    std::vector<int64_t> ids;
    for (const auto& r : db.query("SELECT id FROM users WHERE email LIKE 'buyer-%@buyers.bookfair.test' ORDER BY id"))
        ids.push_back(r.i64(0));
    return ids;
}

}  // namespace

SalesSeedSummary seed_sales(db::Connection& db, const std::string& author_email, int64_t items, int days, Time now,
                            const std::function<void(int64_t)>& progress) {
    SalesSeedSummary summary;
    const auto author = db.query_one("SELECT id FROM users WHERE email = ?", author_email);
    if (!author) throw std::runtime_error("there is no account " + author_email);
    const int64_t author_id = author->i64(0);
    std::mt19937_64 rng(std::random_device{}());
    auto books = author_books(db, author_id);
    if (books.empty()) {
        summary.books_created = create_books(db, author_id, rng, now);
        books = author_books(db, author_id);
    }
    const auto buyer_ids = buyers(db, now);
    const std::string run = crypto::random_token(9);

    // The orders, oldest first: sqrt of a uniform number puts more of them near today (a growing shop).
    std::vector<GenOrder> orders;
    const double span_us = static_cast<double>(days) * 86400e6;
    const Time start = now.plus_days(-days);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int64_t made = 0; made < items;) {
        GenOrder o;
        o.at = Time{start.us + static_cast<int64_t>(std::sqrt(unit(rng)) * span_us)};
        if (o.at > now) o.at = now;
        o.buyer = buyer_ids[rng() % buyer_ids.size()];
        o.city = static_cast<int>(rng() % (sizeof kCities / sizeof kCities[0]));
        const int lines = std::min<int64_t>({static_cast<int64_t>(1 + rng() % 3), items - made,
                                             static_cast<int64_t>(books.size())});
        std::vector<size_t> picked;
        while (static_cast<int>(picked.size()) < lines) {
            // A few books sell most: the square of a uniform number favours the first ones.
            const double u = unit(rng);
            const size_t b = std::min(books.size() - 1, static_cast<size_t>(u * u * static_cast<double>(books.size())));
            if (std::find(picked.begin(), picked.end(), b) == picked.end()) picked.push_back(b);
        }
        std::sort(picked.begin(), picked.end(), [&](size_t a, size_t b) { return books[a].id < books[b].id; });
        for (size_t b : picked) {
            // A book with an ebook sells it about a third of the time: one licence.
            if (books[b].ebook_price && rng() % 3 == 0) o.items.push_back({b, 1, true});
            else o.items.push_back({b, rng() % 10 < 8 ? 1 : static_cast<int>(2 + rng() % 2), false});
        }
        made += lines;
        orders.push_back(std::move(o));
    }
    std::sort(orders.begin(), orders.end(), [](const GenOrder& a, const GenOrder& b) { return a.at < b.at; });

    std::map<std::string, int64_t> counters;
    for (const auto& r : db.query("SELECT day, last_number FROM order_counters WHERE day BETWEEN ? AND ?",
                                  format_date(start), format_date(now)))
        counters[format_date(r.time(0))] = r.i64(1);

    for (size_t from = 0; from < orders.size(); from += kOrdersPerBatch) {
        const size_t to = std::min(orders.size(), from + kOrdersPerBatch);
        db.transaction([&] {
            auto numbers = counters;  // kept only when the batch commits (a retried batch numbers again)
            std::vector<db::Param> op;
            std::vector<std::string> order_numbers;
            for (size_t i = from; i < to; ++i) {
                const auto& o = orders[i];
                Cents subtotal = 0;
                bool ships = false;
                for (const auto& it : o.items) subtotal += it.price(books[it.book]) * it.quantity, ships |= !it.digital;
                const pricing::Rules rules;  // the shop's default rules
                const Cents shipping = !ships || subtotal >= rules.free_shipping_threshold ? 0 : rules.standard;
                const std::string day = format_date(o.at);
                const std::string number = Orders::format_number(o.at, ++numbers[day]);
                order_numbers.push_back(number);
                const Time paid = o.at.plus_minutes(2);
                for (const db::Param& v :
                     {db::to_param(number), db::to_param(o.buyer), db::to_param("seed-" + run + "-" + std::to_string(i)),
                      db::to_param(kCities[o.city][0]), db::to_param(kCities[o.city][1]), db::to_param(subtotal),
                      db::to_param(shipping), db::to_param(subtotal + shipping), db::to_param(o.at), db::to_param(paid),
                      db::to_param(paid)})
                    op.push_back(v);
            }
            db.exec_params("INSERT INTO orders (number, user_id, status, idempotency_key, ship_full_name, ship_line1,"
                           " ship_city, ship_postal_code, ship_country, shipping_method, subtotal_cents, shipping_cents,"
                           " total_cents, created_at, updated_at, paid_at) VALUES " +
                               rows_of(to - from, "(?, ?, 'delivered', ?, 'A Reader', '1 Generated Street', ?, '00000', ?,"
                                                  " 'standard', ?, ?, ?, ?, ?, ?)"),
                           op);
            const auto order_ids = ids_by_unique_key(db, "orders", "number", order_numbers);

            std::vector<db::Param> ip, lp;
            RevenueDeltas deltas;
            std::map<int64_t, int64_t> sold;
            size_t n_items = 0;
            for (size_t i = from; i < to; ++i) {
                const auto& o = orders[i];
                const int64_t order_id = order_ids[i - from];
                const Time paid = o.at.plus_minutes(2);
                const std::string day = format_date(paid);
                for (const auto& it : o.items) {
                    const SeedBook& b = books[it.book];
                    const Cents line = it.price(b) * it.quantity;
                    const char* edition = it.digital ? "digital" : "print";
                    for (const db::Param& v : {db::to_param(order_id), db::to_param(b.id), db::to_param(edition),
                                               db::to_param(author_id), db::to_param(b.title), db::to_param(it.price(b)),
                                               db::to_param(it.quantity), db::to_param(line)})
                        ip.push_back(v);
                    for (const db::Param& v : {db::to_param(author_id), db::to_param(b.id), db::to_param(edition),
                                               db::to_param(order_id), db::to_param(it.quantity), db::to_param(line),
                                               db::to_param(paid)})
                        lp.push_back(v);
                    deltas.add(author_id, b.id, day, kSeedCurrency, it.quantity, line, it.digital);
                    sold[b.id] += it.quantity;
                    ++n_items;
                }
                deltas.add_orders(author_id, day, kSeedCurrency, 1);
            }
            db.exec_params("INSERT INTO order_items (order_id, book_id, edition, author_id, title, unit_price_cents, quantity,"
                           " line_total_cents) VALUES " + rows_of(n_items, "(?,?,?,?,?,?,?,?)"),
                           ip);
            db.exec_params("INSERT INTO sales_ledger (author_id, book_id, edition, order_id, currency, quantity,"
                           " revenue_cents, sold_at) VALUES " + rows_of(n_items, "(?,?,?,?,'USD',?,?,?)"),
                           lp);
            for (const auto& [book, units] : sold)
                db.exec("UPDATE books SET sell_count = sell_count + ? WHERE id = ?", units, book);
            Revenue(db).write(deltas);
            Ledger ledger(db);  // the royalty ledger's sale journal of each order, as paying one writes it
            for (size_t i = from; i < to; ++i)
                ledger.record_sale(order_ids[i - from], orders[i].at.plus_minutes(2));
            std::vector<db::Param> cp;
            size_t n_days = 0;
            for (const auto& [day, last_number] : numbers)
                if (!counters.count(day) || counters.at(day) != last_number) {
                    cp.push_back(db::to_param(day));
                    cp.push_back(db::to_param(last_number));
                    ++n_days;
                }
            if (n_days)
                db.exec_params("INSERT INTO order_counters (day, last_number) VALUES " + rows_of(n_days, "(?, ?)") +
                                   " ON DUPLICATE KEY UPDATE last_number = GREATEST(last_number, VALUES(last_number))",
                               cp);
            counters = numbers;
        });
        for (size_t i = from; i < to; ++i) summary.items += static_cast<int64_t>(orders[i].items.size());
        summary.orders += static_cast<int64_t>(to - from);
        if (progress) progress(summary.items);
    }
    return summary;
}

}  // namespace bf::store
