// The royalty ledger: the split of real orders (coupons, tax, shipping) into royalty, commission, tax
// and shipping entries in the paying transaction; dated commission terms; partial and full refunds;
// the hold period; and `bookfair check-ledger` finding a corrupted entry.
#include <gtest/gtest.h>

#include "core/clock.h"
#include "core/errors.h"
#include "ledger_fixtures.h"

using namespace bf::test;
using bf::Cents;

namespace {

Cents rounded_rate(Cents net, int64_t bp) { return (net * bp + 5000) / 10000; }

Cents item_net(bf::db::Connection& db, int64_t order, int64_t book) {
    return db.query_one("SELECT line_total_cents - discount_cents FROM order_items WHERE order_id = ? AND book_id = ?", order,
                        book)->i64(0);
}

Cents book_entries(bf::db::Connection& db, int64_t order, const std::string& kind, int64_t book) {
    return db.query_one("SELECT COALESCE(SUM(e.amount_cents), 0) FROM ledger_journals j JOIN ledger_entries e ON e.journal_id = j.id"
                        " JOIN ledger_accounts a ON a.id = e.account_id WHERE j.order_id = ? AND a.kind = ? AND e.book_id = ?",
                        order, kind, book)->i64(0);
}

}  // namespace

TEST(Ledger, SaleWithCouponTaxAndShippingSplitsEveryCent) {
    auto db = connect_db();
    bf::store::Store store(*db);
    const bf::Time now = bf::SystemClock().now();
    const int64_t author_a = create_author(*db, "Split Author A"), author_b = create_author(*db, "Split Author B");
    const int64_t book_a = create_book(*db, {1299, std::nullopt, 50, false, "published", std::nullopt, "", author_a});
    const int64_t book_b = create_book(*db, {999, std::nullopt, 50, false, "published", std::nullopt, "", author_b});
    // B's own terms from tomorrow: 20 % and 0.50 per copy.
    store.ledger.add_terms({author_b, 2000, 50, now.plus_days(1), "Split test"}, std::nullopt, now);
    const std::string code = "SPLIT" + std::to_string(book_a);
    db->exec("INSERT INTO coupons (code, kind, percent_bp, applies_to, created_at) VALUES (?, 'percent', 1500, 'books', ?)", code,
             now);
    db->exec("INSERT INTO coupon_books (coupon_id, book_id) SELECT id, ? FROM coupons WHERE code = ?", book_a, code);
    const Buyer buyer = create_buyer(*db);

    const int64_t order = paid_order_at(store, buyer.id, {{book_a, 1}, {book_b, 2}}, now.plus_days(2), code, 825);
    const auto o = store.orders.find(order);
    ASSERT_GT(o->discount, 0);
    ASSERT_GT(o->tax, 0);
    ASSERT_EQ(o->shipping, 499);
    const Cents net_a = item_net(*db, order, book_a), net_b = item_net(*db, order, book_b);
    EXPECT_EQ(net_a, 1299 - o->discount) << "the coupon covers book A only";
    EXPECT_EQ(net_b, 1998);

    const Cents commission_a = rounded_rate(net_a, 3000), commission_b = rounded_rate(net_b, 2000) + 2 * 50;
    EXPECT_EQ(book_entries(*db, order, "shop_commission", book_a), commission_a);
    EXPECT_EQ(book_entries(*db, order, "author_royalty", book_a), net_a - commission_a);
    EXPECT_EQ(book_entries(*db, order, "shop_commission", book_b), commission_b);
    EXPECT_EQ(book_entries(*db, order, "author_royalty", book_b), net_b - commission_b);
    EXPECT_EQ(order_entries(*db, order, "tax_collected"), o->tax);
    EXPECT_EQ(order_entries(*db, order, "shipping_collected"), 499);
    EXPECT_EQ(order_entries(*db, order, "bank"), -o->total) << "the buyer's payment, every cent of it";
    EXPECT_EQ(db->query_one("SELECT COALESCE(SUM(e.amount_cents), 0) FROM ledger_journals j JOIN ledger_entries e"
                            " ON e.journal_id = j.id WHERE j.order_id = ?", order)->i64(0), 0) << "double entry";
    EXPECT_EQ(db->query_one("SELECT COUNT(DISTINCT a.currency) FROM ledger_journals j JOIN ledger_entries e ON e.journal_id = j.id"
                            " JOIN ledger_accounts a ON a.id = e.account_id WHERE j.order_id = ? AND a.currency = ?",
                            order, o->currency)->i64(0), 1) << "the accounts carry the order's currency";
}

