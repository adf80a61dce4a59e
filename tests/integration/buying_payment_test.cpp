// The three payment cases (success, failure, abandonment) and the callback's guarantees, through nginx.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "buying_fixtures.h"
#include "store/store.h"

using namespace bf::test;

namespace {

struct ClockReset {
    ~ClockReset() { set_clock_offset(0); }
};

struct Shopper {
    std::unique_ptr<bf::db::Connection> db = connect_db();
    HttpClient client;
    Buyer buyer;
    explicit Shopper() : buyer(create_buyer(*db, "Ada Buyer")) { log_in_as(client, *db, buyer.id); }
    // Puts `quantity` of the book in the cart and places the order; returns the payment ref.
    std::string place(int64_t book_id, int quantity = 1) {
        EXPECT_EQ(add_to_cart(client, book_id, quantity).status, 303);
        const auto placed = checkout(client);
        EXPECT_EQ(placed.status, 303) << placed.body;
        return payment_ref(placed);
    }
    std::string number_of(const std::string& ref) {
        return db->query_one("SELECT o.number FROM orders o JOIN payments p ON p.order_id = o.id WHERE p.provider_ref = ?",
                             ref)->str(0);
    }
};

}  // namespace

TEST(BuyingPayment, SuccessTurnsTheReservationIntoASale) {
    Shopper s;
    const int64_t book = create_book(*s.db, {1250, std::nullopt, 5});
    const std::string ref = s.place(book, 2);
    ASSERT_FALSE(ref.empty());
    EXPECT_EQ(book_stock(*s.db, book), 3) << "placing reserves the stock";
    EXPECT_EQ(book_sell_count(*s.db, book), 0) << "a reservation is not a sale yet";
    const std::string number = s.number_of(ref);
    EXPECT_EQ(order_status(*s.db, number), "pending_payment");

    const auto page = s.client.get("/pay/" + ref);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("$29.99"), std::string::npos) << "2 x 12.50 + 4.99 shipping";
    const auto back = pay(s.client, ref, kCardSuccess);
    ASSERT_EQ(back.status, 303) << back.body;
    EXPECT_EQ(back.header("location"), "/orders/" + number);

    EXPECT_EQ(order_status(*s.db, number), "paid");
    EXPECT_EQ(book_stock(*s.db, book), 3);
    EXPECT_EQ(book_sell_count(*s.db, book), 2);
    const auto pay_row = s.db->query_one("SELECT status, card_brand, card_last4 FROM payments WHERE provider_ref = ?", ref);
    EXPECT_EQ(pay_row->str(0), "succeeded");
    EXPECT_EQ(pay_row->str(1), "Visa");
    EXPECT_EQ(pay_row->str(2), "4242");
    EXPECT_EQ(s.db->query_one("SELECT COUNT(*) FROM payments WHERE card_last4 LIKE '%42424242%' OR failure_reason LIKE '%4242 4242%'")
                  ->i64(0), 0) << "only brand and last four digits are stored";
    EXPECT_EQ(s.db->query_one("SELECT r.status FROM stock_reservations r JOIN orders o ON o.id = r.order_id WHERE o.number = ?",
                              number)->str(0), "paid");
    const auto ledger = s.db->query_one("SELECT SUM(quantity), SUM(revenue_cents) FROM sales_ledger l JOIN orders o"
                                        " ON o.id = l.order_id WHERE o.number = ?", number);
    EXPECT_EQ(ledger->i64(0), 2);
    EXPECT_EQ(ledger->i64(1), 2500);
    const auto receipt = s.db->query_one("SELECT recipient, subject, body_text FROM outbox WHERE dedupe_key = ?",
                                         "receipt:" + number);
    ASSERT_TRUE(receipt);
    EXPECT_EQ(receipt->str(0), s.buyer.email);
    EXPECT_NE(receipt->str(1).find(number), std::string::npos);
    EXPECT_NE(receipt->str(2).find("$29.99"), std::string::npos);
    EXPECT_EQ(s.db->query_one("SELECT COUNT(*) FROM cart_items ci JOIN carts c ON c.id = ci.cart_id WHERE c.user_id = ?",
                              s.buyer.id)->i64(0), 0) << "the cart is emptied";

    const auto order_page = s.client.get("/orders/" + number);
    ASSERT_EQ(order_page.status, 200);
    EXPECT_NE(order_page.body.find("Paid"), std::string::npos);
    EXPECT_NE(order_page.body.find("Visa ending 4242"), std::string::npos);
    EXPECT_NE(s.client.get("/orders").body.find(number), std::string::npos);
}

