#include "store/payouts.h"

#include <map>

#include "core/crypto.h"
#include "core/errors.h"
#include "core/iban.h"
#include "core/text.h"
#include "store/audit.h"
#include "store/ledger.h"

namespace bf::store {
namespace {

constexpr const char* kPayoutColumns =
    "SELECT p.id, p.run_id, p.author_id, u.display_name, p.currency, p.amount_cents, p.status, p.account_name, p.iban,"
    " p.created_at, p.paid_at, (SELECT COUNT(*) FROM payout_items i WHERE i.payout_id = p.id)"
    " FROM payouts p JOIN users u ON u.id = p.author_id ";

PayoutRow read_payout(const db::Row& r) {
    return {r.i64(0), r.i64(1), r.i64(2), r.str(3), r.str(4), r.i64(5), r.str(6), r.str(7), r.str(8), r.time(9),
            r.opt_time(10), static_cast<int>(r.i64(11))};
}

std::string token_hash(const std::string& token) { return crypto::hex_encode(crypto::sha256(token)); }

}  // namespace

// ---- runs ---------------------------------------------------------------------------------------

RunResult Payouts::run(const std::string& run_key, Cents minimum, Time payable_before, std::optional<int64_t> admin_id,
                       Time now) {
    if (run_key.empty() || run_key.size() > 40) throw Invalid("run_key", "This form is out of date. Please reload the page.");
    if (minimum < 0) throw Invalid("minimum", "The minimum cannot be negative.");
    RunResult result;
    const bool created = db_.transaction([&] {
        const bool inserted = db_.exec("INSERT IGNORE INTO payout_runs (run_key, minimum_cents, started_by, created_at)"
                                       " VALUES (?, ?, ?, ?)",
                                       run_key, minimum, admin_id, now) == 1;
        result.run_id = db_.query_one("SELECT id FROM payout_runs WHERE run_key = ?", run_key)->i64(0);
        if (inserted)
            Audit(db_).record(admin_id, "payout_run.start", "payout_run", result.run_id, {},
                              {{"key", run_key}, {"minimum", format_plain_amount(minimum)}}, now);
        return inserted;
    });
    if (!created) {
        result.repeated = true;
        return result;
    }
    // Authors with confirmed details and a royalty account, in account id order.
    const auto accounts = db_.query("SELECT a.id, a.author_id, a.currency FROM ledger_accounts a"
                                    " JOIN author_payout_details d ON d.author_id = a.author_id"
                                    " WHERE a.kind = 'author_royalty' ORDER BY a.id");
    for (const auto& account : accounts) {
        const int64_t account_id = account.i64(0), author = account.i64(1);
        const std::string currency = account.str(2);
        result.payouts += db_.transaction([&] {
            db_.query("SELECT id FROM ledger_accounts WHERE id = ? FOR UPDATE", account_id);
            const auto details = db_.query_one("SELECT account_name, iban FROM author_payout_details WHERE author_id = ?",
                                               author);
            if (!details) return 0;
            std::vector<int64_t> entries;
            Cents amount = 0;
            for (const auto& r : db_.query("SELECT e.id, e.amount_cents FROM ledger_entries e"
                                           " JOIN ledger_journals j ON j.id = e.journal_id"
                                           " LEFT JOIN payout_items i ON i.entry_id = e.id"
                                           " WHERE e.account_id = ? AND e.held_from <= ? AND j.kind IN ('sale','refund')"
                                           " AND i.entry_id IS NULL ORDER BY e.id",
                                           account_id, payable_before)) {
                entries.push_back(r.i64(0));
                amount += r.i64(1);
            }
            if (amount <= 0 || amount < minimum) return 0;
            db_.exec("INSERT INTO payouts (run_id, author_id, currency, amount_cents, account_name, iban, created_at)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?)",
                     result.run_id, author, currency, amount, details->str(0), details->str(1), now);
            const auto payout = static_cast<int64_t>(db_.last_insert_id());
            constexpr size_t kRowsPerStatement = 1000;
            for (size_t from = 0; from < entries.size(); from += kRowsPerStatement) {
                std::vector<db::Param> params;
                std::string values;
                for (size_t i = from; i < std::min(entries.size(), from + kRowsPerStatement); ++i) {
                    values += values.empty() ? "(?, ?)" : ",(?, ?)";
                    params.push_back(db::to_param(payout));
                    params.push_back(db::to_param(entries[i]));
                }
                db_.exec_params("INSERT INTO payout_items (payout_id, entry_id) VALUES " + values, params);
            }
            Ledger(db_).record_payout(payout, author, currency, amount, now);
            return 1;
        });
    }
    return result;
}

int Payouts::confirm(int64_t run_id, std::optional<int64_t> admin_id, Time now) {
    return db_.transaction([&] {
        if (!db_.query_one("SELECT id FROM payout_runs WHERE id = ? FOR UPDATE", run_id))
            throw NotFound("We could not find that payout run.");
        int changed = 0;
        for (const auto& r : db_.query("SELECT id, author_id, currency, amount_cents FROM payouts"
                                       " WHERE run_id = ? AND status = 'pending' ORDER BY id FOR UPDATE",
                                       run_id)) {
            db_.exec("UPDATE payouts SET status = 'paid', paid_at = ?, confirmed_by = ? WHERE id = ?", now, admin_id, r.i64(0));
            Ledger(db_).record_payout_paid(r.i64(0), r.i64(1), r.str(2), r.i64(3), now);
            ++changed;
        }
        if (changed)
            Audit(db_).record(admin_id, "payout_run.confirm", "payout_run", run_id, {},
                              {{"payouts_paid", std::to_string(changed)}}, now);
        return changed;
    });
}

std::vector<PayoutRunSummary> Payouts::runs(int limit) {
    std::vector<PayoutRunSummary> out;
    std::map<int64_t, size_t> at;
    for (const auto& r : db_.query("SELECT r.id, r.run_key, r.minimum_cents, COALESCE(u.display_name, ''), r.created_at"
                                   " FROM payout_runs r LEFT JOIN users u ON u.id = r.started_by ORDER BY r.id DESC LIMIT ?",
                                   limit)) {
        at[r.i64(0)] = out.size();
        out.push_back({r.i64(0), r.str(1), r.i64(2), r.str(3), r.time(4), 0, 0, {}});
    }
    if (out.empty()) return out;
    std::vector<db::Param> ids;
    for (const auto& [id, i] : at) ids.push_back(db::to_param(id));
    for (const auto& r : db_.query_params("SELECT run_id, currency, COUNT(*), SUM(status = 'paid'), SUM(amount_cents)"
                                          " FROM payouts WHERE run_id IN (" + db::placeholders(ids.size()) +
                                              ") GROUP BY run_id, currency ORDER BY run_id, currency",
                                          ids)) {
        auto& s = out[at[r.i64(0)]];
        s.payouts += static_cast<int>(r.i64(2));
        s.paid += static_cast<int>(r.i64(3));
        s.totals.emplace_back(r.str(1), r.i64(4));
    }
    return out;
}

std::optional<PayoutRunSummary> Payouts::find_run(int64_t run_id) {
    const auto r = db_.query_one("SELECT r.id, r.run_key, r.minimum_cents, COALESCE(u.display_name, ''), r.created_at"
                                 " FROM payout_runs r LEFT JOIN users u ON u.id = r.started_by WHERE r.id = ?",
                                 run_id);
    if (!r) return std::nullopt;
    PayoutRunSummary s{r->i64(0), r->str(1), r->i64(2), r->str(3), r->time(4), 0, 0, {}};
    for (const auto& t : db_.query("SELECT currency, COUNT(*), SUM(status = 'paid'), SUM(amount_cents) FROM payouts"
                                   " WHERE run_id = ? GROUP BY currency ORDER BY currency",
                                   run_id)) {
        s.payouts += static_cast<int>(t.i64(1));
        s.paid += static_cast<int>(t.i64(2));
        s.totals.emplace_back(t.str(0), t.i64(3));
    }
    return s;
}

std::vector<PayoutRow> Payouts::run_payouts(int64_t run_id) {
    std::vector<PayoutRow> out;
    for (const auto& r : db_.query(std::string(kPayoutColumns) + "WHERE p.run_id = ? ORDER BY u.display_name, p.id", run_id))
        out.push_back(read_payout(r));
    return out;
}

std::vector<PayoutRow> Payouts::author_payouts(int64_t author_id, int limit) {
    std::vector<PayoutRow> out;
    for (const auto& r : db_.query(std::string(kPayoutColumns) + "WHERE p.author_id = ? ORDER BY p.id DESC LIMIT ?", author_id,
                                   limit))
        out.push_back(read_payout(r));
    return out;
}

// ---- bank details -------------------------------------------------------------------------------

std::optional<PayoutDetails> Payouts::details(int64_t author_id) {
    const auto r = db_.query_one("SELECT account_name, iban, confirmed_at FROM author_payout_details WHERE author_id = ?",
                                 author_id);
    if (!r) return std::nullopt;
    return PayoutDetails{r->str(0), r->str(1), r->time(2)};
}

std::optional<PendingDetailsChange> Payouts::pending_change(int64_t author_id, Time now) {
    const auto r = db_.query_one("SELECT account_name, iban, created_at, expires_at FROM payout_detail_changes"
                                 " WHERE author_id = ? AND confirmed_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 1",
                                 author_id, now);
    if (!r) return std::nullopt;
    return PendingDetailsChange{r->str(0), r->str(1), r->time(2), r->time(3)};
}

void Payouts::request_change(int64_t author_id, const std::string& account_name, const std::string& iban_text, Time now,
                             const DetailsConfirmComposer& email) {
    std::map<std::string, std::string> errors;
    const std::string name = trim(account_name);
    if (name.empty() || name.size() > 70 || !is_plain_text(name, false))
        errors["account_name"] = "Enter the account holder's name as the bank knows it (up to 70 characters).";
    const std::string number = iban::normalize(iban_text);
    if (const auto p = iban::problem(number); !p.empty()) errors["iban"] = p;
    if (!errors.empty()) throw Invalid(errors);
    const std::string token = crypto::random_token(24);
    const PendingDetailsChange change{name, number, now, now.plus_hours(kConfirmHours)};
    db_.transaction([&] {
        db_.exec("INSERT INTO payout_detail_changes (author_id, account_name, iban, token_hash, created_at, expires_at)"
                 " VALUES (?, ?, ?, ?, ?, ?)",
                 author_id, name, number, token_hash(token), now, change.expires);
        const auto id = static_cast<int64_t>(db_.last_insert_id());
        const auto current = details(author_id);
        Audit(db_).record(author_id, "payout_details.request", "user", author_id,
                          current ? AuditState{{"account_name", current->account_name}, {"iban", iban::masked(current->iban)}}
                                  : AuditState{},
                          {{"account_name", name}, {"iban", iban::masked(number)}, {"change", std::to_string(id)}}, now);
        if (email) Outbox(db_).enqueue(email(token, change), now);
    });
}

void Payouts::confirm_change(int64_t author_id, const std::string& token, Time now) {
    db_.transaction([&] {
        const auto r = db_.query_one("SELECT id, author_id, account_name, iban, expires_at, confirmed_at"
                                     " FROM payout_detail_changes WHERE token_hash = ? FOR UPDATE",
                                     token_hash(token));
        if (!r || r->i64(1) != author_id) throw NotFound("That confirmation link is not one of yours.");
        if (r->opt_time(5)) throw Gone("These bank details were confirmed already.");
        if (r->time(4) <= now) throw Gone("That confirmation link has expired: please enter the details again.");
        const auto current = details(author_id);
        db_.exec("UPDATE payout_detail_changes SET confirmed_at = ? WHERE id = ?", now, r->i64(0));
        db_.exec("INSERT INTO author_payout_details (author_id, account_name, iban, confirmed_at) VALUES (?, ?, ?, ?)"
                 " ON DUPLICATE KEY UPDATE account_name = VALUES(account_name), iban = VALUES(iban),"
                 " confirmed_at = VALUES(confirmed_at)",
                 author_id, r->str(2), r->str(3), now);
        Audit(db_).record(author_id, "payout_details.confirm", "user", author_id,
                          current ? AuditState{{"account_name", current->account_name}, {"iban", iban::masked(current->iban)}}
                                  : AuditState{},
                          {{"account_name", r->str(2)}, {"iban", iban::masked(r->str(3))}}, now);
    });
}

}  // namespace bf::store