TEST(Ledger, CommissionChangesApplyFromTheirDateOnNeverBackwards) {
    auto db = connect_db();
    bf::store::Store store(*db);
    const bf::Time now = bf::SystemClock().now();
    const int64_t author = create_author(*db, "Dated Terms Author");
    const int64_t book = create_book(*db, {2000, std::nullopt, 50, false, "published", std::nullopt, "", author});
    const Buyer buyer = create_buyer(*db);

    EXPECT_THROW(store.ledger.add_terms({author, 1000, 0, now.plus_seconds(-60), ""}, std::nullopt, now), bf::Invalid)
        << "a start in the past would change sales already booked";
    EXPECT_THROW(store.ledger.add_terms({author, 10001, 0, now.plus_days(1), ""}, std::nullopt, now), bf::Invalid);
    const int64_t before = paid_order_at(store, buyer.id, {{book, 1}}, now.plus_days(9));
    store.ledger.add_terms({author, 1000, 25, now.plus_days(10), "Loyal author"}, std::nullopt, now);
    const int64_t after = paid_order_at(store, buyer.id, {{book, 1}}, now.plus_days(11));
    EXPECT_EQ(order_entries(*db, before, "shop_commission"), 600) << "the shop's default 30 % before the change";
    EXPECT_EQ(order_entries(*db, after, "shop_commission"), 225) << "10 % plus 0.25 a copy from its date on";
    EXPECT_EQ(order_entries(*db, after, "author_royalty", author), 1775);
    EXPECT_EQ(store.ledger.terms_for(author, now.plus_days(9)).rate_bp, 3000);
    EXPECT_EQ(store.ledger.terms_for(author, now.plus_days(10)).rate_bp, 1000);

    // The shop's default changes far ahead: this author keeps their own terms; others get the new one.
    const bf::Time later = now.plus_days(4000);
    store.ledger.add_terms({std::nullopt, 2500, 0, later, "New default"}, std::nullopt, now);
    EXPECT_EQ(store.ledger.terms_for(author, later.plus_days(1)).rate_bp, 1000);
    EXPECT_EQ(store.ledger.terms_for(create_author(*db), later.plus_days(1)).rate_bp, 2500);
    EXPECT_EQ(store.ledger.terms_for(create_author(*db), later.plus_days(-1)).rate_bp, 3000);
    EXPECT_EQ(order_entries(*db, before, "shop_commission"), 600) << "booked sales never change";
    const auto check = check_ledger();
    EXPECT_EQ(check.status, 0) << check.output;
}

TEST(Ledger, PartialAndFullRefundsReverseTheSplit) {
    auto db = connect_db();
    bf::store::Store store(*db);
    const bf::Time now = bf::SystemClock().now();
    const int64_t author = create_author(*db, "Refunded Author");
    const int64_t book = create_book(*db, {1500, std::nullopt, 50, false, "published", std::nullopt, "", author});
    const Buyer buyer = create_buyer(*db);
    const int64_t order = paid_order_at(store, buyer.id, {{book, 2}}, now, "", 500);
    const auto o = store.orders.find(order);
    const Cents royalty = order_entries(*db, order, "author_royalty");
    ASSERT_EQ(royalty, 3000 - 900);

    // A partial refund of 1,000 of a 3,649 order (3,000 books, 150 tax, 499 shipping).
    ASSERT_EQ(o->total, 3000 + 150 + 499);
    store.orders.refund(order, {1000, false, {}}, now.plus_hours(1));
    const Cents books_share = 1000 * 3000 / o->total;  // 822, rounded down
    EXPECT_EQ(order_entries(*db, order, "author_royalty") + order_entries(*db, order, "shop_commission"), 3000 - books_share);
    EXPECT_EQ(order_entries(*db, order, "author_royalty"), royalty - books_share * 2100 / 3000) << "royalty rounded down";
    EXPECT_EQ(order_entries(*db, order, "bank"), -(o->total - 1000));
    EXPECT_EQ(order_entries(*db, order, "tax_collected") + order_entries(*db, order, "shipping_collected"),
              150 + 499 - (1000 - books_share));
    EXPECT_EQ(check_ledger().status, 0) << check_ledger().output;

    // The rest in full: every account of the order back to zero.
    store.orders.refund(order, {o->total - 1000, false, {}}, now.plus_hours(2));
    for (const char* kind : {"bank", "author_royalty", "shop_commission", "tax_collected", "shipping_collected"})
        EXPECT_EQ(order_entries(*db, order, kind), 0) << kind;

    // A paid order cancelled before shipping: reversed whole too.
    const int64_t cancelled = paid_order_at(store, buyer.id, {{book, 1}}, now);
    store.orders.cancel(cancelled, {std::nullopt, true, "test"}, now.plus_hours(1));
    EXPECT_EQ(order_entries(*db, cancelled, "author_royalty"), 0);
    EXPECT_EQ(order_entries(*db, cancelled, "bank"), 0);
    const auto check = check_ledger();
    EXPECT_EQ(check.status, 0) << check.output;
}

