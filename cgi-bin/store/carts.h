#pragma once
// Shopping carts: one per guest session, one per user; a guest's cart joins the user's at login.
#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

// Whose cart: the user's when logged in, else the guest session's.
struct CartOwner {
    std::optional<int64_t> user_id;
    std::optional<int64_t> session_id;
    bool none() const { return !user_id && !session_id; }
};

struct CartLine {
    int64_t book_id = 0;
    std::string slug;
    std::string title;
    std::string author;
    std::optional<std::string> cover_path;
    std::string cover_alt;
    Cents unit_price = 0;      // what the buyer pays today (sale price when there is one)
    Cents regular_price = 0;
    std::string currency;
    int quantity = 0;
    int stock = 0;
    bool allow_backorder = false;
    bool published = true;
    // The digital edition (an ebook licence: one per reader, no stock, nothing shipped), and whether
    // the author offers it and has uploaded its file.
    bool digital = false;
    bool edition_for_sale = false;
    bool edition_has_file = false;
    bool print_edition = true;  // false: an ebook-only book, whose printed copies cannot be bought
    bool edition_buyable() const { return edition_for_sale && edition_has_file; }
    // True when the line can be bought as it stands (published, enough stock or backorder allowed;
    // for an ebook, its edition for sale with a file).
    bool available() const {
        return published && (digital ? edition_buyable() : print_edition && (allow_backorder || quantity <= stock));
    }
};

struct Cart {
    std::optional<int64_t> id;
    std::vector<CartLine> lines;
    std::optional<std::string> coupon_code;
    int item_count() const;
    bool ships() const;  // some line is a printed copy: checkout asks for an address
};

// Which edition of a book a cart line or an order line is.
enum class Edition { Print, Digital };
const char* edition_name(Edition e);  // "print", "digital" (as stored)

class Carts {
public:
    static constexpr int kMaxQuantity = 99;
    static constexpr int kGuestIdleDays = 7;

    explicit Carts(db::Connection& db) : db_(db) {}

    // The cart with current prices and stock: two queries (the cart row, then its lines with books).
    Cart load(const CartOwner& owner, Time now);
    // Units in the cart, for the header: one indexed query.
    int count(const CartOwner& owner, Time now);

    // Adds `quantity` of a published book (to what is already there). Throws NotFound for unknown or
    // unpublished books, Invalid{"quantity"} for quantities outside 1..99 or above the stock.
    // An ebook (Edition::Digital) is one licence: it is added once, needs its edition for sale, and is
    // refused (Conflict) when the reader owns it already or the cart holds the book's other edition.
    void add(const CartOwner& owner, int64_t book_id, int quantity, Time now, Edition edition = Edition::Print);
    // Sets a line's quantity (0 removes it), with the same checks as add().
    void set_quantity(const CartOwner& owner, int64_t book_id, int quantity, Time now);
    void remove(const CartOwner& owner, int64_t book_id, Time now);
    void set_coupon(const CartOwner& owner, const std::optional<std::string>& code, Time now);

    // At login: the guest session's cart joins the user's (quantities add up, capped at 99).
    void merge_guest_cart(int64_t session_id, int64_t user_id, Time now);
    // Housekeeping: guest carts untouched for kGuestIdleDays. Returns how many were deleted.
    uint64_t delete_idle_guest_carts(Time now, int limit = 1000);

private:
    std::optional<int64_t> find_id(const CartOwner& owner, Time now);
    int64_t ensure(const CartOwner& owner, Time now);
    void check_quantity(int64_t book_id, int quantity);
    void check_ebook(const CartOwner& owner, int64_t book_id);
    db::Connection& db_;
};

}  // namespace bf::store