TEST(BuyingPayment, ReplayedCallbackChangesNothing) {
    Shopper s;
    const int64_t book = create_book(*s.db, {1000, std::nullopt, 4});
    const std::string ref = s.place(book, 1);
    const auto card = submit_card(s.client, ref, kCardSuccess);
    const std::string callback = card.header("location");
    ASSERT_EQ(s.client.get(callback).status, 303);
    for (int i = 0; i < 3; ++i) {
        const auto again = s.client.get(callback);
        EXPECT_EQ(again.status, 303);
        HttpClient stranger;  // the callback needs no session, and a replay from anyone changes nothing
        EXPECT_EQ(stranger.get(callback).status, 303);
    }
    EXPECT_EQ(book_sell_count(*s.db, book), 1);
    EXPECT_EQ(book_stock(*s.db, book), 3);
    const std::string number = s.number_of(ref);
    EXPECT_EQ(s.db->query_one("SELECT COUNT(*) FROM outbox WHERE dedupe_key = ?", "receipt:" + number)->i64(0), 1);
    EXPECT_EQ(s.db->query_one("SELECT COUNT(*) FROM sales_ledger l JOIN orders o ON o.id = l.order_id WHERE o.number = ?",
                              number)->i64(0), 1);
    EXPECT_EQ(s.db->query_one("SELECT COUNT(*) FROM order_events e JOIN orders o ON o.id = e.order_id"
                              " WHERE o.number = ? AND e.status = 'paid'", number)->i64(0), 1);
}

TEST(BuyingPayment, ForgedCallbackSignatureIsRejected) {
    Shopper s;
    const int64_t book = create_book(*s.db, {1000, std::nullopt, 4});
    const std::string ref = s.place(book, 1);
    const auto card = submit_card(s.client, ref, kCardDeclined);
    std::string forged = card.header("location");
    const auto at = forged.find("outcome=declined");
    ASSERT_NE(at, std::string::npos);
    forged.replace(at, 16, "outcome=succeeded");
    const auto r = s.client.get(forged);
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("could not be verified"), std::string::npos);
    EXPECT_EQ(s.client.get("/payments/callback?ref=" + ref + "&outcome=succeeded&brand=Visa&last4=4242&sig=AAAA").status, 400);
    EXPECT_EQ(s.client.get("/payments/callback?ref=" + ref + "&outcome=succeeded&brand=Visa&last4=4242").status, 400);
    EXPECT_EQ(s.db->query_one("SELECT status FROM payments WHERE provider_ref = ?", ref)->str(0), "pending");
    EXPECT_EQ(order_status(*s.db, s.number_of(ref)), "pending_payment");
    EXPECT_EQ(book_sell_count(*s.db, book), 0);
    EXPECT_EQ(book_stock(*s.db, book), 3);
}

TEST(BuyingPayment, DeclinedReleasesTheStockAndTryingAgainReservesItAgain) {
    Shopper s;
    const int64_t book = create_book(*s.db, {1000, std::nullopt, 2});
    const std::string ref = s.place(book, 2);
    EXPECT_EQ(book_stock(*s.db, book), 0);
    const auto back = pay(s.client, ref, kCardDeclined);
    ASSERT_EQ(back.status, 303);
    const std::string number = order_number_from(back);
    EXPECT_EQ(order_status(*s.db, number), "pending_payment");
    EXPECT_EQ(book_stock(*s.db, book), 2) << "released at once";
    const auto attempt = s.db->query_one("SELECT status, failure_reason, card_last4 FROM payments WHERE provider_ref = ?", ref);
    EXPECT_EQ(attempt->str(0), "failed");
    EXPECT_EQ(attempt->str(1), "the card was declined");
    EXPECT_EQ(attempt->str(2), "0002");
    const auto page = s.client.get("/orders/" + number);
    EXPECT_NE(page.body.find("Try the payment again"), std::string::npos);
    EXPECT_NE(page.body.find("Failed: the card was declined"), std::string::npos);

    const auto retry = s.client.post_form("/orders/" + number + "/retry", {{"_csrf", csrf_from(page.body)}});
    ASSERT_EQ(retry.status, 303) << retry.body;
    const std::string ref2 = payment_ref(retry);
    ASSERT_FALSE(ref2.empty());
    EXPECT_NE(ref2, ref);
    EXPECT_EQ(book_stock(*s.db, book), 0) << "reserved again";
    EXPECT_EQ(s.db->query_one("SELECT COUNT(*) FROM stock_reservations r JOIN orders o ON o.id = r.order_id"
                              " WHERE o.number = ?", number)->i64(0), 2) << "one row per reservation";
    ASSERT_EQ(pay(s.client, ref2, kCardSuccess).status, 303);
    EXPECT_EQ(order_status(*s.db, number), "paid");
    EXPECT_EQ(book_sell_count(*s.db, book), 2);
}