TEST(Ledger, RoyaltiesArePendingUntilTheHoldPeriodEnds) {
    auto db = connect_db();
    bf::store::Store store(*db);
    const bf::Time now = bf::SystemClock().now();
    const int64_t author = create_author(*db, "Held Author");
    const int64_t book = create_book(*db, {1000, std::nullopt, 50, false, "published", std::nullopt, "", author});
    const Buyer buyer = create_buyer(*db);
    const int64_t first = paid_order_at(store, buyer.id, {{book, 1}}, now);
    const int64_t second = paid_order_at(store, buyer.id, {{book, 2}}, now.plus_days(5));
    store.orders.refund(second, {600, false, {}}, now.plus_days(6));  // inside its window: less pending
    const Cents r1 = order_entries(*db, first, "author_royalty"), r2 = order_entries(*db, second, "author_royalty");
    ASSERT_EQ(r1, 700);
    ASSERT_LT(r2, 1400);
    auto at = [&](int days) {  // the balances `days` after the first sale, with a 14-day hold
        const auto b = store.ledger.balances(author, now.plus_days(days - 14));
        EXPECT_EQ(b.size(), 1u);
        return b.empty() ? bf::store::RoyaltyBalance{} : b.front();
    };
    EXPECT_EQ(at(13).pending, r1 + r2);
    EXPECT_EQ(at(13).payable, 0);
    EXPECT_EQ(at(14).pending, r2);
    EXPECT_EQ(at(14).payable, r1);
    EXPECT_EQ(at(19).pending, 0);
    EXPECT_EQ(at(19).payable, r1 + r2);
    EXPECT_EQ(at(19).balance, r1 + r2);
    EXPECT_EQ(at(19).currency, "USD");
}

TEST(Ledger, CheckFindsACorruptedEntry) {
    auto db = connect_db();
    bf::store::Store store(*db);
    const bf::Time now = bf::SystemClock().now();
    const int64_t author = create_author(*db, "Audited Author");
    const int64_t book = create_book(*db, {1000, std::nullopt, 50, false, "published", std::nullopt, "", author});
    const int64_t order = paid_order_at(store, create_buyer(*db).id, {{book, 1}}, now);
    const auto clean = check_ledger();
    ASSERT_EQ(clean.status, 0) << clean.output;

    // Entries cannot be edited or deleted: the database refuses.
    EXPECT_THROW(db->exec("UPDATE ledger_entries e JOIN ledger_journals j ON j.id = e.journal_id SET e.amount_cents = 1"
                          " WHERE j.order_id = ?", order),
                 bf::db::Error);
    EXPECT_THROW(db->exec("DELETE e FROM ledger_entries e JOIN ledger_journals j ON j.id = e.journal_id WHERE j.order_id = ?",
                          order),
                 bf::db::Error);

    // A forged extra cent of royalty in the order's sale journal.
    const auto royalty = db->query_one("SELECT e.journal_id, e.account_id FROM ledger_entries e JOIN ledger_journals j"
                                       " ON j.id = e.journal_id JOIN ledger_accounts a ON a.id = e.account_id"
                                       " WHERE j.order_id = ? AND a.kind = 'author_royalty'", order);
    ASSERT_TRUE(royalty);
    db->exec("INSERT INTO ledger_entries (journal_id, account_id, amount_cents, author_id, book_id, held_from, created_at)"
             " VALUES (?, ?, 1, ?, ?, ?, ?)", royalty->i64(0), royalty->i64(1), author, book, now, now);
    const auto found = check_ledger();
    EXPECT_NE(found.status, 0) << found.output;
    EXPECT_NE(found.output.find("journal " + royalty->str(0) + " does not balance"), std::string::npos) << found.output;
    EXPECT_NE(found.output.find("order " + std::to_string(order) + " author_royalty author " + std::to_string(author) +
                                " book " + std::to_string(book) + ": ledger 7.01, order 7.00"),
              std::string::npos)
        << found.output;

    // Corrected the way a ledger is: by a reversing entry, appended.
    db->exec("INSERT INTO ledger_entries (journal_id, account_id, amount_cents, author_id, book_id, held_from, created_at)"
             " VALUES (?, ?, -1, ?, ?, ?, ?)", royalty->i64(0), royalty->i64(1), author, book, now, now);
    const auto fixed = check_ledger();
    EXPECT_EQ(fixed.status, 0) << fixed.output;
}
