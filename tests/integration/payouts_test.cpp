// Payout runs: one payout per author above the minimum after the hold period, run twice and paid once,
// confirmed by the admin; refunds before and after a payout, the negative balance netted by the next
// one; and the bank details' confirmation by email link.
#include <gtest/gtest.h>

#include <thread>

#include "core/clock.h"
#include "core/errors.h"
#include "ledger_fixtures.h"

using namespace bf::test;
using bf::Cents;

namespace {

constexpr const char* kIban = "DE89370400440532013000";

void give_details(bf::db::Connection& db, int64_t author) {
    db.exec("INSERT INTO author_payout_details (author_id, account_name, iban, confirmed_at) VALUES (?, 'Test Payee', ?, ?)",
            author, kIban, bf::SystemClock().now());
}

std::vector<bf::store::PayoutRow> payouts_of(bf::store::Store& store, int64_t author) {
    return store.payouts.author_payouts(author, 50);
}

bf::store::RoyaltyBalance balance(bf::store::Store& store, int64_t author, bf::Time now) {
    const auto b = store.ledger.balances(author, now.plus_days(-14));
    return b.empty() ? bf::store::RoyaltyBalance{} : b.front();
}

std::string key(const std::string& name) { return name + "-" + std::to_string(bf::SystemClock().now().us % 100000000000); }

}  // namespace

TEST(Payouts, ARunTwicePaysOnceAndTheAdminConfirms) {
    auto db = connect_db();
    bf::store::Store store(*db);
    const bf::Time t0 = bf::SystemClock().now();
    const int64_t author = create_author(*db, "Paid Author"), poor = create_author(*db, "Small Author"),
                  anonymous = create_author(*db, "No Details Author");
    give_details(*db, author);
    give_details(*db, poor);
    const int64_t book = create_book(*db, {2000, std::nullopt, 50, false, "published", std::nullopt, "", author});
    const int64_t cheap = create_book(*db, {300, std::nullopt, 50, false, "published", std::nullopt, "", poor});
    const int64_t hidden = create_book(*db, {2000, std::nullopt, 50, false, "published", std::nullopt, "", anonymous});
    const Buyer buyer = create_buyer(*db);
    paid_order_at(store, buyer.id, {{book, 2}, {cheap, 1}, {hidden, 1}}, t0);
    const int64_t late = paid_order_at(store, buyer.id, {{book, 1}}, t0.plus_days(10));

    // Day 15: the first order's royalties are payable, the second's still pending.
    const bf::Time day15 = t0.plus_days(15);
    EXPECT_EQ(balance(store, author, day15).payable, 2800);
    EXPECT_EQ(balance(store, author, day15).pending, 1400);
    const std::string run_key = key("manual");
    const auto first = store.payouts.run(run_key, 1000, day15.plus_days(-14), std::nullopt, day15);
    EXPECT_FALSE(first.repeated);
    const auto again = store.payouts.run(run_key, 1000, day15.plus_days(-14), std::nullopt, day15);
    EXPECT_TRUE(again.repeated) << "the same key runs once";
    EXPECT_EQ(again.run_id, first.run_id);
    const auto other = store.payouts.run(key("other"), 1000, day15.plus_days(-14), std::nullopt, day15);
    EXPECT_EQ(other.payouts, 0) << "nothing is left to pay for anyone";

    auto paid = payouts_of(store, author);
    ASSERT_EQ(paid.size(), 1u);
    EXPECT_EQ(paid[0].amount, 2800);
    EXPECT_EQ(paid[0].status, "pending");
    EXPECT_EQ(paid[0].iban, kIban);
    EXPECT_EQ(paid[0].items, 1);
    EXPECT_TRUE(payouts_of(store, poor).empty()) << "2.10 is under the 10.00 minimum";
    EXPECT_TRUE(payouts_of(store, anonymous).empty()) << "no bank details, no payout";
    EXPECT_EQ(balance(store, poor, day15).payable, 210) << "kept for a later run";
    EXPECT_EQ(balance(store, author, day15).payable, 0);
    EXPECT_EQ(balance(store, author, day15).in_payment, 2800);

    EXPECT_EQ(store.payouts.confirm(first.run_id, std::nullopt, day15.plus_hours(2)), 1);
    EXPECT_EQ(store.payouts.confirm(first.run_id, std::nullopt, day15.plus_hours(3)), 0) << "confirmed once";
    EXPECT_EQ(balance(store, author, day15).paid, 2800);
    EXPECT_EQ(balance(store, author, day15).in_payment, 0);

    // Day 30: the late order's royalty joins the next run.
    const bf::Time day30 = t0.plus_days(30);
    store.payouts.run(key("next"), 1000, day30.plus_days(-14), std::nullopt, day30);
    paid = payouts_of(store, author);
    ASSERT_EQ(paid.size(), 2u);
    EXPECT_EQ(paid[0].amount, order_entries(*db, late, "author_royalty"));
    const auto check = check_ledger();
    EXPECT_EQ(check.status, 0) << check.output;
}

