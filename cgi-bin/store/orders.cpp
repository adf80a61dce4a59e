#include "store/orders.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

#include "core/crypto.h"
#include "core/errors.h"
#include "core/text.h"
#include "store/carts.h"
#include "store/coupons.h"
#include "store/editions.h"
#include "store/flash_sales.h"
#include "store/ledger.h"
#include "store/order_notices.h"
#include "store/revenue.h"

namespace bf::store {
namespace {

constexpr const char* kOrderColumns =
    "SELECT o.id, o.number, o.user_id, u.email, u.display_name, o.status, o.currency, o.ship_full_name, o.ship_line1,"
    " o.ship_line2, o.ship_city, o.ship_region, o.ship_postal_code, o.ship_country, o.ship_phone, o.shipping_method,"
    " o.subtotal_cents, o.discount_cents, o.shipping_cents, o.tax_cents, o.total_cents, o.refunded_cents,"
    " o.tax_rate_bp, o.coupon_id, o.coupon_code, o.carrier, o.tracking_number, o.created_at, o.paid_at,"
    " o.shipped_at, o.delivered_at, o.cancelled_at"
    " FROM orders o JOIN users u ON u.id = o.user_id ";

std::string copies(int n) { return std::to_string(n) + (n == 1 ? " copy" : " copies"); }
std::string quoted(const std::string& title) { return "\u201c" + title + "\u201d"; }

// What an order needs while its state changes (read under the order's row lock).
struct Locked {
    int64_t id = 0;
    std::string number;
    int64_t user_id = 0;
    std::string status;
    std::optional<int64_t> coupon_id;
    Cents total = 0;
    Cents refunded = 0;
};

}  // namespace

bool order_status::is_paid(const std::string& s) {
    return s == kPaid || s == kProcessing || s == kShipped || s == kDelivered;
}

bool Order::is_paid() const { return order_status::is_paid(status); }

bool Order::ships() const {
    for (const auto& i : items)
        if (!i.digital) return true;
    return false;
}

bool Order::has_ebooks() const {
    for (const auto& i : items)
        if (i.digital) return true;
    return false;
}

const PaymentAttempt* Order::open_payment() const {
    if (status != order_status::kPendingPayment || !hold_expires) return nullptr;
    for (auto it = payments.rbegin(); it != payments.rend(); ++it)
        if (it->status == "pending") return &*it;
    return nullptr;
}

std::string Orders::format_number(Time day, int64_t n) {
    const CivilTime c = to_civil(day);
    char buf[40];
    std::snprintf(buf, sizeof buf, "ORD-%04d%02d%02d-%05lld", c.year, c.month, c.day, static_cast<long long>(n));
    return buf;
}

// ---- helpers over the caller's transaction ------------------------------------------------------

namespace {

class Tx {
public:
    Tx(db::Connection& db, Time now) : db_(db), now_(now) {}

    std::optional<Locked> lock_order(int64_t order_id) {
        const auto r = db_.query_one("SELECT id, number, user_id, status, coupon_id, total_cents, refunded_cents"
                                     " FROM orders WHERE id = ? FOR UPDATE",
                                     order_id);
        if (!r) return std::nullopt;
        return Locked{r->i64(0), r->str(1), r->i64(2), r->str(3), r->opt_i64(4), r->i64(5), r->i64(6)};
    }

    void event(int64_t order_id, const std::string& status, const std::string& note,
               std::optional<int64_t> actor = std::nullopt) {
        db_.exec("INSERT INTO order_events (order_id, status, note, actor_user_id, created_at) VALUES (?, ?, ?, ?, ?)",
                 order_id, status, utf8_prefix(note, 500), actor, now_);
    }

    void mark_cancelled(int64_t order_id) {
        db_.exec("UPDATE orders SET status = 'cancelled', cancelled_at = ?, updated_at = ? WHERE id = ?", now_, now_,
                 order_id);
    }

    // One row of the refunds ledger (refunded_cents on the order is the caller's).
    void record_refund(int64_t order_id, Cents amount, bool restocked, const std::string& note,
                       std::optional<int64_t> actor) {
        db_.exec("INSERT INTO order_refunds (order_id, amount_cents, restocked, note, actor_user_id, created_at)"
                 " VALUES (?, ?, ?, ?, ?, ?)",
                 order_id, amount, restocked, utf8_prefix(note, 500), actor, now_);
    }

    struct Item {
        int64_t book_id;
        int quantity;
        int backordered;
        Cents line_total;
        int64_t author_id;
        Cents discount;  // the line's share of the coupon discount
        bool digital;    // an ebook licence: no stock to hold or return
    };
    std::vector<Item> items(int64_t order_id) {
        std::vector<Item> out;
        for (const auto& r : db_.query("SELECT book_id, quantity, backordered_quantity, line_total_cents, author_id,"
                                       " discount_cents, edition = 'digital' FROM order_items WHERE order_id = ?"
                                       " ORDER BY book_id",
                                       order_id))
            out.push_back({r.i64(0), static_cast<int>(r.i64(1)), static_cast<int>(r.i64(2)), r.i64(3), r.i64(4), r.i64(5),
                           r.boolean(6)});
        return out;
    }
    static std::vector<SaleLine> sale_lines(const std::vector<Item>& items) {
        std::vector<SaleLine> lines;
        for (const auto& i : items) lines.push_back({i.author_id, i.book_id, i.quantity, i.line_total - i.discount, i.digital});
        return lines;
    }