TEST(BuyingPayment, InsufficientFundsIsRecordedAndRetryFailsWhenSoldOutMeanwhile) {
    Shopper s;
    const int64_t book = create_book(*s.db, {1000, std::nullopt, 1});
    const std::string ref = s.place(book, 1);
    const auto back = pay(s.client, ref, kCardNoFunds);
    const std::string number = order_number_from(back);
    EXPECT_EQ(s.db->query_one("SELECT failure_reason FROM payments WHERE provider_ref = ?", ref)->str(0), "insufficient funds");
    EXPECT_EQ(book_stock(*s.db, book), 1);

    Shopper rival;  // buys the last copy while the first buyer looks for another card
    ASSERT_EQ(pay(rival.client, rival.place(book, 1), kCardSuccess).status, 303);
    const auto page = s.client.get("/orders/" + number);
    const auto retry = s.client.post_form("/orders/" + number + "/retry", {{"_csrf", csrf_from(page.body)}});
    EXPECT_EQ(retry.status, 409);
    EXPECT_NE(retry.body.find("sold out"), std::string::npos);
    EXPECT_EQ(book_stock(*s.db, book), 0);
    EXPECT_EQ(book_sell_count(*s.db, book), 1);
}

TEST(BuyingPayment, CardFormValidatesAndRerenders) {
    Shopper s;
    const int64_t book = create_book(*s.db);
    const std::string ref = s.place(book, 1);
    auto r = submit_card(s.client, ref, "4242 4242 4242 4241");
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("not valid"), std::string::npos);
    EXPECT_NE(r.body.find("4242 4242 4242 4241"), std::string::npos) << "the form keeps what was typed";
    r = submit_card(s.client, ref, kCardSuccess, "01/20");
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("expired"), std::string::npos);
    EXPECT_EQ(s.db->query_one("SELECT status FROM payments WHERE provider_ref = ?", ref)->str(0), "pending");
    EXPECT_EQ(s.client.get("/pay/unknown-ref").status, 404);
}

TEST(BuyingPayment, AbandonedPaymentExpiresWhenTheClockMovesAndTheSweepRuns) {
    ClockReset reset;
    Shopper s;
    const int64_t book = create_book(*s.db, {1000, std::nullopt, 3});
    const std::string ref = s.place(book, 2);
    const std::string number = s.number_of(ref);
    EXPECT_EQ(book_stock(*s.db, book), 1);

    set_clock_offset(14 * 60);  // not yet
    auto sweep = run_sweep();
    ASSERT_EQ(sweep.status, 0) << sweep.output;
    EXPECT_EQ(order_status(*s.db, number), "pending_payment");

    set_clock_offset(16 * 60);
    sweep = run_sweep();
    ASSERT_EQ(sweep.status, 0) << sweep.output;
    EXPECT_EQ(order_status(*s.db, number), "cancelled");
    EXPECT_EQ(book_stock(*s.db, book), 3) << "the stock returns";
    EXPECT_EQ(s.db->query_one("SELECT r.status FROM stock_reservations r JOIN orders o ON o.id = r.order_id WHERE o.number = ?",
                              number)->str(0), "expired");
    const auto page = s.client.get("/orders/" + number);
    EXPECT_NE(page.body.find("payment not completed in time"), std::string::npos);
    EXPECT_EQ(run_sweep().status, 0);  // idempotent
    EXPECT_EQ(book_stock(*s.db, book), 3);

    // The buyer had the payment page open all along and pays now: the books are still there.
    ASSERT_EQ(pay(s.client, ref, kCardSuccess).status, 303);
    EXPECT_EQ(order_status(*s.db, number), "paid");
    EXPECT_EQ(book_stock(*s.db, book), 1);
    EXPECT_EQ(book_sell_count(*s.db, book), 2);
}

// Two sweeps at once: one is expiring the order (its transaction still open) when the other comes to it.
// The second must wait and find the order settled; skipping the locked order let it return while the
// reservation was still held (the flake of AbandonedPaymentExpires..., where the stack's mailer swept too).
TEST(BuyingPayment, ASweepWaitsForAnotherSweepExpiringTheSameOrder) {
    ClockReset reset;
    MailerPaused paused;  // the two sweepers are this test's
    Shopper s;
    const int64_t book = create_book(*s.db, {1000, std::nullopt, 3});
    const std::string number = s.number_of(s.place(book, 2));
    set_clock_offset(16 * 60);

    std::atomic<bool> swept{false};
    std::string status_when_swept;
    std::thread second;
    auto first = connect_db();
    first->transaction([&] {
        bf::store::Store store(*first);
        EXPECT_GE(store.orders.expire_due(stack_now(), 500), 1);  // uncommitted: the order row stays locked
        second = std::thread([&] {
            const auto sweep = run_sweep();
            EXPECT_EQ(sweep.status, 0) << sweep.output;
            status_when_swept = order_status(*connect_db(), number);
            swept = true;
        });
        // The second sweep either returns (wrongly, while the order is held) or waits for the row lock.
        const auto waiting = [&] {
            for (const auto& r : s.db->query("SELECT trx_state FROM information_schema.INNODB_TRX"))
                if (r.str(0) == "LOCK WAIT") return true;
            return false;
        };
        EXPECT_TRUE(wait_until([&] { return swept || waiting(); }, std::chrono::seconds(30)));
    });
    second.join();
    EXPECT_EQ(status_when_swept, "cancelled") << "the sweep returned while a due reservation was still held";
    EXPECT_EQ(book_stock(*s.db, book), 3);
}

