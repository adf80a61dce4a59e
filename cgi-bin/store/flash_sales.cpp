#include "store/flash_sales.h"

#include <map>

#include "core/errors.h"
#include "core/text.h"
#include "store/audit.h"
#include "store/catalog.h"
#include "store/editions.h"

namespace bf::store {
namespace {

constexpr const char* kSaleColumns =
    "SELECT s.id, s.book_id, b.title, b.slug, b.author_id, u.display_name, b.cover_path, b.cover_alt, b.currency,"
    " s.price_cents, IF(s.edition = 'digital', de.effective_price_cents, b.effective_price_cents), s.quantity,"
    " s.units_left, s.units_returned, s.per_customer_limit, s.start_at, s.end_at, s.status, s.created_by, s.created_at,"
    " b.status = 'published', s.edition = 'digital'"
    " FROM flash_sales s JOIN books b ON b.id = s.book_id JOIN users u ON u.id = b.author_id"
    " LEFT JOIN digital_editions de ON de.book_id = s.book_id ";

FlashSale read_sale(const db::Row& r) {
    FlashSale s;
    s.id = r.i64(0);
    s.book_id = r.i64(1);
    s.book_title = r.str(2);
    s.book_slug = r.str(3);
    s.author_id = r.i64(4);
    s.author_name = r.str(5);
    s.cover_path = r.opt_str(6);
    s.cover_alt = r.str(7);
    s.currency = r.str(8);
    s.price = r.i64(9);
    s.regular_price = r.opt_i64(10).value_or(0);
    s.quantity = static_cast<int>(r.i64(11));
    s.units_left = static_cast<int>(r.i64(12));
    s.units_returned = static_cast<int>(r.i64(13));
    s.per_customer_limit = static_cast<int>(r.i64(14));
    s.start = r.time(15);
    s.end = r.opt_time(16);
    s.status = r.str(17);
    s.created_by = r.i64(18);
    s.created = r.time(19);
    s.book_published = r.boolean(20);
    s.digital = r.boolean(21);
    return s;
}

AuditState audit_state(const FlashSale& s) {
    return {{"status", s.status}, {"units_left", std::to_string(s.units_left)}};
}

// Thrown inside the buying transaction to roll it back and answer with an outcome.
struct Refused {
    FlashBuyResult result;
};

// A refusal that says only why.
Refused refused(FlashBuyResult::Outcome why) {
    FlashBuyResult r;
    r.outcome = why;
    return Refused{r};
}

}  // namespace

FlashPhase FlashSale::phase(Time now) const {
    if (status == "cancelled") return FlashPhase::Cancelled;
    if (status == "ended" || (end && *end <= now)) return FlashPhase::Ended;
    if (status == "paused") return FlashPhase::Paused;
    if (now < start) return FlashPhase::Upcoming;
    return units_left > 0 ? FlashPhase::Running : FlashPhase::SoldOut;
}

// ---- managing -------------------------------------------------------------------------------------

int64_t FlashSales::create(const FlashSaleInput& in, const FlashActor& by, Time now) {
    std::map<std::string, std::string> errors;
    const std::string units = in.digital ? "licences" : "copies";
    if (in.quantity < 1 || in.quantity > 1000000) errors["quantity"] = "Offer from 1 to 1,000,000 " + units + ".";
    if (in.per_customer_limit < 1 || in.per_customer_limit > 10) errors["per_customer_limit"] = "Allow 1 to 10 copies per customer.";
    if (in.price < 0) errors["price"] = "Enter the sale price.";
    if (in.end && *in.end <= in.start) errors["end_at"] = "The end must come after the start.";
    if (in.end && *in.end <= now) errors["end_at"] = "The end must be in the future.";
    return db_.transaction([&]() -> int64_t {
        const auto book = db_.query_one("SELECT author_id, stock, effective_price_cents, status = 'published', title,"
                                        " print_edition"
                                        " FROM books WHERE id = ? FOR UPDATE",
                                        in.book_id);
        if (!book) throw NotFound("There is no such book.");
        if (!by.admin && book->i64(0) != by.user_id) throw Forbidden("You can put only your own books on a flash sale.");
        if (!book->boolean(3)) errors["book_id"] = "Publish the book before putting it on sale.";
        Cents usual = book->i64(2);
        if (in.digital) {
            // The ebook's own price; a licence is never short, so the book's stock is not looked at.
            const auto edition = Editions(db_).find(in.book_id);
            if (!edition || !edition->for_sale) errors["edition"] = "This book has no ebook for sale.";
            else if (!edition->buyable()) errors["edition"] = "Upload the ebook's file before putting it on sale.";
            usual = edition ? edition->effective_price() : 0;
        } else if (!book->boolean(5)) {
            errors["edition"] = "This book is sold as an ebook only: choose its ebook.";
        }
        if (!errors.count("edition")) {
            if (in.price >= usual && !errors.count("price"))
                errors["price"] = "The sale price must be below the usual " + format_money(usual) + ".";
            if (!in.digital && in.quantity > book->i64(1) && !errors.count("quantity"))
                errors["quantity"] = "Only " + std::to_string(book->i64(1)) + " copies are in stock.";
        }
        if (!errors.empty()) throw Invalid(errors);
        // Printed copies are the sale's from now on: a buy never touches the book's row.
        if (!in.digital)
            db_.exec("UPDATE books SET stock = stock - ?, updated_at = ? WHERE id = ?", in.quantity, now, in.book_id);
        db_.exec("INSERT INTO flash_sales (book_id, edition, price_cents, quantity, units_left, start_at, end_at,"
                 " per_customer_limit, status, created_by, created_at, updated_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)",
                 in.book_id, in.digital ? "digital" : "print", in.price, in.quantity, in.quantity, in.start, in.end,
                 in.per_customer_limit, by.user_id, now, now);
        const auto id = static_cast<int64_t>(db_.last_insert_id());
        if (by.admin)
            Audit(db_).record(by.user_id, "flash_sale.create", "flash_sale", id, {},
                              {{"book", book->str(4)}, {"edition", in.digital ? "ebook" : "print"},
                               {"price", format_money(in.price)},
                               {"quantity", std::to_string(in.quantity)}, {"start", format_iso(in.start)},
                               {"end", in.end ? format_iso(*in.end) : ""},
                               {"per_customer_limit", std::to_string(in.per_customer_limit)}},
                              now);
        return id;
    });
}

void FlashSales::act(int64_t sale_id, FlashAction action, const FlashActor& by, Time now) {
    db_.transaction([&] {
        const auto row = db_.query_one(std::string(kSaleColumns) + "WHERE s.id = ? FOR UPDATE", sale_id);
        if (!row) throw NotFound("There is no such flash sale.");
        const FlashSale before = read_sale(*row);
        if (!by.admin && before.author_id != by.user_id) throw Forbidden("This sale is of another author's book.");
        if (before.status == "cancelled" || before.status == "ended") throw Conflict("This sale is over.");
        const char* verb = "";
        if (action == FlashAction::Pause) {
            if (before.status == "paused") return;
            db_.exec("UPDATE flash_sales SET status = 'paused', updated_at = ? WHERE id = ?", now, sale_id);
            verb = "flash_sale.pause";
        } else if (action == FlashAction::Resume) {
            if (before.status == "active") return;
            if (!before.book_published) throw Conflict("Publish the book again before resuming its sale.");
            db_.exec("UPDATE flash_sales SET status = 'active', updated_at = ? WHERE id = ?", now, sale_id);
            verb = "flash_sale.resume";
        } else {
            close(sale_id, "cancelled", now);
            verb = "flash_sale.cancel";
        }
        if (by.admin) {
            const FlashSale after = read_sale(*db_.query_one(std::string(kSaleColumns) + "WHERE s.id = ?", sale_id));
            Audit(db_).record(by.user_id, verb, "flash_sale", sale_id, audit_state(before), audit_state(after), now);
        }
    });
}

// In the caller's transaction, the sale row locked first: the copies left go back to the book (an
// ebook sale's licences left are only counted as returned).
void FlashSales::close(int64_t sale_id, const char* status, Time now) {
    const auto s = db_.query_one("SELECT book_id, units_left, edition = 'digital' FROM flash_sales"
                                 " WHERE id = ? AND closed_at IS NULL FOR UPDATE",
                                 sale_id);
    if (!s) return;
    const int64_t left = s->i64(1);
    db_.exec("UPDATE flash_sales SET status = ?, units_left = 0, units_returned = units_returned + ?, closed_at = ?,"
             " updated_at = ? WHERE id = ?",
             status, left, now, now, sale_id);
    if (left > 0 && !s->boolean(2))
        db_.exec("UPDATE books SET stock = stock + ?, updated_at = ? WHERE id = ?", left, now, s->i64(0));
}

WithdrawnSales FlashSales::book_withdrawn(int64_t book_id, bool for_good, Time now) {
    WithdrawnSales out;
    for (const auto& r : db_.query("SELECT id, status FROM flash_sales WHERE book_id = ? AND closed_at IS NULL"
                                   " AND status IN ('active','paused') ORDER BY id FOR UPDATE",
                                   book_id)) {
        if (for_good) {
            close(r.i64(0), "ended", now);
            ++out.ended;
        } else if (r.str(1) == "active") {
            db_.exec("UPDATE flash_sales SET status = 'paused', updated_at = ? WHERE id = ?", now, r.i64(0));
            ++out.paused;
        }
    }
    return out;
}

int FlashSales::close_ended(Time now, int limit) {
    const auto due = db_.query("SELECT id FROM flash_sales WHERE status IN ('active','paused') AND end_at <= ?"
                               " ORDER BY end_at LIMIT ?",
                               now, limit);
    int closed = 0;
    for (const auto& r : due)
        db_.transaction([&] {
            // Waits for a sale another sweeper (or a buyer) holds, then finds it closed or closes it: skipping
            // it could let a sweep return while an ended sale was still open.
            const auto s = db_.query_one("SELECT id FROM flash_sales WHERE id = ? AND status IN ('active','paused')"
                                         " AND end_at <= ? FOR UPDATE",
                                         r.i64(0), now);
            if (!s) return;
            close(s->i64(0), "ended", now);
            ++closed;
        });
    return closed;
}

// ---- buying ---------------------------------------------------------------------------------------

FlashBuyResult FlashSales::buy(const FlashBuy& req, Time now) {
    FlashBuyResult result;
    bool digital = false;
    try {
        result = db_.transaction([&]() -> FlashBuyResult {
            // 1. The sale as it stands and the customer's live units (a plain read: no lock). Refusals end
            // here, having written nothing.
            const auto s = db_.query_one("SELECT s.book_id, s.price_cents, s.units_left, s.per_customer_limit, s.start_at,"
                                         " s.end_at, s.status, (SELECT GROUP_CONCAT(c.live_unit) FROM flash_sale_claims c"
                                         " WHERE c.sale_id = s.id AND c.user_id = ? AND c.live_unit IS NOT NULL),"
                                         " s.edition = 'digital' FROM flash_sales s WHERE s.id = ?",
                                         req.user_id, req.sale_id);
            if (!s) throw NotFound("There is no such flash sale.");
            FlashSale sale;
            sale.units_left = static_cast<int>(s->i64(2));
            sale.start = s->time(4);
            sale.end = s->opt_time(5);
            sale.status = s->str(6);
            digital = s->boolean(8);
            switch (sale.phase(now)) {
                case FlashPhase::Upcoming: throw Refused{{FlashBuyResult::NotStarted, {}, "", sale.start}};
                case FlashPhase::Paused: throw refused(FlashBuyResult::Paused);
                case FlashPhase::Ended:
                case FlashPhase::Cancelled: throw refused(FlashBuyResult::Ended);
                case FlashPhase::SoldOut: throw refused(FlashBuyResult::SoldOut);
                case FlashPhase::Running: break;
            }
            if (!digital && !req.ship_to) throw refused(FlashBuyResult::AddressNeeded);
            // 2. The next free unit number of the customer, or the limit is reached. (The UNIQUE key below
            // is the final word when requests race.)
            const int limit = static_cast<int>(s->i64(3));
            std::vector<bool> taken(static_cast<size_t>(limit) + 1, false);
            if (!s->is_null(7))
                for (const auto& unit : split_trimmed(s->str(7), ','))
                    if (const auto u = parse_int(unit, 1, limit)) taken[static_cast<size_t>(*u)] = true;
            int unit_no = 0;
            for (int u = 1; u <= limit && !unit_no; ++u)
                if (!taken[static_cast<size_t>(u)]) unit_no = u;

            // 3. The order at the sale's price; the copy is the sale's, so the book's row is not locked.
            PlaceOrder order;
            order.user_id = req.user_id;
            order.idempotency_key = req.idempotency_key;
            if (!digital) order.ship_to = *req.ship_to;  // an ebook ships nothing: no address on its order
            order.rules = req.rules;
            order.reservation_minutes = req.reservation_minutes;
            order.items.push_back(PlaceItem{s->i64(0), 1, s->i64(1), true, digital});
            // A key seen before either holds a live unit (found above) or its order was released: the
            // orders' UNIQUE key then refuses the new order, and the first one is answered (a repeat).
            order.repeat_found_by_unique_key = true;
            if (!unit_no) {
                // A double click after the first one went through is a repeat, not a second unit.
                const auto first = Orders(db_).placed_by_key(req.user_id, req.idempotency_key);
                throw first ? Refused{{FlashBuyResult::Repeated, *first, "", std::nullopt}} : refused(FlashBuyResult::LimitReached);
            }
            // A licence the reader holds already is not sold again (a repeat of a paid buy was answered above).
            if (digital && Editions(db_).owns(req.user_id, s->i64(0))) throw refused(FlashBuyResult::AlreadyOwned);
            const Placed placed = Orders(db_).place(order, now);
            if (placed.repeated) throw Refused{{FlashBuyResult::Repeated, placed, "", std::nullopt}};

            // 4. The hot row, last: the conditional decrement cannot oversell, and the row stays locked only
            // for this statement, the claim and the commit.
            if (db_.exec("UPDATE flash_sales SET units_left = units_left - 1 WHERE id = ? AND units_left > 0"
                         " AND status = 'active' AND start_at <= ? AND (end_at IS NULL OR end_at > ?)",
                         req.sale_id, now, now) != 1)
                throw refused(FlashBuyResult::SoldOut);
            db_.exec("INSERT INTO flash_sale_claims (sale_id, user_id, unit_no, order_id, status, created_at)"
                     " VALUES (?, ?, ?, ?, 'held', ?)",
                     req.sale_id, req.user_id, unit_no, placed.order_id, now);
            return FlashBuyResult{FlashBuyResult::Bought, placed, "", std::nullopt};
        });
    } catch (const Refused& r) {
        result = r.result;
    } catch (const db::Error& e) {
        // Requests of one customer racing: the claim's (or the order's idempotency) UNIQUE key refused this
        // one, and everything it did rolled back.
        if (!e.is_duplicate_key()) throw;
        if (const auto first = Orders(db_).placed_by_key(req.user_id, req.idempotency_key))
            return FlashBuyResult{FlashBuyResult::Repeated, *first, "", std::nullopt, digital};
        result.outcome = FlashBuyResult::LimitReached;
    }
    result.digital = digital;
    if (result.outcome == FlashBuyResult::LimitReached) {
        const auto claims = claims_of(req.sale_id, req.user_id);
        if (!claims.empty()) result.order_number = claims.front().order_number;
    }
    return result;
}

// ---- reading --------------------------------------------------------------------------------------

std::optional<FlashSale> FlashSales::find(int64_t sale_id) {
    const auto r = db_.query_one(std::string(kSaleColumns) + "WHERE s.id = ?", sale_id);
    if (!r) return std::nullopt;
    return read_sale(*r);
}

std::vector<FlashSale> FlashSales::listed(Time now, int limit, std::optional<int64_t> book_id) {
    const std::string open = std::string(kSaleColumns) +
                             "WHERE s.status = 'active' AND b.status = 'published' AND (s.end_at IS NULL OR s.end_at > ?)";
    const std::string order = " ORDER BY s.start_at, s.id LIMIT ?";
    std::vector<FlashSale> out;
    for (const auto& r : book_id ? db_.query(open + " AND s.book_id = ?" + order, now, *book_id, limit)
                                 : db_.query(open + order, now, limit))
        out.push_back(read_sale(r));
    return out;
}

std::vector<FlashSale> FlashSales::manage(std::optional<int64_t> author_id, int limit) {
    std::vector<FlashSale> out;
    const auto rows = author_id ? db_.query(std::string(kSaleColumns) + "WHERE b.author_id = ? ORDER BY s.id DESC LIMIT ?",
                                            *author_id, limit)
                                : db_.query(std::string(kSaleColumns) + "ORDER BY s.id DESC LIMIT ?", limit);
    for (const auto& r : rows) out.push_back(read_sale(r));
    if (out.empty()) return out;
    // Sold and reserved for every listed sale in one grouped query.
    std::vector<db::Param> ids;
    for (const auto& s : out) ids.push_back(db::to_param(s.id));
    std::map<int64_t, std::pair<int, int>> counts;
    for (const auto& r : db_.query_params("SELECT sale_id, SUM(status = 'paid'), SUM(status = 'held') FROM flash_sale_claims"
                                          " WHERE sale_id IN (" + db::placeholders(ids.size()) + ") AND status IN ('held','paid') GROUP BY sale_id",
                                          ids))
        counts[r.i64(0)] = {static_cast<int>(r.i64(1)), static_cast<int>(r.i64(2))};
    for (auto& s : out) std::tie(s.sold, s.reserved) = counts[s.id];
    return out;
}

std::vector<FlashClaim> FlashSales::claims_of(int64_t sale_id, int64_t user_id) {
    std::vector<FlashClaim> out;
    for (const auto& r : db_.query("SELECT c.unit_no, c.status, o.number FROM flash_sale_claims c"
                                   " JOIN orders o ON o.id = c.order_id WHERE c.sale_id = ? AND c.user_id = ?"
                                   " AND c.live_unit IS NOT NULL ORDER BY c.id DESC",
                                   sale_id, user_id))
        out.push_back({static_cast<int>(r.i64(0)), r.str(1), r.str(2)});
    return out;
}

// ---- an order's unit ------------------------------------------------------------------------------

std::optional<int64_t> FlashClaims::sale_of(int64_t order_id) {
    const auto r = db_.query_one("SELECT sale_id FROM flash_sale_claims WHERE order_id = ?", order_id);
    if (!r) return std::nullopt;
    return r->i64(0);
}

void FlashClaims::mark_paid(int64_t order_id) {
    db_.exec("UPDATE flash_sale_claims SET status = 'paid', settled_at = ? WHERE order_id = ? AND status = 'held'", now_,
             order_id);
}

bool FlashClaims::release(int64_t order_id) {
    const auto c = db_.query_one("SELECT id, sale_id FROM flash_sale_claims WHERE order_id = ? AND status IN ('held','paid')"
                                 " FOR UPDATE",
                                 order_id);
    if (!c) return false;
    db_.exec("UPDATE flash_sale_claims SET status = 'released', settled_at = ? WHERE id = ?", now_, c->i64(0));
    const int64_t sale = c->i64(1);
    if (db_.exec("UPDATE flash_sales SET units_left = units_left + 1 WHERE id = ? AND closed_at IS NULL", sale) == 1)
        return true;
    // The sale has closed: the copy joins the ones it returned to the book (sale row, then book: the lock
    // order); an ebook sale's licence is only counted as returned.
    const auto book = db_.query_one("SELECT book_id, edition = 'digital' FROM flash_sales WHERE id = ? FOR UPDATE", sale);
    db_.exec("UPDATE flash_sales SET units_returned = units_returned + 1 WHERE id = ?", sale);
    if (!book->boolean(1)) db_.exec("UPDATE books SET stock = stock + 1 WHERE id = ?", book->i64(0));
    return true;
}

}  // namespace bf::store