    // Reserves the order's items again (books locked in id order). Updates each item's backordered part.
    // Returns "" or a message naming the books that are short (nothing changed then).
    std::string reserve(int64_t order_id, const std::vector<Item>& all_items) {
        std::vector<Item> items;  // the printed copies: ebooks hold no stock
        for (const auto& i : all_items)
            if (!i.digital) items.push_back(i);
        if (items.empty()) return "";
        std::vector<db::Param> ids;
        for (const auto& i : items) ids.push_back(db::to_param(i.book_id));
        std::map<int64_t, std::tuple<int, bool, bool, std::string>> books;
        // A book that has become ebook-only has no printed copies to hold: as if not for sale in print.
        for (const auto& r : db_.query_params("SELECT id, stock, allow_backorder, status = 'published' AND print_edition = 1,"
                                              " title FROM books"
                                              " WHERE id IN (" + db::placeholders(ids.size()) + ") ORDER BY id FOR UPDATE",
                                              ids))
            books[r.i64(0)] = {static_cast<int>(r.i64(1)), r.boolean(2), r.boolean(3), r.str(4)};
        std::string shortage;
        for (const auto& i : items) {
            const auto& [stock, backorder, published, title] = books[i.book_id];
            if (!published) shortage += quoted(title) + " is no longer for sale. ";
            else if (stock < i.quantity && !backorder)
                shortage += stock == 0 ? quoted(title) + " is sold out. "
                                       : "Only " + copies(stock) + " of " + quoted(title) + " left. ";
        }
        if (!shortage.empty()) return shortage;
        for (const auto& i : items) {
            const int on_hand = std::min(std::get<0>(books[i.book_id]), i.quantity);
            if (on_hand > 0 &&
                db_.exec("UPDATE books SET stock = stock - ? WHERE id = ? AND stock >= ?", on_hand, i.book_id, on_hand) != 1)
                throw std::logic_error("stock changed under a row lock");
            db_.exec("UPDATE order_items SET backordered_quantity = ? WHERE order_id = ? AND book_id = ?",
                     i.quantity - on_hand, order_id, i.book_id);
        }
        return "";
    }

    // Puts the on-hand part of each item back on the shelf, books in id order. A flash-sale order's
    // copy goes back to its sale instead (or to the shelf when the sale has closed).
    void return_stock(int64_t order_id, const std::vector<Item>& items) {
        if (FlashClaims(db_, now_).release(order_id)) return;
        for (const auto& i : items)
            if (!i.digital && i.quantity - i.backordered > 0)
                db_.exec("UPDATE books SET stock = stock + ? WHERE id = ?", i.quantity - i.backordered, i.book_id);
    }

    std::optional<int64_t> held_reservation(int64_t order_id) {
        const auto r = db_.query_one("SELECT id FROM stock_reservations WHERE held_order_id = ? FOR UPDATE", order_id);
        if (!r) return std::nullopt;
        return r->i64(0);
    }

    // held -> released | expired: the stock and the coupon use go back. False when it was not held.
    bool release(const Locked& o, int64_t reservation_id, const char* to) {
        if (db_.exec("UPDATE stock_reservations SET status = ?, settled_at = ? WHERE id = ? AND status = 'held'", to, now_,
                     reservation_id) != 1)
            return false;
        if (o.coupon_id) Coupons(db_).release(*o.coupon_id, o.user_id);
        return_stock(o.id, items(o.id));
        return true;
    }

    int64_t new_reservation(int64_t order_id, const char* status, Time expires) {
        db_.exec("INSERT INTO stock_reservations (order_id, status, expires_at, created_at, settled_at) VALUES (?, ?, ?, ?, ?)",
                 order_id, status, expires, now_, std::string(status) == "held" ? std::nullopt : std::optional<Time>(now_));
        return static_cast<int64_t>(db_.last_insert_id());
    }

    // A new payment attempt; `attempt` 0 means the one after the order's last (a new order's is 1).
    std::string new_payment(int64_t order_id, Cents amount, int64_t attempt = 0) {
        if (attempt == 0)
            attempt = db_.query_one("SELECT COALESCE(MAX(attempt), 0) + 1 FROM payments WHERE order_id = ?", order_id)->i64(0);
        const std::string ref = "pay_" + crypto::random_token(18);
        db_.exec("INSERT INTO payments (order_id, attempt, provider_ref, amount_cents, status, created_at)"
                 " VALUES (?, ?, ?, ?, 'pending', ?)",
                 order_id, attempt, ref, amount, now_);
        return ref;
    }

