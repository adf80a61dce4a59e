#pragma once
// Paying authors (schema/024_ledger.sql): payout runs that turn each author's payable royalties into one
// payout per currency above a minimum, the admin's confirmation that the transfers went out, and the
// bank details the money goes to (changed only through a link emailed to the author).
//
// A run is idempotent twice over: its key is unique (a scheduled month or a form's idempotency key runs
// once), and every royalty entry is settled by one payout at most (payout_items' primary key), so a
// second run finds nothing left to pay. Entries are never changed: a refund after a payout is a new,
// negative royalty entry that the next payout nets.
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/money.h"
#include "core/time.h"
#include "db/connection.h"
#include "store/outbox.h"

namespace bf::store {

struct PayoutRunSummary {
    int64_t id = 0;
    std::string run_key;
    Cents minimum = 0;
    std::string started_by;  // the admin's name, or "" for the schedule
    Time created{};
    int payouts = 0;
    int paid = 0;
    std::vector<std::pair<std::string, Cents>> totals;  // per currency
};

struct PayoutRow {
    int64_t id = 0;
    int64_t run_id = 0;
    int64_t author_id = 0;
    std::string author_name;
    std::string currency;
    Cents amount = 0;
    std::string status;  // pending, paid
    std::string account_name;
    std::string iban;
    Time created{};
    std::optional<Time> paid_at;
    int items = 0;
};

struct RunResult {
    int64_t run_id = 0;
    bool repeated = false;  // the key had run before: nothing new was paid
    int payouts = 0;        // made by this call
};

struct PayoutDetails {
    std::string account_name;
    std::string iban;  // normalised; show it masked (core/iban.h)
    Time confirmed{};
};

struct PendingDetailsChange {
    std::string account_name;
    std::string iban;
    Time requested{};
    Time expires{};
};

// Renders the confirmation email for a details change (the link carries `token`); called inside the
// transaction that records the request.
using DetailsConfirmComposer = std::function<OutboxMessage(const std::string& token, const PendingDetailsChange&)>;

class Payouts {
public:
    explicit Payouts(db::Connection& db) : db_(db) {}

    // Runs the payouts under `run_key` (a repeat answers the first run). Every author with confirmed
    // bank details gets, per currency, one payout of their royalty entries payable before
    // `payable_before` and not yet paid, when they add up to at least `minimum` (and more than zero).
    // Each author is paid in their own transaction, their royalty account locked.
    RunResult run(const std::string& run_key, Cents minimum, Time payable_before, std::optional<int64_t> admin_id, Time now);
    // The admin confirms the run's transfers went out: its pending payouts become paid, each with its
    // journal (payouts_due to bank). Returns how many changed (0 when repeated).
    int confirm(int64_t run_id, std::optional<int64_t> admin_id, Time now);

    std::vector<PayoutRunSummary> runs(int limit);
    std::optional<PayoutRunSummary> find_run(int64_t run_id);
    std::vector<PayoutRow> run_payouts(int64_t run_id);
    std::vector<PayoutRow> author_payouts(int64_t author_id, int limit);

    // ---- bank details ----
    std::optional<PayoutDetails> details(int64_t author_id);
    std::optional<PendingDetailsChange> pending_change(int64_t author_id, Time now);
    // Validates (Invalid on "account_name" / "iban"), keeps the change waiting for its confirmation,
    // audits the request and queues the email, all in one transaction.
    void request_change(int64_t author_id, const std::string& account_name, const std::string& iban_text, Time now,
                        const DetailsConfirmComposer& email);
    // Applies the change the link names, once, before it expires, only for the author it was made for.
    // Throws NotFound for an unknown token and Gone for a used or expired one.
    void confirm_change(int64_t author_id, const std::string& token, Time now);

    static constexpr int kConfirmHours = 24;

private:
    db::Connection& db_;
};

}  // namespace bf::store
