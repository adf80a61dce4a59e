#include "store/ledger.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/errors.h"
#include "store/audit.h"
#include "store/orders.h"

namespace bf::store {
namespace {

// Account kinds as stored.
constexpr const char* kBank = "bank";
constexpr const char* kRoyalty = "author_royalty";
constexpr const char* kCommission = "shop_commission";
constexpr const char* kTax = "tax_collected";
constexpr const char* kShipping = "shipping_collected";
constexpr const char* kPayoutsDue = "payouts_due";

// One entry to write: its account named by kind, author and currency (resolved to an id on posting).
struct Posting {
    std::string kind;
    int64_t author_id = 0;  // 0: none (the account is the shop's; the entry may still name an author)
    Cents amount = 0;
    std::optional<int64_t> entry_author;
    std::optional<int64_t> book_id;
    std::optional<int64_t> terms_id;
    Time held_from{};
};

using AccountKey = std::pair<std::string, int64_t>;  // (kind, author or 0), within one currency

// The ids of the accounts, creating the missing ones. Reads first without locking: account rows are
// shared by every sale, and an upsert would make each payment lock the shop's rows in turn.
std::map<AccountKey, int64_t> account_ids(db::Connection& db, const std::string& currency, const std::set<AccountKey>& keys) {
    std::map<AccountKey, int64_t> ids;
    auto read = [&] {
        std::vector<db::Param> params{db::to_param(currency)};
        std::string authors;
        for (const auto& k : keys)
            if (k.second) (authors += authors.empty() ? "?" : ",?"), params.push_back(db::to_param(k.second));
        for (const auto& r : db.query_params("SELECT id, kind, author_key FROM ledger_accounts WHERE currency = ? AND"
                                             " (author_key = 0" + (authors.empty() ? std::string() : " OR author_key IN (" + authors + ")") + ")",
                                             params))
            if (keys.count({r.str(1), r.i64(2)})) ids[{r.str(1), r.i64(2)}] = r.i64(0);
    };
    read();
    if (ids.size() == keys.size()) return ids;
    for (const auto& k : keys)
        if (!ids.count(k))
            db.exec("INSERT IGNORE INTO ledger_accounts (kind, author_id, currency) VALUES (?, ?, ?)", k.first,
                    k.second ? std::optional<int64_t>(k.second) : std::nullopt, currency);
    read();
    if (ids.size() != keys.size()) throw std::runtime_error("ledger: could not open an account");
    return ids;
}

// Writes one journal and its entries (zero amounts left out). The entries must sum to zero.
int64_t post(db::Connection& db, const char* kind, std::optional<int64_t> order_id, std::optional<int64_t> payout_id,
             const std::string& memo, const std::string& currency, const std::vector<Posting>& postings, Time now) {
    Cents sum = 0;
    std::set<AccountKey> keys;
    for (const auto& p : postings) {
        sum += p.amount;
        if (p.amount != 0) keys.insert({p.kind, p.author_id});
    }
    if (sum != 0) throw std::logic_error("ledger: a journal that does not balance (" + std::to_string(sum) + ")");
    if (keys.empty()) return 0;
    const auto ids = account_ids(db, currency, keys);
    db.exec("INSERT INTO ledger_journals (kind, order_id, payout_id, memo, created_at) VALUES (?, ?, ?, ?, ?)", kind,
            order_id, payout_id, memo.substr(0, 200), now);
    const auto journal = static_cast<int64_t>(db.last_insert_id());
    std::vector<db::Param> params;
    size_t rows = 0;
    for (const auto& p : postings) {
        if (p.amount == 0) continue;
        for (auto v : {db::to_param(journal), db::to_param(ids.at({p.kind, p.author_id})), db::to_param(p.amount),
                       db::to_param(p.entry_author), db::to_param(p.book_id), db::to_param(p.terms_id),
                       db::to_param(p.held_from), db::to_param(now)})
            params.push_back(v);
        ++rows;
    }
    std::string values;
    for (size_t i = 0; i < rows; ++i) values += i ? ",(?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?)";
    db.exec_params("INSERT INTO ledger_entries (journal_id, account_id, amount_cents, author_id, book_id, terms_id,"
                   " held_from, created_at) VALUES " + values,
                   params);
    return journal;
}

// The postings of a split, each amount times `sign` (+1 a sale, -1 a refund), the bank taking the other side.
std::vector<Posting> postings_of(const royalty::Split& s, int sign, Time held_from) {
    std::vector<Posting> out;
    out.push_back({kBank, 0, -sign * s.total(), std::nullopt, std::nullopt, std::nullopt, held_from});
    for (const auto& l : s.lines) {
        out.push_back({kRoyalty, l.author_id, sign * l.royalty, l.author_id, l.book_id, l.terms_id, held_from});
        out.push_back({kCommission, 0, sign * l.commission, l.author_id, l.book_id, l.terms_id, held_from});
    }
    out.push_back({kTax, 0, sign * s.tax, std::nullopt, std::nullopt, std::nullopt, held_from});
    out.push_back({kShipping, 0, sign * s.shipping, std::nullopt, std::nullopt, std::nullopt, held_from});
    return out;
}

struct OrderMoney {
    std::string currency;
    Cents tax = 0, shipping = 0, total = 0;
};

OrderMoney order_money(db::Connection& db, int64_t order_id) {
    const auto r = db.query_one("SELECT currency, tax_cents, shipping_cents, total_cents FROM orders WHERE id = ?", order_id);
    if (!r) throw NotFound("We could not find that order.");
    return {r->str(0), r->i64(1), r->i64(2), r->i64(3)};
}

}  // namespace

// ---- terms --------------------------------------------------------------------------------------

royalty::Terms Ledger::terms_for(int64_t author_id, Time at) {
    const auto r = db_.query_one("SELECT id, rate_bp, fixed_cents FROM commission_terms WHERE author_key IN (0, ?)"
                                 " AND effective_from <= ? ORDER BY author_key DESC, effective_from DESC LIMIT 1",
                                 author_id, at);
    if (!r) return {};
    return {r->i64(0), r->i64(1), r->i64(2)};
}

std::vector<CommissionTerms> Ledger::terms(int limit) {
    std::vector<CommissionTerms> out;
    for (const auto& r : db_.query("SELECT t.id, t.author_id, COALESCE(u.display_name, ''), t.rate_bp, t.fixed_cents,"
                                   " t.effective_from, t.note, t.created_at FROM commission_terms t"
                                   " LEFT JOIN users u ON u.id = t.author_id"
                                   " ORDER BY t.author_key, t.effective_from DESC LIMIT ?",
                                   limit))
        out.push_back({r.i64(0), r.opt_i64(1), r.str(2), r.i64(3), r.i64(4), r.time(5), r.str(6), r.time(7)});
    return out;
}

int64_t Ledger::add_terms(const NewTerms& t, std::optional<int64_t> admin_id, Time now) {
    std::map<std::string, std::string> errors;
    if (t.rate_bp < 0 || t.rate_bp > 10000) errors["rate"] = "Enter a commission from 0 to 100 %.";
    if (t.fixed_cents < 0 || t.fixed_cents > 100000000) errors["fixed"] = "Enter a fixed part from 0 to 1,000,000.";
    if (t.effective_from < now)
        errors["effective_from"] = "Terms apply from their start on, never backwards: choose a start from now on.";
    if (t.note.size() > 200) errors["note"] = "Keep the note under 200 characters.";
    if (t.author_id && !db_.query_one("SELECT 1 FROM users WHERE id = ? AND role = 'author'", *t.author_id))
        errors["author"] = "No author has that id.";
    if (!errors.empty()) throw Invalid(errors);
    return db_.transaction([&] {
        try {
            db_.exec("INSERT INTO commission_terms (author_id, rate_bp, fixed_cents, effective_from, note, created_by,"
                     " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     t.author_id, t.rate_bp, t.fixed_cents, t.effective_from, t.note, admin_id, now);
        } catch (const db::Error& e) {
            if (e.is_duplicate_key()) throw Invalid("effective_from", "Terms for this author already start at that moment.");
            throw;
        }
        const auto id = static_cast<int64_t>(db_.last_insert_id());
        Audit(db_).record(admin_id, "commission_terms.add", "commission_terms", id, {},
                          {{"author", t.author_id ? std::to_string(*t.author_id) : "shop default"},
                           {"rate", format_basis_points(t.rate_bp) + " %"},
                           {"fixed", format_plain_amount(t.fixed_cents)},
                           {"effective_from", format_iso(t.effective_from)}},
                          now);
        return id;
    });
}

// ---- writing ------------------------------------------------------------------------------------

void Ledger::record_sale(int64_t order_id, Time now) {
    const auto money = order_money(db_, order_id);
    std::vector<royalty::Line> lines;
    std::map<int64_t, royalty::Terms> terms;
    for (const auto& r : db_.query("SELECT book_id, author_id, quantity, line_total_cents - discount_cents"
                                   " FROM order_items WHERE order_id = ? ORDER BY book_id",
                                   order_id)) {
        const int64_t author = r.i64(1);
        if (!terms.count(author)) terms[author] = terms_for(author, now);
        lines.push_back({r.i64(0), author, static_cast<int>(r.i64(2)), r.i64(3), terms[author]});
    }
    const auto split = royalty::sale(lines, money.tax, money.shipping);
    post(db_, "sale", order_id, std::nullopt, "", money.currency, postings_of(split, +1, now), now);
}

void Ledger::record_refund(int64_t order_id, Cents amount, Time now) {
    // The sale as the ledger booked it (lines by book id, the order refund_shares uses).
    royalty::Split sale;
    std::map<int64_t, size_t> line_of;
    std::optional<Time> sold_at;
    for (const auto& r : db_.query("SELECT a.kind, e.author_id, e.book_id, e.terms_id, e.amount_cents, e.held_from"
                                   " FROM ledger_journals j JOIN ledger_entries e ON e.journal_id = j.id"
                                   " JOIN ledger_accounts a ON a.id = e.account_id"
                                   " WHERE j.order_id = ? AND j.kind = 'sale' ORDER BY e.book_id, e.id",
                                   order_id)) {
        const std::string kind = r.str(0);
        sold_at = r.time(5);
        if (kind == kTax) sale.tax += r.i64(4);
        else if (kind == kShipping) sale.shipping += r.i64(4);
        else if (kind == kRoyalty || kind == kCommission) {
            const int64_t book = r.opt_i64(2).value_or(0);
            if (!line_of.count(book)) {
                line_of[book] = sale.lines.size();
                sale.lines.push_back({book, r.opt_i64(1).value_or(0), r.opt_i64(3).value_or(0), 0, 0});
            }
            (kind == kRoyalty ? sale.lines[line_of[book]].royalty : sale.lines[line_of[book]].commission) += r.i64(4);
        }
    }
    if (!sold_at) return;  // paid before the ledger existed
    const auto money = order_money(db_, order_id);
    const auto back = royalty::refund(sale, amount, money.total);
    post(db_, "refund", order_id, std::nullopt, "Partial refund", money.currency, postings_of(back, -1, *sold_at), now);
}

void Ledger::reverse_order(int64_t order_id, Time now) {
    std::vector<Posting> postings;
    std::string currency;
    for (const auto& r : db_.query("SELECT a.kind, a.author_key, a.currency, e.author_id, e.book_id, e.terms_id,"
                                   " MIN(e.held_from), SUM(e.amount_cents)"
                                   " FROM ledger_journals j JOIN ledger_entries e ON e.journal_id = j.id"
                                   " JOIN ledger_accounts a ON a.id = e.account_id WHERE j.order_id = ?"
                                   " GROUP BY a.id, e.author_id, e.book_id, e.terms_id HAVING SUM(e.amount_cents) <> 0"
                                   " ORDER BY a.id, e.book_id",
                                   order_id)) {
        currency = r.str(2);
        postings.push_back({r.str(0), r.i64(1), -r.i64(7), r.opt_i64(3), r.opt_i64(4), r.opt_i64(5), r.time(6)});
    }
    if (postings.empty()) return;
    post(db_, "refund", order_id, std::nullopt, "Order cancelled or refunded in full", currency, postings, now);
}

void Ledger::record_payout(int64_t payout_id, int64_t author_id, const std::string& currency, Cents amount, Time now) {
    post(db_, "payout", std::nullopt, payout_id, "Payout " + std::to_string(payout_id), currency,
         {{kRoyalty, author_id, -amount, author_id, std::nullopt, std::nullopt, now},
          {kPayoutsDue, 0, amount, author_id, std::nullopt, std::nullopt, now}},
         now);
}

void Ledger::record_payout_paid(int64_t payout_id, int64_t author_id, const std::string& currency, Cents amount, Time now) {
    post(db_, "payout_paid", std::nullopt, payout_id, "Payout " + std::to_string(payout_id) + " sent", currency,
         {{kPayoutsDue, 0, -amount, author_id, std::nullopt, std::nullopt, now},
          {kBank, 0, amount, author_id, std::nullopt, std::nullopt, now}},
         now);
}

// ---- reading ------------------------------------------------------------------------------------

std::vector<RoyaltyBalance> Ledger::balances(int64_t author_id, Time payable_before) {
    std::map<std::string, RoyaltyBalance> by_currency;
    for (const auto& r : db_.query(
             "SELECT a.currency,"
             " COALESCE(SUM(IF(j.kind IN ('sale','refund') AND i.entry_id IS NULL AND e.held_from > ?, e.amount_cents, 0)), 0),"
             " COALESCE(SUM(IF(j.kind IN ('sale','refund') AND i.entry_id IS NULL AND e.held_from <= ?, e.amount_cents, 0)), 0),"
             " COALESCE(SUM(e.amount_cents), 0)"
             " FROM ledger_accounts a JOIN ledger_entries e ON e.account_id = a.id"
             " JOIN ledger_journals j ON j.id = e.journal_id LEFT JOIN payout_items i ON i.entry_id = e.id"
             " WHERE a.kind = 'author_royalty' AND a.author_key = ? GROUP BY a.currency",
             payable_before, payable_before, author_id)) {
        auto& b = by_currency[r.str(0)];
        b.currency = r.str(0);
        b.pending = r.i64(1);
        b.payable = r.i64(2);
        b.balance = r.i64(3);
    }
    for (const auto& r : db_.query("SELECT currency, SUM(IF(status = 'pending', amount_cents, 0)),"
                                   " SUM(IF(status = 'paid', amount_cents, 0)) FROM payouts WHERE author_id = ?"
                                   " GROUP BY currency",
                                   author_id)) {
        auto& b = by_currency[r.str(0)];
        b.currency = r.str(0);
        b.in_payment = r.i64(1);
        b.paid = r.i64(2);
    }
    std::vector<RoyaltyBalance> out;
    for (auto& [c, b] : by_currency) out.push_back(b);
    return out;
}

std::vector<Statement> Ledger::statements(int64_t author_id, Time from, Time to) {
    std::map<std::string, Statement> by_currency;
    auto statement = [&](const std::string& currency) -> Statement& {
        auto& s = by_currency[currency];
        s.currency = currency;
        s.from = from;
        s.to = to;
        return s;
    };
    for (const auto& r : db_.query("SELECT a.currency, SUM(e.amount_cents) FROM ledger_entries e"
                                   " JOIN ledger_accounts a ON a.id = e.account_id"
                                   " WHERE e.author_id = ? AND e.created_at < ? AND a.kind = 'author_royalty'"
                                   " GROUP BY a.currency",
                                   author_id, from))
        statement(r.str(0)).opening = r.i64(1);
    std::map<std::string, std::map<int64_t, StatementBook>> books;
    for (const auto& r : db_.query("SELECT a.currency, a.kind, j.kind, e.book_id, COALESCE(b.title, ''), SUM(e.amount_cents)"
                                   " FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id"
                                   " JOIN ledger_journals j ON j.id = e.journal_id LEFT JOIN books b ON b.id = e.book_id"
                                   " WHERE e.author_id = ? AND e.created_at >= ? AND e.created_at < ?"
                                   " AND a.kind IN ('author_royalty', 'shop_commission')"
                                   " GROUP BY a.currency, a.kind, j.kind, e.book_id, b.title",
                                   author_id, from, to)) {
        auto& s = statement(r.str(0));
        const std::string account = r.str(1), journal = r.str(2);
        const Cents amount = r.i64(5);
        if (journal == "payout" || journal == "payout_paid") {
            if (account == kRoyalty) s.payouts -= amount;
            continue;
        }
        auto& b = books[s.currency][r.opt_i64(3).value_or(0)];
        b.book_id = r.opt_i64(3).value_or(0);
        b.title = r.str(4);
        if (journal == "sale") b.sales += amount;
        else b.refunds -= amount;
        if (account == kCommission) b.commission += amount;
    }
    std::vector<Statement> out;
    for (auto& [currency, s] : by_currency) {
        for (auto& [id, b] : books[currency]) {
            s.sales += b.sales;
            s.refunds += b.refunds;
            s.commission += b.commission;
            s.books.push_back(b);
        }
        std::stable_sort(s.books.begin(), s.books.end(),
                         [](const StatementBook& a, const StatementBook& b) { return a.title < b.title; });
        s.closing = s.opening + s.sales - s.refunds - s.commission - s.payouts;
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<StatementRecipient> Ledger::statement_recipients(int64_t after_id, int limit) {
    std::vector<StatementRecipient> out;
    for (const auto& r : db_.query("SELECT u.id, u.email, u.display_name FROM users u WHERE u.id > ?"
                                   " AND u.author_digests = 1 AND u.active = 1 AND EXISTS (SELECT 1 FROM ledger_accounts a"
                                   " WHERE a.kind = 'author_royalty' AND a.author_key = u.id) ORDER BY u.id LIMIT ?",
                                   after_id, limit))
        out.push_back({r.i64(0), r.str(1), r.str(2)});
    return out;
}

std::vector<std::pair<std::string, Cents>> statement_lines(const Statement& s) {
    return {{"Opening balance", s.opening}, {"Sales", s.sales},       {"Refunds", -s.refunds},
            {"Commission", -s.commission},  {"Payouts", -s.payouts}, {"Closing balance", s.closing}};
}

std::string statement_month(Time from) {
    static const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                          "July",    "August",   "September", "October", "November", "December"};
    const CivilTime c = to_civil(from);
    return std::string(kMonths[c.month - 1]) + " " + std::to_string(c.year);
}

// ---- checking -----------------------------------------------------------------------------------

namespace {

constexpr int64_t kCheckSlice = 5000;

// (order, account kind, author or 0, book or 0)
using EntryKey = std::tuple<int64_t, std::string, int64_t, int64_t>;

void add_split(std::map<EntryKey, Cents>& to, int64_t order, const royalty::Split& s, int sign) {
    for (const auto& l : s.lines) {
        to[{order, kRoyalty, l.author_id, l.book_id}] += sign * l.royalty;
        to[{order, kCommission, l.author_id, l.book_id}] += sign * l.commission;
    }
    to[{order, kTax, 0, 0}] += sign * s.tax;
    to[{order, kShipping, 0, 0}] += sign * s.shipping;
}

}  // namespace

std::vector<LedgerDifference> Ledger::check() {
    std::vector<LedgerDifference> out;
    auto differ = [&](const std::string& what) { out.push_back({what}); };

    // 1. Double entry: every journal sums to zero.
    for (const auto& r : db_.query("SELECT journal_id, SUM(amount_cents) FROM ledger_entries GROUP BY journal_id"
                                   " HAVING SUM(amount_cents) <> 0 ORDER BY journal_id"))
        differ("journal " + r.str(0) + " does not balance: its entries sum to " + format_plain_amount(r.i64(1)));

    // 2. Every order's entries against the order: a paid order holds its sale less its partial refunds,
    // any other order nothing (a cancelled or fully refunded one was reversed whole).
    const auto epoch = db_.query_one("SELECT applied_at FROM schema_migrations WHERE version = 24");
    const Time ledger_start = epoch ? epoch->time(0) : Time{0};
    const auto last = db_.query_one("SELECT COALESCE(MAX(id), 0) FROM orders")->i64(0);
    for (int64_t from = 1; from <= last; from += kCheckSlice) {
        const int64_t to = from + kCheckSlice - 1;
        std::map<EntryKey, Cents> expected, ledger;
        std::set<int64_t> journalled;
        for (const auto& r : db_.query("SELECT j.order_id, a.kind, COALESCE(e.author_id, 0), COALESCE(e.book_id, 0),"
                                       " SUM(e.amount_cents) FROM ledger_journals j"
                                       " JOIN ledger_entries e ON e.journal_id = j.id JOIN ledger_accounts a ON a.id = e.account_id"
                                       " WHERE j.order_id BETWEEN ? AND ? GROUP BY j.order_id, a.kind, 3, 4",
                                       from, to)) {
            journalled.insert(r.i64(0));
            if (r.i64(4) != 0) ledger[{r.i64(0), r.str(1), r.i64(2), r.i64(3)}] = r.i64(4);
        }
        struct Facts {
            Cents tax = 0, shipping = 0, total = 0;
            Time paid_at{};
            std::vector<royalty::Line> lines;
            std::vector<Cents> refunds;
        };
        std::map<int64_t, Facts> orders;
        for (const auto& r : db_.query(std::string("SELECT id, tax_cents, shipping_cents, total_cents, paid_at FROM orders"
                                                   " WHERE id BETWEEN ? AND ? AND paid_at IS NOT NULL AND status IN ") +
                                           order_status::kPaidSql,
                                       from, to))
            if (journalled.count(r.i64(0)) || ledger_start <= r.time(4))
                orders[r.i64(0)] = {r.i64(1), r.i64(2), r.i64(3), r.time(4), {}, {}};
        for (const auto& r : db_.query("SELECT order_id, book_id, author_id, quantity, line_total_cents - discount_cents"
                                       " FROM order_items WHERE order_id BETWEEN ? AND ? ORDER BY order_id, book_id",
                                       from, to)) {
            const auto it = orders.find(r.i64(0));
            if (it == orders.end()) continue;
            it->second.lines.push_back({r.i64(1), r.i64(2), static_cast<int>(r.i64(3)), r.i64(4),
                                        terms_for(r.i64(2), it->second.paid_at)});
        }
        for (const auto& r : db_.query("SELECT order_id, amount_cents FROM order_refunds WHERE order_id BETWEEN ? AND ?"
                                       " ORDER BY order_id, id",
                                       from, to))
            if (orders.count(r.i64(0))) orders[r.i64(0)].refunds.push_back(r.i64(1));
        for (const auto& [id, o] : orders) {
            const auto sale = royalty::sale(o.lines, o.tax, o.shipping);
            add_split(expected, id, sale, +1);
            Cents refunded = 0;
            for (Cents amount : o.refunds) {
                add_split(expected, id, royalty::refund(sale, amount, o.total), -1);
                refunded += amount;
            }
            expected[{id, kBank, 0, 0}] = -(o.total - refunded);
        }
        for (auto it = expected.begin(); it != expected.end();) it = it->second == 0 ? expected.erase(it) : std::next(it);
        std::set<EntryKey> keys;
        for (const auto& [k, v] : expected) keys.insert(k);
        for (const auto& [k, v] : ledger) keys.insert(k);
        for (const auto& k : keys) {
            const Cents e = expected.count(k) ? expected[k] : 0, l = ledger.count(k) ? ledger[k] : 0;
            if (e == l) continue;
            const auto& [order, kind, author, book] = k;
            differ("order " + std::to_string(order) + " " + kind + (author ? " author " + std::to_string(author) : "") +
                   (book ? " book " + std::to_string(book) : "") + ": ledger " + format_plain_amount(l) + ", order " +
                   format_plain_amount(e));
        }
    }

    // 3. Payouts: the amount, its items and its journal agree; a paid one has its confirmation journal.
    for (const auto& r : db_.query(
             "SELECT p.id, p.amount_cents, p.status,"
             " (SELECT COALESCE(SUM(e.amount_cents), 0) FROM payout_items i JOIN ledger_entries e ON e.id = i.entry_id"
             "  WHERE i.payout_id = p.id),"
             " (SELECT COALESCE(-SUM(e.amount_cents), 0) FROM ledger_journals j JOIN ledger_entries e ON e.journal_id = j.id"
             "  JOIN ledger_accounts a ON a.id = e.account_id WHERE j.payout_id = p.id AND j.kind = 'payout'"
             "  AND a.kind = 'author_royalty'),"
             " (SELECT COUNT(*) FROM ledger_journals j WHERE j.payout_id = p.id AND j.kind = 'payout_paid')"
             " FROM payouts p ORDER BY p.id")) {
        const Cents amount = r.i64(1);
        if (r.i64(3) != amount || r.i64(4) != amount)
            differ("payout " + r.str(0) + ": amount " + format_plain_amount(amount) + ", items " +
                   format_plain_amount(r.i64(3)) + ", journal " + format_plain_amount(r.i64(4)));
        if ((r.str(2) == "paid") != (r.i64(5) == 1))
            differ("payout " + r.str(0) + " is " + r.str(2) + " with " + r.str(5) + " confirmation journals");
    }
    return out;
}

}  // namespace bf::store