    // A sale counts (sign +1) or is undone (-1): sell_count moves by the quantity (books in id order),
    // then the ledger and the revenue rollups (store/revenue.h), in this same transaction.
    void count_sale(int64_t order_id, const std::vector<Item>& items, int sign) {
        for (const auto& i : items)
            db_.exec("UPDATE books SET sell_count = sell_count + ? WHERE id = ?", sign * i.quantity, i.book_id);
        if (sign > 0) Revenue(db_).record_sale(order_id, sale_lines(items), now_);
        else Revenue(db_).undo_sale(order_id, now_);
        if (sign > 0) Ledger(db_).record_sale(order_id, now_);  // the royalty ledger (store/ledger.h)
        else Ledger(db_).reverse_order(order_id, now_);
    }

private:
    db::Connection& db_;
    Time now_;
};

std::string card_text(const PaymentOutcome& o) {
    if (o.card_brand.empty() && o.card_last4.empty()) return "card";
    return (o.card_brand.empty() ? "card" : o.card_brand) + (o.card_last4.empty() ? "" : " ending " + o.card_last4);
}

}  // namespace

// ---- placing ------------------------------------------------------------------------------------

std::optional<Placed> Orders::placed_by_key(int64_t user_id, const std::string& idempotency_key) {
    const auto r = db_.query_one("SELECT id, number FROM orders WHERE user_id = ? AND idempotency_key = ?", user_id,
                                 idempotency_key);
    if (!r) return std::nullopt;
    const auto pending = db_.query_one(
        "SELECT provider_ref FROM payments WHERE order_id = ? AND status = 'pending' ORDER BY attempt DESC LIMIT 1",
        r->i64(0));
    return Placed{r->i64(0), r->str(1), pending ? pending->str(0) : "", true};
}

std::optional<Placed> Orders::newest_unpaid(int64_t user_id) {
    // A locking read: it sees an order committed while this transaction waited for the cart.
    const auto r = db_.query_one(
        "SELECT o.id, o.number, p.provider_ref FROM orders o JOIN payments p ON p.order_id = o.id AND p.status = 'pending'"
        " WHERE o.user_id = ? AND o.status = 'pending_payment' ORDER BY o.id DESC, p.attempt DESC LIMIT 1 LOCK IN SHARE MODE",
        user_id);
    if (!r) return std::nullopt;
    return Placed{r->i64(0), r->str(1), r->str(2), true};
}

Placed Orders::place(const PlaceOrder& req, Time now) {
    auto by_key = [&] { return placed_by_key(req.user_id, req.idempotency_key); };
    if (req.idempotency_key.empty() || req.idempotency_key.size() > 64)
        throw Invalid("idempotency_key", "This form is out of date. Please reload the page.");
    try {
        return db_.transaction([&]() -> Placed {
            if (!req.repeat_found_by_unique_key)
                if (auto first = by_key()) return *first;
            Tx tx(db_, now);

            // What to buy: quantities from the cart (or the caller), every price from the books below.
            std::map<int64_t, int> wanted;
            std::map<int64_t, Cents> fixed_price;
            std::map<int64_t, bool> set_aside;
            std::map<int64_t, bool> digital;  // ebook lines: one licence each, no stock, nothing shipped
            // The buyer's row, locked: one order at a time per buyer, so the caps below hold.
            db_.query_one("SELECT id FROM users WHERE id = ? FOR UPDATE", req.user_id);
            if (req.items.empty()) {
                // The cart's lines are locked and move into the order: a second submit of the same cart
                // (another tab, another key) finds it empty and gets the first order back.
                for (const auto& r : db_.query("SELECT ci.book_id, ci.quantity, ci.edition = 'digital' FROM carts c"
                                               " JOIN cart_items ci ON ci.cart_id = c.id WHERE c.user_id = ? FOR UPDATE",
                                               req.user_id)) {
                    wanted[r.i64(0)] = static_cast<int>(r.i64(1));
                    if (r.boolean(2)) digital[r.i64(0)] = true;
                }
                if (wanted.empty())
                    if (auto open = newest_unpaid(req.user_id)) return *open;
            } else {
                for (const auto& item : req.items) {
                    wanted[item.book_id] += item.quantity;
                    if (item.unit_price) fixed_price[item.book_id] = *item.unit_price;
                    if (item.set_aside) set_aside[item.book_id] = true;
                    if (item.digital) digital[item.book_id] = true;
                }
            }
            if (wanted.empty()) throw Invalid("cart", "Your cart is empty.");
            for (const auto& [book, qty] : wanted)
                if (qty < 1 || qty > (digital.count(book) ? 1 : Carts::kMaxQuantity))
                    throw Invalid("quantity", digital.count(book) ? "An ebook is bought once." : "Choose a quantity from 1 to 99.");

            // Hoarding: a buyer holds at most kMaxUnpaidOrders orders and kMaxHeldUnits copies unpaid.
            const auto held = db_.query_one(
                "SELECT COUNT(DISTINCT o.id), COALESCE(SUM(IF(oi.edition = 'digital', 0, oi.quantity - oi.backordered_quantity)), 0)"
                " FROM orders o"
                " JOIN stock_reservations r ON r.held_order_id = o.id JOIN order_items oi ON oi.order_id = o.id"
                " WHERE o.user_id = ? AND o.status = 'pending_payment'",
                req.user_id);
            int units = 0;
            for (const auto& [book, qty] : wanted) units += digital.count(book) ? 0 : qty;
            if (held->i64(0) >= kMaxUnpaidOrders)
                throw Conflict("You have " + std::to_string(held->i64(0)) + " unpaid orders holding books. Pay for or "
                               "cancel one of them (under Your orders) before placing another.");
            if (held->i64(1) + units > kMaxHeldUnits)
                throw Conflict("One account can hold at most " + std::to_string(kMaxHeldUnits) +
                               " copies awaiting payment; you hold " + std::to_string(held->i64(1)) +
                               ". Pay for an order first, or order fewer copies.");

            // 1. The coupon row, locked: its limits are checked and claimed while no one else can.
            std::optional<Coupon> coupon;
            Coupons coupons(db_);
            if (req.coupon_code && !req.coupon_code->empty()) {
                coupon = coupons.lock(*req.coupon_code);
                if (!coupon) throw Conflict("The coupon " + Coupons::normalize_code(*req.coupon_code) + " does not exist.");
                if (auto p = coupons.problem(*coupon, req.user_id, now); !p.empty())
                    throw Conflict("Coupon " + coupon->code + ": " + p);
            }

            // 2. The books, locked in ascending id order (not when the caller holds every copy already).
            const bool lock_books = set_aside.size() + digital.size() < wanted.size();
            std::vector<db::Param> ids;
            for (const auto& [book, qty] : wanted) ids.push_back(db::to_param(book));
            struct Book {
                int64_t id, author_id;
                std::string title;
                std::optional<std::string> isbn, cover;
                Cents price;
                std::string currency;
                int stock;
                bool backorder, published;
                bool ebook_buyable;  // the digital edition is for sale with a file
                bool print_edition;  // false: an ebook-only book, no printed copies to sell
            };
            std::vector<Book> books;
            for (const auto& r : db_.query_params(
                     "SELECT b.id, b.author_id, b.title, b.isbn13, b.cover_path, b.effective_price_cents, b.currency, b.stock,"
                     " b.allow_backorder, b.status = 'published', de.effective_price_cents,"
                     " de.for_sale = 1 AND EXISTS (SELECT 1 FROM edition_files f WHERE f.book_id = b.id AND f.is_sample = 0),"
                     " b.print_edition FROM books b LEFT JOIN digital_editions de ON de.book_id = b.id"
                     " WHERE b.id IN (" + db::placeholders(ids.size()) + ") ORDER BY b.id" +
                         (lock_books ? " FOR UPDATE" : ""),
                     ids)) {
                const int64_t id = r.i64(0);
                const Cents list_price = digital.count(id) ? r.opt_i64(10).value_or(0) : r.i64(5);
                books.push_back({id, r.i64(1), r.str(2), r.opt_str(3), r.opt_str(4),
                                 fixed_price.count(id) ? fixed_price[id] : list_price, r.str(6), static_cast<int>(r.i64(7)),
                                 r.boolean(8), r.boolean(9), r.opt_i64(11).value_or(0) != 0, r.boolean(12)});
            }
            if (books.size() != wanted.size()) throw Conflict("A book in your cart is no longer for sale. Please review your cart.");
            std::string unavailable, shortage;
            for (const auto& b : books) {
                const int qty = wanted[b.id];
                if (!b.published) unavailable += quoted(b.title) + " is no longer for sale. ";
                else if (digital.count(b.id)) {
                    if (!b.ebook_buyable) unavailable += "The ebook of " + quoted(b.title) + " is no longer for sale. ";
                } else if (!b.print_edition && !set_aside.count(b.id)) {
                    unavailable += quoted(b.title) + " is sold as an ebook only now: remove the printed copies and add the ebook. ";
                } else if (qty > b.stock && !b.backorder && !set_aside.count(b.id))
                    shortage += b.stock == 0 ? "Sorry, " + quoted(b.title) + " just sold out. "
                                             : "Only " + copies(b.stock) + " of " + quoted(b.title) + " left (you asked for " +
                                                   std::to_string(qty) + "). ";
            }
            for (const auto& b : books)
                if (b.currency != books.front().currency)
                    throw Conflict("Your cart holds books priced in " + books.front().currency + " and in " + b.currency +
                                   ". An order is paid in one currency: please remove the books in one of them.");
            if (!unavailable.empty()) throw Conflict(unavailable + "Please remove it from your cart.");
            // An ebook the buyer owns already (a guest cart joined at login may hold one) is not sold twice.
            for (const auto& b : books)
                if (digital.count(b.id) && Editions(db_).owns(req.user_id, b.id))
                    throw Conflict(quoted(b.title) + " is already in your library. Please remove its ebook from your cart.");
            if (!shortage.empty()) throw SoldOut(shortage + "Nothing was charged; please change your cart and try again.");

            // 3. Prices from the rows just read, never from the form.
            std::vector<pricing::Line> lines;
            std::vector<int64_t> book_ids;
            for (const auto& b : books) {
                lines.push_back({b.id, b.price, wanted[b.id], !digital.count(b.id)});
                book_ids.push_back(b.id);
            }
            std::optional<pricing::CouponTerms> terms;
            if (coupon) terms = coupons.terms(*coupon, book_ids);
            const auto price = pricing::price(lines, terms, req.method, req.rules);
            if (coupon && !price.coupon_applied) throw Conflict("Coupon " + coupon->code + ": " + price.coupon_problem);

            // 4. Reserve: check and take in one conditional step per book (stock never below zero).
            std::vector<int> on_hand;
            for (const auto& b : books) {
                if (set_aside.count(b.id) || digital.count(b.id)) {
                    on_hand.push_back(wanted[b.id]);
                    continue;
                }
                const int take = std::min(b.stock, wanted[b.id]);
                on_hand.push_back(take);
                if (take > 0 &&
                    db_.exec("UPDATE books SET stock = stock - ? WHERE id = ? AND stock >= ?", take, b.id, take) != 1)
                    throw SoldOut("Sorry, " + quoted(b.title) + " just sold out.");
            }
            if (coupon && !coupons.claim(coupon->id, req.user_id))
                throw Conflict("Coupon " + coupon->code + ": " +
                               (coupon->rules.per_customer_limit ? "you have already used it." : "it has been used up."));

            // 5. The day's next number, from its locked counter row (taken last: held the shortest time).
            // LAST_INSERT_ID(expr) hands the new number back with the statement's answer: no second read.
            const Time day = now;
            db_.exec("INSERT INTO order_counters (day, last_number) VALUES (?, LAST_INSERT_ID(1))"
                     " ON DUPLICATE KEY UPDATE last_number = LAST_INSERT_ID(last_number + 1)",
                     format_date(day));
            const auto n = static_cast<int64_t>(db_.last_insert_id());
            const std::string number = format_number(day, n);

            const auto& a = req.ship_to;
            // On a Galera cluster, while two nodes take writes (hosts moving back to a returning node),
            // this node's counter may not yet hold another node's order of the same number when it is
            // read here; the loser of that race can meet the other order's row instead of a certification
            // conflict. It is the same conflict (nothing of this one is kept): run the whole transaction
            // again, like 1213, and never show the visitor a 500 for it.
            try {
                db_.exec("INSERT INTO orders (number, user_id, status, idempotency_key, currency, ship_full_name, ship_line1,"
                         " ship_line2, ship_city, ship_region, ship_postal_code, ship_country, ship_phone, shipping_method,"
                         " subtotal_cents, discount_cents, shipping_cents, tax_cents, total_cents, tax_rate_bp, coupon_id,"
                         " coupon_code, created_at, updated_at)"
                         " VALUES (?, ?, 'pending_payment', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         number, req.user_id, req.idempotency_key, books.front().currency, a.full_name, a.line1, a.line2, a.city,
                         a.region, a.postal_code, a.country, a.phone, pricing::method_name(req.method), price.subtotal,
                         price.discount, price.shipping, price.tax, price.total, req.rules.tax_rate_bp,
                         coupon ? std::optional<int64_t>(coupon->id) : std::nullopt,
                         coupon ? std::optional<std::string>(coupon->code) : std::nullopt, now, now);
            } catch (const db::Error& e) {
                if (e.is_duplicate_of("uq_orders_number"))
                    throw db::Error(1213, "order number " + number + " was taken by a concurrent order: " + e.what());
                throw;
            }
            const auto order_id = static_cast<int64_t>(db_.last_insert_id());
            for (size_t i = 0; i < books.size(); ++i) {
                const auto& b = books[i];
                db_.exec("INSERT INTO order_items (order_id, book_id, edition, author_id, title, isbn13, cover_path,"
                         " unit_price_cents, quantity, backordered_quantity, line_total_cents, discount_cents)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         order_id, b.id, digital.count(b.id) ? "digital" : "print", b.author_id, b.title, b.isbn, b.cover, b.price, wanted[b.id],
                         wanted[b.id] - on_hand[i], price.line_totals[i], price.line_discounts[i]);
            }
            if (req.items.empty()) {
                db_.exec("DELETE ci FROM cart_items ci JOIN carts c ON c.id = ci.cart_id WHERE c.user_id = ?", req.user_id);
                db_.exec("UPDATE carts SET coupon_code = NULL, updated_at = ? WHERE user_id = ?", now, req.user_id);
            }
            tx.new_reservation(order_id, "held", now.plus_minutes(req.reservation_minutes));
            const std::string ref = tx.new_payment(order_id, price.total, 1);
            tx.event(order_id, order_status::kPendingPayment, "Order placed; the books are held for payment.");
            return Placed{order_id, number, ref, false};
        });
    } catch (const db::Error& e) {
        // Two submits with one key: the UNIQUE key refused the second, whose work rolled back.
        if (e.is_duplicate_key())
            if (auto first = by_key()) return *first;
        throw;
    }
}

// ---- payment ------------------------------------------------------------------------------------

Settled Orders::settle_payment(const PaymentOutcome& outcome, Time now, const ReceiptComposer& receipt) {
    return db_.transaction([&]() -> Settled {
        const auto pay = db_.query_one_written_anywhere("SELECT id, order_id FROM payments WHERE provider_ref = ?", outcome.ref);
        if (!pay) throw NotFound("We do not know that payment.");
        Tx tx(db_, now);
        const auto o = tx.lock_order(pay->i64(1));
        Settled s{Settled::AlreadySettled, o->id, o->number, o->user_id, std::nullopt};
        const auto status = db_.query_one("SELECT status FROM payments WHERE id = ? FOR UPDATE", pay->i64(0))->str(0);
        if (status != "pending") return s;  // a replayed callback changes nothing
        const std::string card = card_text(outcome);
        const auto held = tx.held_reservation(o->id);
        FlashClaims flash(db_, now);
        s.flash_sale_id = flash.sale_of(o->id);

        if (!outcome.success) {
            db_.exec("UPDATE payments SET status = 'failed', card_brand = ?, card_last4 = ?, failure_reason = ?,"
                     " settled_at = ? WHERE id = ?",
                     outcome.card_brand, outcome.card_last4, utf8_prefix(outcome.failure_reason, 200), now, pay->i64(0));
            if (held && o->status == order_status::kPendingPayment) tx.release(*o, *held, "released");
            s.result = Settled::Failed;
            if (s.flash_sale_id && o->status == order_status::kPendingPayment) {
                // A flash-sale copy went back to its sale, where the buyer (or anyone) may take it again.
                tx.mark_cancelled(o->id);
                tx.event(o->id, order_status::kCancelled,
                         "Payment with " + card + " failed: " + outcome.failure_reason +
                             ". The copy went back to the flash sale; you can buy it again there while copies remain.");
                return s;
            }
            db_.exec("UPDATE orders SET updated_at = ? WHERE id = ?", now, o->id);
            tx.event(o->id, o->status,
                     "Payment with " + card + " failed: " + outcome.failure_reason +
                         (held ? ". The books were released; you can try again while they are in stock." : "."));
            return s;
        }

        db_.exec("UPDATE payments SET status = 'succeeded', card_brand = ?, card_last4 = ?, settled_at = ? WHERE id = ?",
                 outcome.card_brand, outcome.card_last4, now, pay->i64(0));
        auto items = tx.items(o->id);
        std::string note = "Payment received: " + card + ".";
        if (held) {
            db_.exec("UPDATE stock_reservations SET status = 'paid', settled_at = ? WHERE id = ? AND status = 'held'", now,
                     *held);
            if (s.flash_sale_id) flash.mark_paid(o->id);
            s.result = Settled::Paid;
        } else {
            // The money came after the hold ended (expired, or released by another failed attempt).
            // Fill the order if the books are still there; otherwise refund, and say so. A flash-sale copy
            // went back to its sale, where it may be someone else's by now: always refunded.
            const auto last = db_.query_one("SELECT status FROM stock_reservations WHERE order_id = ? ORDER BY id DESC LIMIT 1",
                                            o->id);
            const bool revivable = !s.flash_sale_id && (o->status == order_status::kPendingPayment ||
                                   (o->status == order_status::kCancelled && last && last->str(0) == "expired"));
            bool filled = false;
            if (revivable) {
                const bool coupon_ok = !o->coupon_id || Coupons(db_).claim(*o->coupon_id, o->user_id);
                if (coupon_ok && tx.reserve(o->id, items).empty()) {
                    tx.new_reservation(o->id, "paid", now);
                    filled = true;
                } else if (coupon_ok && o->coupon_id) {
                    Coupons(db_).release(*o->coupon_id, o->user_id);
                }
            }
            if (!filled) {
                const Cents due = o->total - o->refunded;
                db_.exec("UPDATE payments SET status = 'refund_due' WHERE id = ?", pay->i64(0));
                if (o->status == order_status::kPendingPayment)
                    tx.mark_cancelled(o->id);
                if (due > 0) {
                    db_.exec("UPDATE orders SET refunded_cents = refunded_cents + ?, updated_at = ? WHERE id = ?", due, now,
                             o->id);
                    tx.record_refund(o->id, due, false, "Payment arrived after the order could no longer be filled.",
                                     std::nullopt);
                }
                tx.event(o->id, order_status::kCancelled,
                         "Payment with " + card + " arrived after the books were no longer held, and they have sold out "
                         "since. The full amount is being refunded to your card.");
                if (due > 0) queue_order_notice(db_, o->id, OrderNotice::Refunded, due, now);
                s.result = Settled::RefundDue;
                return s;
            }
            items = tx.items(o->id);
            note = "Payment received after the hold had ended; the books were still available. " + note;
            s.result = Settled::PaidLate;
        }
        db_.exec("UPDATE orders SET status = 'paid', paid_at = ?, cancelled_at = NULL, updated_at = ? WHERE id = ?", now, now,
                 o->id);
        tx.count_sale(o->id, items, +1);
        Licences(db_).grant_for_order(o->id, now);  // ebooks are in the buyer's library from this commit
        tx.event(o->id, order_status::kPaid, note);
        if (receipt) {
            const auto order = find(o->id);
            Outbox(db_).enqueue(receipt(*order), now);
        }
        return s;
    });
}

Settled Orders::mark_paid(const std::string& ref, const std::string& brand, const std::string& last4, Time now,
                          const ReceiptComposer& receipt) {
    return settle_payment(PaymentOutcome{ref, true, brand, last4, ""}, now, receipt);
}

Placed Orders::retry_payment(int64_t order_id, int64_t user_id, int reservation_minutes, Time now) {
    return db_.transaction([&]() -> Placed {
        Tx tx(db_, now);
        const auto o = tx.lock_order(order_id);
        if (!o || o->user_id != user_id) throw NotFound("We could not find that order.");
        if (o->status != order_status::kPendingPayment) throw Conflict("This order is no longer waiting for payment.");
        if (tx.held_reservation(o->id)) {  // still held: continue with the open attempt (or a fresh one)
            const auto open = db_.query_one("SELECT provider_ref FROM payments WHERE order_id = ? AND status = 'pending'"
                                            " ORDER BY attempt DESC LIMIT 1",
                                            o->id);
            return Placed{o->id, o->number, open ? open->str(0) : tx.new_payment(o->id, o->total), true};
        }
        if (FlashClaims(db_, now).sale_of(o->id))
            throw Conflict("This flash-sale order's copy went back to the sale. Buy it again on the sale's page while "
                           "copies remain.");
        const auto items = tx.items(o->id);
        if (o->coupon_id && !Coupons(db_).claim(*o->coupon_id, o->user_id))
            throw Conflict("The coupon on this order has been used up since. Please place a new order.");
        if (auto shortage = tx.reserve(o->id, items); !shortage.empty()) throw SoldOut("Sorry: " + shortage);
        tx.new_reservation(o->id, "held", now.plus_minutes(reservation_minutes));
        const std::string ref = tx.new_payment(o->id, o->total);
        db_.exec("UPDATE orders SET updated_at = ? WHERE id = ?", now, o->id);
        tx.event(o->id, order_status::kPendingPayment, "Trying the payment again; the books are held once more.");
        return Placed{o->id, o->number, ref, false};
    });
}

// ---- expiry, cancellation, refunds, shipping ------------------------------------------------------

int Orders::expire_due(Time now, int limit) {
    const auto due = db_.query("SELECT order_id FROM stock_reservations WHERE status = 'held' AND expires_at <= ?"
                               " ORDER BY expires_at LIMIT ?",
                               now, limit);
    int expired = 0;
    for (const auto& row : due) {
        expired += db_.transaction([&] {
            Tx tx(db_, now);
            // Waits for another sweeper (or the buyer's payment) holding the order, then finds it settled: a
            // sweep that skipped locked orders could return before the other's expiry committed, so a
            // due reservation was still held after `bookfair sweep` said it was done.
            const auto o = tx.lock_order(row.i64(0));
            if (!o) return 0;
            const auto held = db_.query_one(
                "SELECT id FROM stock_reservations WHERE held_order_id = ? AND expires_at <= ? FOR UPDATE", o->id, now);
            if (!held || !tx.release(*o, held->i64(0), "expired")) return 0;
            db_.exec("UPDATE orders SET status = 'cancelled', cancelled_at = ?, updated_at = ? WHERE id = ?"
                     " AND status = 'pending_payment'",
                     now, now, o->id);
            tx.event(o->id, order_status::kCancelled,
                     "Cancelled: payment not completed in time. The books went back on the shelf.");
            queue_order_notice(db_, o->id, OrderNotice::PaymentExpired, 0, now);
            return 1;
        });
    }
    return expired;
}

void Orders::cancel(int64_t order_id, const Actor& by, Time now) {
    db_.transaction([&] {
        Tx tx(db_, now);
        const auto o = tx.lock_order(order_id);
        if (!o || (!by.admin && (!by.user_id || *by.user_id != o->user_id))) throw NotFound("We could not find that order.");
        const std::string who = by.admin ? "by the shop" : "at your request";
        if (o->status == order_status::kPendingPayment) {
            if (const auto held = tx.held_reservation(o->id)) tx.release(*o, *held, "released");
            tx.mark_cancelled(o->id);
            tx.event(o->id, order_status::kCancelled, "Cancelled " + who + ". " + by.note, by.admin ? by.user_id : std::nullopt);
            queue_order_notice(db_, o->id, OrderNotice::Cancelled, 0, now);
            return;
        }
        if (o->status != order_status::kPaid && o->status != order_status::kProcessing)
            throw Conflict(o->status == order_status::kShipped || o->status == order_status::kDelivered
                               ? "This order has shipped and can no longer be cancelled."
                               : "This order cannot be cancelled.");
        // Ebooks are delivered the moment the order is paid: only the shop may undo such an order.
        if (!by.admin && db_.query_one("SELECT 1 FROM order_items WHERE order_id = ? AND edition = 'digital' LIMIT 1", o->id))
            throw Conflict("This order holds ebooks, which were delivered when it was paid. Please contact us for a refund.");
        // Paid, not shipped: the sale is undone, the money goes back, the books return to the shelf.
        const auto items = tx.items(o->id);
        const Cents due = o->total - o->refunded;
        if (o->coupon_id) Coupons(db_).release(*o->coupon_id, o->user_id);  // coupon before books: the lock order
        tx.count_sale(o->id, items, -1);
        tx.return_stock(o->id, items);
        Licences(db_).revoke_for_order(o->id, now);
        db_.exec("UPDATE orders SET status = 'cancelled', cancelled_at = ?, refunded_cents = total_cents, updated_at = ?"
                 " WHERE id = ?",
                 now, now, o->id);
        if (due > 0)
            tx.record_refund(o->id, due, true, "Cancelled before shipping", by.user_id);
        tx.event(o->id, order_status::kCancelled,
                 "Cancelled " + who + " before shipping; " + format_money(due) + " refunded in full. " + by.note,
                 by.admin ? by.user_id : std::nullopt);
        queue_order_notice(db_, o->id, OrderNotice::Cancelled, due, now);
    });
}

void Orders::refund(int64_t order_id, const Refund& r, Time now) {
    db_.transaction([&] {
        Tx tx(db_, now);
        const auto o = tx.lock_order(order_id);
        if (!o) throw NotFound("We could not find that order.");
        if (!order_status::is_paid(o->status)) throw Conflict("Only paid orders can be refunded.");
        const Cents left = o->total - o->refunded;
        if (r.amount <= 0 || r.amount > left)
            throw Invalid("amount", "Refund between " + format_money(1) + " and " + format_money(left) + ".");
        const bool full = r.amount == left;
        if (r.restock && !full) throw Invalid("restock", "Stock is returned with a full refund only.");
        db_.exec("UPDATE orders SET refunded_cents = refunded_cents + ?, updated_at = ? WHERE id = ?", r.amount, now, o->id);
        tx.record_refund(o->id, r.amount, r.restock, r.by.note, r.by.user_id);
        std::string note = format_money(r.amount) + (full ? " refunded in full." : " refunded.");
        if (full) {
            const auto items = tx.items(o->id);
            tx.count_sale(o->id, items, -1);
            Licences(db_).revoke_for_order(o->id, now);  // a refunded ebook leaves the library at once
            if (r.restock) {
                tx.return_stock(o->id, items);
                note += " The books were returned to stock.";
            }
            db_.exec("UPDATE orders SET status = 'refunded' WHERE id = ?", o->id);
        } else {
            // The books' share of a partial refund leaves the authors' revenue today; the units stay sold.
            Revenue(db_).record_refund(o->id, r.amount, o->total, Tx::sale_lines(tx.items(o->id)), now);
            Ledger(db_).record_refund(o->id, r.amount, now);
        }
        tx.event(o->id, full ? order_status::kRefunded : o->status, note + (r.by.note.empty() ? "" : " " + r.by.note),
                 r.by.user_id);
        queue_order_notice(db_, o->id, OrderNotice::Refunded, r.amount, now);
    });
}

void Orders::set_status(int64_t order_id, const StatusChange& c, Time now) {
    db_.transaction([&] {
        Tx tx(db_, now);
        const auto o = tx.lock_order(order_id);
        if (!o) throw NotFound("We could not find that order.");
        const std::string& from = o->status;
        std::string note;
        if (c.status == order_status::kProcessing && from == order_status::kPaid) {
            db_.exec("UPDATE orders SET status = 'processing', updated_at = ? WHERE id = ?", now, o->id);
            note = "Being packed.";
        } else if (c.status == order_status::kShipped &&
                   (from == order_status::kPaid || from == order_status::kProcessing)) {
            std::map<std::string, std::string> errors;
            if (c.carrier.empty() || c.carrier.size() > 60) errors["carrier"] = "Name the carrier (up to 60 characters).";
            if (c.tracking_number.empty() || c.tracking_number.size() > 80)
                errors["tracking_number"] = "Enter the tracking number (up to 80 characters).";
            if (!errors.empty()) throw Invalid(errors);
            db_.exec("UPDATE orders SET status = 'shipped', carrier = ?, tracking_number = ?, shipped_at = ?, updated_at = ?"
                     " WHERE id = ?",
                     c.carrier, c.tracking_number, now, now, o->id);
            note = "Shipped with " + c.carrier + ", tracking number " + c.tracking_number + ".";
        } else if (c.status == order_status::kDelivered && from == order_status::kShipped) {
            db_.exec("UPDATE orders SET status = 'delivered', delivered_at = ?, updated_at = ? WHERE id = ?", now, now, o->id);
            note = "Delivered.";
        } else {
            throw Conflict("An order that is " + from + " cannot become " + c.status + ".");
        }
        tx.event(o->id, c.status, note + (c.by.note.empty() ? "" : " " + c.by.note), c.by.user_id);
        if (c.status == order_status::kShipped) queue_order_notice(db_, o->id, OrderNotice::Shipped, 0, now);
    });
}

// ---- reading --------------------------------------------------------------------------------------

namespace {

Order read_order(const db::Row& r) {
    Order o;
    o.id = r.i64(0);
    o.number = r.str(1);
    o.user_id = r.i64(2);
    o.buyer_email = r.str(3);
    o.buyer_name = r.str(4);
    o.status = r.str(5);
    o.currency = r.str(6);
    o.ship_to = {r.str(7), r.str(8), r.str(9), r.str(10), r.str(11), r.str(12), r.str(13), r.str(14)};
    o.shipping_method = r.str(15);
    o.subtotal = r.i64(16);
    o.discount = r.i64(17);
    o.shipping = r.i64(18);
    o.tax = r.i64(19);
    o.total = r.i64(20);
    o.refunded = r.i64(21);
    o.tax_rate_bp = r.i64(22);
    o.coupon_id = r.opt_i64(23);
    o.coupon_code = r.opt_str(24);
    o.carrier = r.opt_str(25);
    o.tracking_number = r.opt_str(26);
    o.created = r.time(27);
    o.paid_at = r.opt_time(28);
    o.shipped_at = r.opt_time(29);
    o.delivered_at = r.opt_time(30);
    o.cancelled_at = r.opt_time(31);
    return o;
}

}  // namespace

std::optional<Order> Orders::find(int64_t order_id) {
    const auto row = db_.query_one(std::string(kOrderColumns) + "WHERE o.id = ?", order_id);
    if (!row) return std::nullopt;
    Order o = read_order(*row);
    for (const auto& r : db_.query("SELECT id, book_id, author_id, title, isbn13, cover_path, unit_price_cents, quantity,"
                                   " backordered_quantity, line_total_cents, edition = 'digital' FROM order_items"
                                   " WHERE order_id = ? ORDER BY book_id",
                                   o.id))
        o.items.push_back({r.i64(0), r.i64(1), r.i64(2), r.str(3), r.opt_str(4), r.opt_str(5), r.i64(6),
                           static_cast<int>(r.i64(7)), static_cast<int>(r.i64(8)), r.i64(9), r.boolean(10)});
    for (const auto& r : db_.query("SELECT e.status, e.note, e.actor_user_id, COALESCE(u.display_name, ''), e.created_at"
                                   " FROM order_events e LEFT JOIN users u ON u.id = e.actor_user_id"
                                   " WHERE e.order_id = ? ORDER BY e.id",
                                   o.id))
        o.events.push_back({r.str(0), r.str(1), r.opt_i64(2), r.str(3), r.time(4)});
    for (const auto& r : db_.query("SELECT id, attempt, provider_ref, amount_cents, status, card_brand, card_last4,"
                                   " failure_reason, created_at, settled_at FROM payments WHERE order_id = ?"
                                   " ORDER BY attempt",
                                   o.id))
        o.payments.push_back({r.i64(0), static_cast<int>(r.i64(1)), r.str(2), r.i64(3), r.str(4), r.opt_str(5),
                              r.opt_str(6), r.opt_str(7), r.time(8), r.opt_time(9)});
    if (const auto held = db_.query_one("SELECT expires_at FROM stock_reservations WHERE held_order_id = ?", o.id))
        o.hold_expires = held->time(0);
    return o;
}

std::optional<Order> Orders::find_by_number(const std::string& number) {
    const auto row = db_.query_one_written_anywhere("SELECT id FROM orders WHERE number = ?", number);
    if (!row) return std::nullopt;
    return find(row->i64(0));
}

std::optional<Order> Orders::find_by_payment_ref(const std::string& ref) {
    const auto row = db_.query_one_written_anywhere("SELECT order_id FROM payments WHERE provider_ref = ?", ref);
    if (!row) return std::nullopt;
    return find(row->i64(0));
}

std::vector<OrderSummary> Orders::history(int64_t user_id, std::optional<int64_t> before_id, int limit) {
    std::vector<OrderSummary> out;
    const auto rows = db_.query(
        "SELECT o.id, o.number, o.status, o.total_cents, o.currency, o.created_at,"
        " (SELECT SUM(i.quantity) FROM order_items i WHERE i.order_id = o.id),"
        " (SELECT i.title FROM order_items i WHERE i.order_id = o.id ORDER BY i.id LIMIT 1)"
        " FROM orders o WHERE o.user_id = ? AND o.id < ? ORDER BY o.id DESC LIMIT ?",
        user_id, before_id.value_or(INT64_MAX), limit);
    for (const auto& r : rows)
        out.push_back({r.i64(0), r.str(1), r.str(2), r.i64(3), r.str(4), r.time(5), static_cast<int>(r.opt_i64(6).value_or(0)),
                       r.opt_str(7).value_or("")});
    return out;
}

bool Orders::has_bought(int64_t user_id, int64_t book_id) {
    return db_
        .query_one(std::string("SELECT 1 FROM order_items i JOIN orders o ON o.id = i.order_id"
                               " WHERE i.book_id = ? AND o.user_id = ? AND o.status IN ") +
                       order_status::kPaidSql + " LIMIT 1",
                   book_id, user_id)
        .has_value();
}

}  // namespace bf::store
