#include "store/carts.h"

#include <algorithm>

#include "core/errors.h"

namespace bf::store {
namespace {

// "WHERE <owner>": the user's cart, or a guest's cart that has not gone idle.
std::string owner_condition(const CartOwner& o) {
    return o.user_id ? "c.user_id = ?" : "c.session_id = ? AND c.updated_at > ?";
}

std::vector<db::Param> owner_params(const CartOwner& o, Time now) {
    if (o.user_id) return {db::to_param(*o.user_id)};
    return {db::to_param(*o.session_id), db::to_param(now.plus_days(-Carts::kGuestIdleDays))};
}

std::string units(int n) { return std::to_string(n) + (n == 1 ? " copy" : " copies"); }

}  // namespace

const char* edition_name(Edition e) { return e == Edition::Digital ? "digital" : "print"; }

bool Cart::ships() const {
    for (const auto& l : lines)
        if (!l.digital) return true;
    return false;
}

int Cart::item_count() const {
    int n = 0;
    for (const auto& l : lines) n += l.quantity;
    return n;
}

std::optional<int64_t> Carts::find_id(const CartOwner& owner, Time now) {
    if (owner.none()) return std::nullopt;
    const auto row = db_.query_params("SELECT c.id FROM carts c WHERE " + owner_condition(owner), owner_params(owner, now));
    if (row.empty()) return std::nullopt;
    return row.front().i64(0);
}

Cart Carts::load(const CartOwner& owner, Time now) {
    Cart cart;
    if (owner.none()) return cart;
    const auto head = db_.query_params("SELECT c.id, c.coupon_code FROM carts c WHERE " + owner_condition(owner),
                                       owner_params(owner, now));
    if (head.empty()) return cart;
    cart.id = head.front().i64(0);
    cart.coupon_code = head.front().opt_str(1);
    const auto rows = db_.query(
        "SELECT b.id, b.slug, b.title, a.display_name, b.cover_path, b.cover_alt,"
        " IF(ci.edition = 'digital', de.effective_price_cents, b.effective_price_cents),"
        " IF(ci.edition = 'digital', de.price_cents, b.price_cents), b.currency, ci.quantity, b.stock, b.allow_backorder,"
        " b.status = 'published', ci.edition = 'digital',"
        " de.for_sale = 1, EXISTS (SELECT 1 FROM edition_files f WHERE f.book_id = b.id AND f.is_sample = 0),"
        " b.print_edition FROM cart_items ci JOIN books b ON b.id = ci.book_id JOIN users a ON a.id = b.author_id"
        " LEFT JOIN digital_editions de ON de.book_id = b.id"
        " WHERE ci.cart_id = ? ORDER BY ci.added_at, b.id",
        *cart.id);
    for (const auto& r : rows) {
        CartLine l;
        l.book_id = r.i64(0);
        l.slug = r.str(1);
        l.title = r.str(2);
        l.author = r.str(3);
        l.cover_path = r.opt_str(4);
        l.cover_alt = r.str(5);
        l.digital = r.boolean(13);
        l.edition_for_sale = r.opt_i64(14).value_or(0) != 0;
        l.edition_has_file = r.boolean(15);
        l.print_edition = r.boolean(16);
        // An ebook line whose edition went away keeps showing, at no price, as not available.
        l.unit_price = r.opt_i64(6).value_or(0);
        l.regular_price = r.opt_i64(7).value_or(0);
        l.currency = r.str(8);
        l.quantity = static_cast<int>(r.i64(9));
        l.stock = static_cast<int>(r.i64(10));
        l.allow_backorder = r.boolean(11);
        l.published = r.boolean(12);
        cart.lines.push_back(std::move(l));
    }
    return cart;
}

int Carts::count(const CartOwner& owner, Time now) {
    if (owner.none()) return 0;
    const auto rows = db_.query_params(
        "SELECT COALESCE(SUM(ci.quantity), 0) FROM carts c JOIN cart_items ci ON ci.cart_id = c.id WHERE " +
            owner_condition(owner),
        owner_params(owner, now));
    return rows.empty() ? 0 : static_cast<int>(rows.front().i64(0));
}

int64_t Carts::ensure(const CartOwner& owner, Time now) {
    if (owner.none()) throw std::logic_error("a cart needs a session or a user");
    // A guest cart that went idle starts over empty.
    if (!owner.user_id)
        db_.exec("DELETE FROM carts WHERE session_id = ? AND updated_at <= ?", *owner.session_id,
                 now.plus_days(-kGuestIdleDays));
    if (owner.user_id)
        db_.exec("INSERT INTO carts (user_id, created_at, updated_at) VALUES (?, ?, ?)"
                 " ON DUPLICATE KEY UPDATE updated_at = VALUES(updated_at)",
                 *owner.user_id, now, now);
    else
        db_.exec("INSERT INTO carts (session_id, created_at, updated_at) VALUES (?, ?, ?)"
                 " ON DUPLICATE KEY UPDATE updated_at = VALUES(updated_at)",
                 *owner.session_id, now, now);
    return *find_id(owner, now);
}

void Carts::check_quantity(int64_t book_id, int quantity) {
    if (quantity < 1 || quantity > kMaxQuantity)
        throw Invalid("quantity", "Choose a quantity from 1 to " + std::to_string(kMaxQuantity) + ".");
    const auto book = db_.query_one("SELECT title, stock, allow_backorder, print_edition FROM books"
                                    " WHERE id = ? AND status = 'published'",
                                    book_id);
    if (!book) throw NotFound("That book is not for sale.");
    if (!book->boolean(3))
        throw Conflict("\u201c" + book->str(0) + "\u201d is sold as an ebook only: there are no printed copies. "
                       "Add the ebook instead.");
    const int stock = static_cast<int>(book->i64(1));
    if (book->boolean(2) || quantity <= stock) return;
    if (stock == 0) throw SoldOut("Sorry, \u201c" + book->str(0) + "\u201d is sold out.");
    throw Invalid("quantity", "Only " + units(stock) + " of \u201c" + book->str(0) + "\u201d left in stock.");
}

void Carts::check_ebook(const CartOwner& owner, int64_t book_id) {
    const auto book = db_.query_one(
        "SELECT b.title, de.for_sale = 1 AND EXISTS (SELECT 1 FROM edition_files f WHERE f.book_id = b.id AND f.is_sample = 0)"
        " FROM books b LEFT JOIN digital_editions de ON de.book_id = b.id WHERE b.id = ? AND b.status = 'published'",
        book_id);
    if (!book) throw NotFound("That book is not for sale.");
    if (book->opt_i64(1).value_or(0) == 0) throw NotFound("\u201c" + book->str(0) + "\u201d is not for sale as an ebook.");
    if (owner.user_id && db_.query_one("SELECT 1 FROM ebook_licences WHERE user_id = ? AND live_book = ?", *owner.user_id,
                                       book_id))
        throw Conflict("\u201c" + book->str(0) + "\u201d is already in your library: download it from there.");
}

void Carts::add(const CartOwner& owner, int64_t book_id, int quantity, Time now, Edition edition) {
    if (quantity < 1 || quantity > kMaxQuantity)
        throw Invalid("quantity", "Choose a quantity from 1 to " + std::to_string(kMaxQuantity) + ".");
    const bool digital = edition == Edition::Digital;
    db_.transaction([&] {
        const int64_t cart_id = ensure(owner, now);
        const auto existing = db_.query_one(
            "SELECT quantity, edition = 'digital' FROM cart_items WHERE cart_id = ? AND book_id = ? FOR UPDATE", cart_id,
            book_id);
        if (existing && existing->boolean(1) != digital)
            throw Conflict(digital ? "Your cart holds printed copies of this book. An order holds one edition of a book: "
                                     "check out the printed copies first, or remove them, then add the ebook."
                                   : "Your cart holds the ebook of this book. An order holds one edition of a book: "
                                     "check out the ebook first, or remove it, then add printed copies.");
        int total = quantity + (existing ? static_cast<int>(existing->i64(0)) : 0);
        if (digital) {
            total = 1;  // one licence per reader, however often it is added
            check_ebook(owner, book_id);
        } else {
            if (total > kMaxQuantity)
                throw Invalid("quantity", "A cart holds at most " + std::to_string(kMaxQuantity) + " copies of a book.");
            check_quantity(book_id, total);
        }
        // One order is paid in one currency: a cart never mixes them.
        const auto mixed = db_.query_one(
            "SELECT b.currency, n.currency FROM cart_items ci JOIN books b ON b.id = ci.book_id JOIN books n ON n.id = ?"
            " WHERE ci.cart_id = ? AND b.currency <> n.currency LIMIT 1",
            book_id, cart_id);
        if (mixed)
            throw Invalid("quantity", "This book is priced in " + mixed->str(1) + " and your cart holds books priced in " +
                                          mixed->str(0) + ". An order is paid in one currency: check out your cart "
                                          "first, or remove those books, then add this one.");
        db_.exec("INSERT INTO cart_items (cart_id, book_id, edition, quantity, added_at) VALUES (?, ?, ?, ?, ?)"
                 " ON DUPLICATE KEY UPDATE quantity = VALUES(quantity)",
                 cart_id, book_id, edition_name(edition), total, now);
    });
}

void Carts::set_quantity(const CartOwner& owner, int64_t book_id, int quantity, Time now) {
    if (quantity == 0) return remove(owner, book_id, now);
    db_.transaction([&] {
        const auto cart_id = find_id(owner, now);
        if (!cart_id) throw NotFound("That book is not in your cart.");
        const auto line = db_.query_one("SELECT edition = 'digital' FROM cart_items WHERE cart_id = ? AND book_id = ?",
                                        *cart_id, book_id);
        if (line && line->boolean(0)) {
            if (quantity != 1) throw Invalid("quantity", "An ebook is bought once: it goes to your library for good.");
        } else {
            check_quantity(book_id, quantity);
        }
        if (db_.exec("UPDATE cart_items SET quantity = ? WHERE cart_id = ? AND book_id = ?", quantity, *cart_id, book_id) ==
                0 &&
            !db_.query_one("SELECT 1 FROM cart_items WHERE cart_id = ? AND book_id = ?", *cart_id, book_id))
            throw NotFound("That book is not in your cart.");
        db_.exec("UPDATE carts SET updated_at = ? WHERE id = ?", now, *cart_id);
    });
}

void Carts::remove(const CartOwner& owner, int64_t book_id, Time now) {
    db_.transaction([&] {
        const auto cart_id = find_id(owner, now);
        if (!cart_id) return;
        db_.exec("DELETE FROM cart_items WHERE cart_id = ? AND book_id = ?", *cart_id, book_id);
        db_.exec("UPDATE carts SET updated_at = ? WHERE id = ?", now, *cart_id);
    });
}

void Carts::set_coupon(const CartOwner& owner, const std::optional<std::string>& code, Time now) {
    db_.transaction([&] {
        const int64_t cart_id = ensure(owner, now);
        db_.exec("UPDATE carts SET coupon_code = ?, updated_at = ? WHERE id = ?", code, now, cart_id);
    });
}

void Carts::merge_guest_cart(int64_t session_id, int64_t user_id, Time now) {
    db_.transaction([&] {
        const auto guest = db_.query_one("SELECT id, coupon_code, updated_at FROM carts WHERE session_id = ? FOR UPDATE",
                                         session_id);
        if (!guest) return;
        const int64_t guest_id = guest->i64(0);
        if (guest->time(2) <= now.plus_days(-kGuestIdleDays)) {
            db_.exec("DELETE FROM carts WHERE id = ?", guest_id);
            return;
        }
        const auto mine = db_.query_one("SELECT id FROM carts WHERE user_id = ? FOR UPDATE", user_id);
        if (!mine) {  // the guest cart simply becomes the user's
            db_.exec("UPDATE carts SET user_id = ?, session_id = NULL, updated_at = ? WHERE id = ?", user_id, now, guest_id);
            return;
        }
        const int64_t mine_id = mine->i64(0);
        // A book in both carts keeps the user's edition; an ebook stays one licence.
        db_.exec("INSERT INTO cart_items (cart_id, book_id, edition, quantity, added_at)"
                 " SELECT ?, g.book_id, g.edition, g.quantity, g.added_at FROM cart_items g WHERE g.cart_id = ?"
                 " ON DUPLICATE KEY UPDATE quantity = IF(cart_items.edition = 'digital', 1,"
                 " IF(VALUES(edition) = 'digital', cart_items.quantity, LEAST(cart_items.quantity + VALUES(quantity), ?)))",
                 mine_id, guest_id, kMaxQuantity);
        db_.exec("UPDATE carts SET coupon_code = COALESCE(?, coupon_code), updated_at = ? WHERE id = ?",
                 guest->opt_str(1), now, mine_id);
        db_.exec("DELETE FROM carts WHERE id = ?", guest_id);
    });
}

uint64_t Carts::delete_idle_guest_carts(Time now, int limit) {
    return db_.exec("DELETE FROM carts WHERE user_id IS NULL AND updated_at <= ? LIMIT ?", now.plus_days(-kGuestIdleDays),
                    limit);
}

}  // namespace bf::store
