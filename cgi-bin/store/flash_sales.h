#pragma once
// Flash sales: a number of copies of one book at a special price from a start time until sold out, ended,
// paused or cancelled, at most `per_customer_limit` copies to one customer.
//
// Stock: the sale's copies leave books.stock when it is created and belong to the sale (units_left);
// when the sale closes, what is left goes back to the book (units_returned). A buy therefore touches
// one hot row: the conditional `UPDATE flash_sales SET units_left = units_left - 1 WHERE ... AND
// units_left > 0` that cannot oversell, taken as late in the buying transaction as possible so the row
// is locked only for that statement, the claim insert and the commit. The claim's UNIQUE key
// (sale, customer, unit number while live) lets the database refuse a unit above the limit however many
// requests one customer sends. Invariant: quantity = units_left + live claims + units_returned.
//
// A sale of the book's digital edition (`digital`) sells licences the same way: nothing leaves or
// returns to books.stock, the order holds one ebook line and ships nothing, and once paid the book is in
// the buyer's library (store/editions.h). A reader who owns the ebook already is refused before anything
// is written.
#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "core/pricing.h"
#include "core/time.h"
#include "db/connection.h"
#include "store/addresses.h"
#include "store/orders.h"

namespace bf::store {

enum class FlashPhase { Upcoming, Running, SoldOut, Paused, Ended, Cancelled };

struct FlashSale {
    int64_t id = 0;
    int64_t book_id = 0;
    bool digital = false;  // a sale of the ebook: its units are licences
    std::string book_title;
    std::string book_slug;
    int64_t author_id = 0;
    std::string author_name;
    std::optional<std::string> cover_path;
    std::string cover_alt;
    std::string currency;
    Cents price = 0;          // the sale's
    Cents regular_price = 0;  // the edition's usual (effective) price
    int quantity = 0;
    int units_left = 0;
    int units_returned = 0;
    int per_customer_limit = 1;
    Time start{};
    std::optional<Time> end;
    std::string status;  // active, paused, cancelled, ended
    bool book_published = true;  // a sale of a book readers cannot see is not shown or sold
    int64_t created_by = 0;
    Time created{};
    // Live claims, filled by the management list: paid units and units held for payment.
    int sold = 0;
    int reserved = 0;

    FlashPhase phase(Time now) const;
};

struct FlashSaleInput {
    int64_t book_id = 0;
    bool digital = false;  // the ebook: needs a digital edition for sale with a file; takes no stock
    Cents price = 0;
    int quantity = 0;
    Time start{};
    std::optional<Time> end;
    int per_customer_limit = 1;
};

// Who manages a sale: an author their own books' sales, an admin any (and admins' actions are audited).
struct FlashActor {
    int64_t user_id = 0;
    bool admin = false;
};

enum class FlashAction { Pause, Resume, Cancel };

struct WithdrawnSales;  // store/catalog.h

struct FlashBuy {
    int64_t sale_id = 0;
    int64_t user_id = 0;
    std::string idempotency_key;  // from the sale page's form: a double click makes one order
    // Validated by the caller; none when the form had no address (a print sale then answers
    // AddressNeeded, a digital one never uses it).
    std::optional<AddressInput> ship_to;
    pricing::Rules rules;
    int reservation_minutes = 5;
};

struct FlashBuyResult {
    enum Outcome { Bought, Repeated, SoldOut, NotStarted, Paused, Ended, LimitReached, AlreadyOwned, AddressNeeded };
    Outcome outcome = SoldOut;
    Placed placed;             // Bought, Repeated: the order and the payment to send the buyer to
    std::string order_number;  // LimitReached: the customer's latest live flash order
    std::optional<Time> start;  // NotStarted: when it opens
    bool digital = false;       // an ebook's sale (its units are licences), once the sale was read
};

// A customer's live units in a sale, newest first.
struct FlashClaim {
    int unit_no = 0;
    std::string status;  // held, paid
    std::string order_number;
};

class FlashSales {
public:
    explicit FlashSales(db::Connection& db) : db_(db) {}

    // Creates a sale, taking its copies out of the book's stock (the book locked). Throws Invalid per field,
    // Forbidden for another author's book, NotFound for no book. Admins' sales are audited.
    int64_t create(const FlashSaleInput& input, const FlashActor& by, Time now);
    // Pause, resume or cancel (cancelling returns the copies left to the book's stock). A sale of a book
    // that is not published cannot be resumed (Conflict).
    void act(int64_t sale_id, FlashAction action, const FlashActor& by, Time now);

    // One unit to one customer: see the top of this file. No write at all unless a unit is taken.
    FlashBuyResult buy(const FlashBuy& request, Time now);

    std::optional<FlashSale> find(int64_t sale_id);
    // Running and upcoming sales of published books for the home page, soonest first; `book_id` keeps
    // one book's (its own page mentions them).
    std::vector<FlashSale> listed(Time now, int limit, std::optional<int64_t> book_id = std::nullopt);
    // Management list with live counts (one grouped query), newest first; author_id limits it to one
    // author's books.
    std::vector<FlashSale> manage(std::optional<int64_t> author_id, int limit);
    std::vector<FlashClaim> claims_of(int64_t sale_id, int64_t user_id);

    // In the caller's transaction, the book's row already locked: the book left the catalogue, so its
    // active sales pause (`for_good` false: a draft may come back) or its open sales end (archived).
    WithdrawnSales book_withdrawn(int64_t book_id, bool for_good, Time now);

    // Housekeeping: active sales whose end has passed are closed, their copies left returned to the
    // book. Safe with several sweepers. Returns the sales closed.
    int close_ended(Time now, int limit = 100);

private:
    void close(int64_t sale_id, const char* status, Time now);
    db::Connection& db_;
};

// What an order's life does to its flash-sale unit, inside the order's transaction (store/orders.cpp).
class FlashClaims {
public:
    FlashClaims(db::Connection& db, Time now) : db_(db), now_(now) {}
    // The sale whose unit the order holds (or held), nullopt for ordinary orders.
    std::optional<int64_t> sale_of(int64_t order_id);
    // held -> paid when the order is paid.
    void mark_paid(int64_t order_id);
    // held | paid -> released: the unit goes back to its sale while the sale is open, else to the book's
    // stock. False when the order has no live claim (an ordinary order).
    bool release(int64_t order_id);

private:
    db::Connection& db_;
    Time now_;
};

}  // namespace bf::store