TEST(BuyingPayment, LatePaymentForSoldOutBooksIsRefundedHonestly) {
    ClockReset reset;
    Shopper s;
    const int64_t book = create_book(*s.db, {1000, std::nullopt, 1});
    const std::string ref = s.place(book, 1);
    set_clock_offset(20 * 60);
    ASSERT_EQ(run_sweep().status, 0);
    Shopper rival;
    ASSERT_EQ(pay(rival.client, rival.place(book, 1), kCardSuccess).status, 303);
    const auto back = pay(s.client, ref, kCardSuccess);
    ASSERT_EQ(back.status, 303);
    const std::string number = order_number_from(back);
    EXPECT_EQ(order_status(*s.db, number), "cancelled");
    EXPECT_EQ(s.db->query_one("SELECT status FROM payments WHERE provider_ref = ?", ref)->str(0), "refund_due");
    EXPECT_EQ(s.db->query_one("SELECT refunded_cents, total_cents FROM orders WHERE number = ?", number)->i64(0), 1499);
    EXPECT_EQ(book_stock(*s.db, book), 0);
    EXPECT_EQ(book_sell_count(*s.db, book), 1);
    EXPECT_NE(s.client.get("/orders/" + number).body.find("refunded"), std::string::npos);
}

TEST(BuyingPayment, BuyerCancelsBeforeShipping) {
    Shopper s;
    const int64_t book = create_book(*s.db, {2000, std::nullopt, 5});
    // Pending: cancelling releases the hold.
    const std::string pending_number = s.number_of(s.place(book, 2));
    auto page = s.client.get("/orders/" + pending_number);
    const auto unconfirmed = s.client.post_form("/orders/" + pending_number + "/cancel", {{"_csrf", csrf_from(page.body)}});
    EXPECT_EQ(unconfirmed.status, 422) << "one click is not enough";
    EXPECT_NE(unconfirmed.body.find("Tick the box to confirm"), std::string::npos);
    EXPECT_EQ(order_status(*s.db, pending_number), "pending_payment");
    ASSERT_EQ(s.client.post_form("/orders/" + pending_number + "/cancel", {{"_csrf", csrf_from(page.body)}, {"confirm", "1"}}).status,
              303);
    EXPECT_EQ(order_status(*s.db, pending_number), "cancelled");
    EXPECT_EQ(book_stock(*s.db, book), 5);

    // Paid: cancelled with a full refund, the stock returned and the sale taken out of sell_count.
    // The cancelled order left the cart as it was: check it out again and pay.
    const std::string ref = payment_ref(checkout(s.client));
    ASSERT_EQ(pay(s.client, ref, kCardSuccess).status, 303);
    const std::string paid_number = s.number_of(ref);
    EXPECT_EQ(book_sell_count(*s.db, book), 2);
    EXPECT_EQ(book_stock(*s.db, book), 3);
    page = s.client.get("/orders/" + paid_number);
    EXPECT_NE(page.body.find("Cancel this order"), std::string::npos);
    EXPECT_NE(page.body.find("and refund $"), std::string::npos) << "the box says what happens";
    ASSERT_EQ(s.client.post_form("/orders/" + paid_number + "/cancel", {{"_csrf", csrf_from(page.body)}, {"confirm", "1"}}).status,
              303);
    EXPECT_EQ(order_status(*s.db, paid_number), "cancelled");
    EXPECT_EQ(book_stock(*s.db, book), 5);
    EXPECT_EQ(book_sell_count(*s.db, book), 0);
    EXPECT_EQ(s.db->query_one("SELECT refunded_cents = total_cents FROM orders WHERE number = ?", paid_number)->i64(0), 1);
    EXPECT_EQ(s.db->query_one("SELECT SUM(quantity) FROM sales_ledger WHERE book_id = ?", book)->i64(0), 0);

    // Someone else's order does not exist for you.
    Shopper other;
    EXPECT_EQ(other.client.get("/orders/" + paid_number).status, 404);
    const auto mine = other.client.get("/orders");
    EXPECT_EQ(other.client.post_form("/orders/" + paid_number + "/cancel", {{"_csrf", csrf_from(mine.body)}}).status, 404);
}