TEST(Payouts, RefundsBeforeAndAfterAPayoutAreNetted) {
    auto db = connect_db();
    bf::store::Store store(*db);
    const bf::Time t0 = bf::SystemClock().now();
    const int64_t author = create_author(*db, "Refunded Payee");
    give_details(*db, author);
    const int64_t book = create_book(*db, {1000, std::nullopt, 50, false, "published", std::nullopt, "", author});
    const Buyer buyer = create_buyer(*db);
    const int64_t kept = paid_order_at(store, buyer.id, {{book, 3}}, t0);        // royalty 2,100
    const int64_t undone = paid_order_at(store, buyer.id, {{book, 1}}, t0);      // 700, refunded in full before the payout
    const int64_t returned = paid_order_at(store, buyer.id, {{book, 2}}, t0);    // 1,400, refunded after it
    store.orders.refund(undone, {store.orders.find(undone)->total, false, {}}, t0.plus_days(2));
    store.orders.refund(kept, {500, false, {}}, t0.plus_days(3));             // partial, before
    const Cents kept_royalty = order_entries(*db, kept, "author_royalty");
    ASSERT_EQ(store.orders.find(kept)->total, 3000 + 499);
    EXPECT_EQ(kept_royalty, 2100 - (500 * 3000 / 3499) * 2100 / 3000) << "the books' share of 500, its royalty part rounded down";

    const bf::Time day20 = t0.plus_days(20);
    store.payouts.run(key("before"), 500, day20.plus_days(-14), std::nullopt, day20);
    auto paid = payouts_of(store, author);
    ASSERT_EQ(paid.size(), 1u);
    EXPECT_EQ(paid[0].amount, kept_royalty + 1400) << "the full refund left nothing of its order to pay";

    // After the payout: the whole of `returned` comes back, and the author owes it.
    store.orders.refund(returned, {store.orders.find(returned)->total, false, {}}, t0.plus_days(21));
    EXPECT_EQ(balance(store, author, t0.plus_days(21)).payable, -1400);
    EXPECT_EQ(balance(store, author, t0.plus_days(21)).balance, -1400);
    // A partial refund of the paid-out order too.
    store.orders.refund(kept, {300, false, {}}, t0.plus_days(22));
    const Cents owed = -1400 - (300 * 3000 / 3499) * 2100 / 3000;
    EXPECT_EQ(balance(store, author, t0.plus_days(22)).payable, owed);

    // Nothing to pay while the balance is negative; new sales net it.
    EXPECT_EQ(store.payouts.run(key("negative"), 500, t0.plus_days(9), std::nullopt, t0.plus_days(23)).payouts, 0);
    const int64_t fresh = paid_order_at(store, buyer.id, {{book, 5}}, t0.plus_days(24));  // 3,500
    const bf::Time day40 = t0.plus_days(40);
    store.payouts.run(key("netted"), 500, day40.plus_days(-14), std::nullopt, day40);
    paid = payouts_of(store, author);
    ASSERT_EQ(paid.size(), 2u);
    EXPECT_EQ(paid[0].amount, order_entries(*db, fresh, "author_royalty") + owed);
    EXPECT_EQ(balance(store, author, day40).payable, 0);
    EXPECT_EQ(balance(store, author, day40).balance, 0);
    const auto check = check_ledger();
    EXPECT_EQ(check.status, 0) << check.output;
}

