#pragma once
// The royalty ledger (schema/024_ledger.sql): append-only double-entry journals that split every paid
// order between its authors' royalties, the shop's commission, tax and shipping (core/royalty.h), reverse
// it on refunds, and record payouts. Balances are sums of entries. The same reads serve the dashboard,
// the statement page, its CSV and the monthly statement email, so their figures cannot disagree.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/money.h"
#include "core/royalty.h"
#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

// One row of commission_terms.
struct CommissionTerms {
    int64_t id = 0;
    std::optional<int64_t> author_id;  // none: the shop's default
    std::string author_name;
    int64_t rate_bp = 0;
    Cents fixed_cents = 0;
    Time effective_from{};
    std::string note;
    Time created{};
};

// What an admin asks for on the terms page (validated by the store: Invalid per field).
struct NewTerms {
    std::optional<int64_t> author_id;
    int64_t rate_bp = 0;
    Cents fixed_cents = 0;
    Time effective_from{};
    std::string note;
};

// An author's royalty account in one currency, as of a moment.
struct RoyaltyBalance {
    std::string currency;
    Cents pending = 0;     // sales still inside the refund window (less their refunds)
    Cents payable = 0;     // past the window and not yet in a payout (negative after a late refund)
    Cents in_payment = 0;  // in a payout run, awaiting the admin's confirmation
    Cents paid = 0;        // payouts confirmed, all time
    Cents balance = 0;     // the royalty account's balance: pending + payable
};

struct StatementBook {
    int64_t book_id = 0;
    std::string title;
    Cents sales = 0;       // the lines' net (after coupons) of sales booked in the period
    Cents refunds = 0;     // the same part of refunds booked in the period (a positive number)
    Cents commission = 0;  // the shop's commission on those sales less what refunds gave back
    Cents royalty() const { return sales - refunds - commission; }
};

// One author's month (or any period [from, to)) in one currency.
struct Statement {
    std::string currency;
    Time from{}, to{};
    Cents opening = 0;
    Cents sales = 0, refunds = 0, commission = 0, payouts = 0;
    Cents closing = 0;  // opening + sales - refunds - commission - payouts
    std::vector<StatementBook> books;  // by title
};

// The statement's summary lines in order: opening balance, sales, refunds, commission, payouts,
// closing balance (refunds, commission and payouts as negative amounts), for the page, CSV and email.
std::vector<std::pair<std::string, Cents>> statement_lines(const Statement& s);
// "November 2026" for a statement starting then.
std::string statement_month(Time from);

// Who gets the monthly statement email: authors with a royalty account who take the author emails.
struct StatementRecipient {
    int64_t id = 0;
    std::string email;
    std::string display_name;
};

struct LedgerDifference {
    std::string what;
};

class Ledger {
public:
    explicit Ledger(db::Connection& db) : db_(db) {}

    // ---- inside the caller's transaction (store/orders.cpp) ----
    // The order has just been paid at `now`: one sale journal splitting its total with the terms in
    // force for each line's author at `now`.
    void record_sale(int64_t order_id, Time now);
    // A partial refund of `amount`: the reversing journal of core/royalty.h's refund split.
    void record_refund(int64_t order_id, Cents amount, Time now);
    // A cancelled or fully refunded order: everything its journals still hold is reversed.
    void reverse_order(int64_t order_id, Time now);

    // A payout made (royalty to payouts_due) and one confirmed as sent (payouts_due to bank).
    void record_payout(int64_t payout_id, int64_t author_id, const std::string& currency, Cents amount, Time now);
    void record_payout_paid(int64_t payout_id, int64_t author_id, const std::string& currency, Cents amount, Time now);

    // The terms for an author's sale at `at`: the author's own newest row in force, else the shop's.
    royalty::Terms terms_for(int64_t author_id, Time at);

    // ---- commission terms (the admin page) ----
    std::vector<CommissionTerms> terms(int limit);
    // Adds terms that start at `effective_from`, which must not be before `now` (never backwards);
    // audited. Returns the new row's id.
    int64_t add_terms(const NewTerms& terms, std::optional<int64_t> admin_id, Time now);

    // ---- reading ----
    // Per currency the author has an account in; a royalty is payable once held_from <= payable_before.
    std::vector<RoyaltyBalance> balances(int64_t author_id, Time payable_before);
    // The author's statements for [from, to), one per currency with any movement or balance.
    std::vector<Statement> statements(int64_t author_id, Time from, Time to);

    // By id, after `after_id`.
    std::vector<StatementRecipient> statement_recipients(int64_t after_id, int limit);

    // ---- checking (bookfair check-ledger) ----
    // Recomputes every order's entries from the order, its refunds and the terms, and compares them
    // with the ledger per order, account and book; checks that every journal sums to zero and that
    // every payout equals its items. Orders paid before the ledger existed (migration 024) are skipped.
    std::vector<LedgerDifference> check();

private:
    db::Connection& db_;
};

}  // namespace bf::store