TEST(Payouts, BankDetailsChangeOnlyThroughTheEmailedLink) {
    auto db = connect_db();
    bf::store::Store store(*db);
    const bf::Time now = bf::SystemClock().now();
    const int64_t author = create_author(*db, "Banked Author"), other = create_author(*db, "Other Author");
    EXPECT_THROW(store.payouts.request_change(author, "A Payee", "DE89370400440532013001", now, nullptr), bf::Invalid);
    EXPECT_THROW(store.payouts.request_change(author, "", kIban, now, nullptr), bf::Invalid);
    std::string token;
    store.payouts.request_change(author, "A Payee", "de89 3704 0044 0532 0130 00", now,
                                 [&](const std::string& t, const bf::store::PendingDetailsChange& c) {
                                     token = t;
                                     EXPECT_EQ(c.iban, kIban);
                                     return bf::store::OutboxMessage{"payout_details_confirm", "pdc-" + t, "a@example.com",
                                                                     "Confirm", "text", "", std::nullopt};
                                 });
    ASSERT_FALSE(token.empty());
    EXPECT_FALSE(store.payouts.details(author)) << "nothing changes before the link is followed";
    EXPECT_TRUE(store.payouts.pending_change(author, now));
    EXPECT_THROW(store.payouts.confirm_change(other, token, now), bf::NotFound) << "only its author";
    EXPECT_THROW(store.payouts.confirm_change(author, token + "x", now), bf::NotFound);
    store.payouts.confirm_change(author, token, now.plus_minutes(5));
    ASSERT_TRUE(store.payouts.details(author));
    EXPECT_EQ(store.payouts.details(author)->iban, kIban);
    EXPECT_THROW(store.payouts.confirm_change(author, token, now.plus_minutes(6)), bf::Gone) << "once";
    EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM audit_log WHERE subject_type = 'user' AND subject_id = ?"
                            " AND action LIKE 'payout_details.%'", author)->i64(0), 2);
    EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM outbox WHERE dedupe_key = ?", "pdc-" + token)->i64(0), 1);

    // An expired link changes nothing.
    std::string second;
    store.payouts.request_change(author, "B Payee", "GB82WEST12345698765432", now,
                                 [&](const std::string& t, const bf::store::PendingDetailsChange&) {
                                     second = t;
                                     return bf::store::OutboxMessage{"payout_details_confirm", "pdc-" + t, "a@example.com",
                                                                     "Confirm", "text", "", std::nullopt};
                                 });
    EXPECT_THROW(store.payouts.confirm_change(author, second, now.plus_hours(25)), bf::Gone);
    EXPECT_EQ(store.payouts.details(author)->account_name, "A Payee");
}

TEST(Payouts, RunsStartedAtOnceStillPayOnce) {
    auto db = connect_db();
    bf::store::Store store(*db);
    const bf::Time t0 = bf::SystemClock().now();
    const int64_t author = create_author(*db, "Raced Payee");
    give_details(*db, author);
    const int64_t book = create_book(*db, {1000, std::nullopt, 50, false, "published", std::nullopt, "", author});
    const Buyer buyer = create_buyer(*db);
    for (int i = 0; i < 5; ++i) paid_order_at(store, buyer.id, {{book, 1}}, t0);  // 5 x 700
    const bf::Time day20 = t0.plus_days(20);
    const std::string prefix = key("race");
    constexpr int kRunners = 6;
    Barrier start(kRunners);
    std::vector<std::thread> runners;
    for (int i = 0; i < kRunners; ++i)
        runners.emplace_back([&, i] {
            bf::db::ThreadScope scope;
            auto conn = connect_db();
            bf::store::Store s(*conn);
            start.arrive_and_wait();
            // Half of them share a key (a double submit), the others are separate runs.
            s.payouts.run(prefix + "-" + std::to_string(i % 2 ? 0 : i), 500, day20.plus_days(-14), std::nullopt, day20);
        });
    for (auto& r : runners) r.join();
    const auto paid = payouts_of(store, author);
    ASSERT_EQ(paid.size(), 1u);
    EXPECT_EQ(paid[0].amount, 3500);
    EXPECT_EQ(balance(store, author, day20).payable, 0);
    const auto check = check_ledger();
    EXPECT_EQ(check.status, 0) << check.output;
}
