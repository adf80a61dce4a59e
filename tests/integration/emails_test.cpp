// The emails a buyer gets when something they care about changes (shipped, refunded, cancelled,
// payment expired, password changed), read from the real SMTP server: each queued once, in the
// transaction of its change, and each in the one layout every email shares.
#include <gtest/gtest.h>

#include "admin_fixtures.h"
#include "mailbox.h"

using namespace bf::test;
using namespace std::chrono_literals;

namespace {

struct ClockReset {
    ~ClockReset() { set_clock_offset(0); }
};

// The one message to `to` whose subject contains `subject`, once it arrived (fails the test otherwise).
Email mail_to(const std::string& to, const std::string& subject) {
    std::vector<Email> found;
    const bool arrived = wait_until(
        [&] {
            found.clear();
            for (auto& m : received_by(to))
                if (contains(m.header("Subject"), subject)) found.push_back(m);
            return !found.empty();
        },
        15s);
    EXPECT_TRUE(arrived) << "no email \"" << subject << "\" to " << to;
    EXPECT_LE(found.size(), 1u) << "sent twice: " << subject;
    return found.empty() ? Email{} : found[0];
}

int64_t queued(bf::db::Connection& db, const std::string& dedupe_key) {
    return db.query_one("SELECT COUNT(*) FROM outbox WHERE dedupe_key = ?", dedupe_key)->i64(0);
}

// The shared layout: the logo and the footer with the shop's address and support contact (from the
// stack's config), in both parts.
void expect_layout(const Email& m) {
    const std::string address = config().get("shop_address");
    const std::string support = config().get("support_email");
    ASSERT_FALSE(address.empty()) << "the test stack's config names the shop's address";
    EXPECT_TRUE(contains(m.html(), "<img src=\"" + base_url() + "/static/img/logo-email.png\"")) << m.html();
    EXPECT_TRUE(contains(m.html(), address)) << m.html();
    EXPECT_TRUE(contains(m.html(), support));
    EXPECT_TRUE(contains(m.text(), address)) << m.text();
    EXPECT_TRUE(contains(m.text(), "Questions? Write to " + support));
    EXPECT_TRUE(contains(m.header("Content-Type"), "multipart/alternative")) << "a plain-text part beside the HTML";
}

struct Console : AdminConsole {
    HttpResponse act(const std::string& number, const std::string& action,
                     std::vector<std::pair<std::string, std::string>> fields) {
        fields.emplace_back("_csrf", csrf_from(admin.get("/admin/orders/" + number).body));
        return admin.post_form("/admin/orders/" + number + "/" + action, fields);
    }
};

}  // namespace

TEST(BuyerEmails, ShippedCarriesTheCarrierAndATrackingLink) {
    Console c;
    const PaidOrder o = paid_order(*c.db, {{create_book(*c.db, stocked(1500, 10)), 1}});
    const Email receipt = mail_to(o.buyer.email, "receipt");
    expect_layout(receipt);

    ASSERT_EQ(c.act(o.number, "status", {{"status", "shipped"}, {"carrier", "Parcel Way"}, {"tracking_number", "PW 12/34"}})
                  .status,
              303);
    const Email m = mail_to(o.buyer.email, "is on its way");
    EXPECT_EQ(m.header("Subject"), "Your Bookfair order " + o.number + " is on its way");
    EXPECT_TRUE(contains(m.text(), "Carrier: Parcel Way")) << m.text();
    EXPECT_TRUE(contains(m.text(), "Tracking number: PW 12/34"));
    EXPECT_TRUE(contains(m.text(), "https://www.17track.net/en/track?nums=PW%2012%2F34")) << "the number, URL-encoded";
    EXPECT_TRUE(contains(m.html(), "href=\"https://www.17track.net/en/track?nums=PW%2012%2F34\"")) << m.html();
    EXPECT_TRUE(contains(m.text(), base_url() + "/orders/" + o.number));
    expect_layout(m);
    EXPECT_EQ(queued(*c.db, "order_shipped:" + o.number), 1);
}

TEST(BuyerEmails, EachRefundIsToldOnceAndACancellationSaysWhatCameBack) {
    Console c;
    const int64_t book = create_book(*c.db, stocked(1500, 10));
    const PaidOrder o = paid_order(*c.db, {{book, 2}});
    ASSERT_EQ(o.total, 3499);
    ASSERT_EQ(c.act(o.number, "refund", {{"amount", "10"}}).status, 303);
    ASSERT_EQ(c.act(o.number, "refund", {{"amount", "5"}}).status, 303);
    const Email first = mail_to(o.buyer.email, "$10.00 refunded");
    EXPECT_TRUE(contains(first.text(), "Refunded so far: $10.00 of $34.99.")) << first.text();
    const Email second = mail_to(o.buyer.email, "$5.00 refunded");
    EXPECT_TRUE(contains(second.text(), "Refunded so far: $15.00 of $34.99.")) << second.text();
    expect_layout(second);
    EXPECT_EQ(queued(*c.db, "order_refunded:" + o.number + ":1000"), 1);
    EXPECT_EQ(queued(*c.db, "order_refunded:" + o.number + ":1500"), 1);

    // A refused refund (more than is left) tells nobody anything.
    EXPECT_EQ(c.act(o.number, "refund", {{"amount", "30"}}).status, 422);
    EXPECT_EQ(c.db->query_one("SELECT COUNT(*) FROM outbox WHERE kind = 'order_refunded' AND recipient = ?",
                              o.buyer.email)->i64(0), 2);

    const PaidOrder other = paid_order(*c.db, {{book, 1}});
    ASSERT_EQ(c.act(other.number, "cancel", {{"cancel_note", "Out of print"}, {"confirm", "1"}}).status, 303);
    const Email cancelled = mail_to(other.buyer.email, "is cancelled");
    EXPECT_EQ(cancelled.header("Subject"), "Your Bookfair order " + other.number + " is cancelled");
    EXPECT_TRUE(contains(cancelled.text(), "We have refunded $19.99 to the card you paid with.")) << cancelled.text();
    expect_layout(cancelled);
}

TEST(BuyerEmails, AnUnpaidOrderThatExpiresTellsTheBuyerOnce) {
    ClockReset reset;
    auto db = connect_db();
    const Buyer buyer = create_buyer(*db, "Ada Buyer");
    HttpClient client;
    log_in_as(client, *db, buyer.id);
    ASSERT_EQ(add_to_cart(client, create_book(*db, stocked(1000, 3)), 1).status, 303);
    const auto placed = checkout(client);
    ASSERT_EQ(placed.status, 303);
    const std::string number = db->query_one("SELECT number FROM orders WHERE user_id = ?", buyer.id)->str(0);

    set_clock_offset(16 * 60);
    ASSERT_EQ(run_sweep().status, 0);
    ASSERT_EQ(run_sweep().status, 0);
    const Email m = mail_to(buyer.email, "payment not completed");
    EXPECT_TRUE(contains(m.text(), "Nothing was charged.")) << m.text();
    expect_layout(m);
    EXPECT_EQ(queued(*db, "payment_expired:" + number), 1);
}

TEST(BuyerEmails, ChangingThePasswordIsToldToTheAccountsAddress) {
    auto db = connect_db();
    const Buyer buyer = create_buyer(*db, "Ada Buyer");
    HttpClient client;
    log_in_as(client, *db, buyer.id);
    auto r = client.submit("/account/settings", "/account/settings/password",
                           {{"current_password", "wrong"}, {"new_password", "a brand new password"}});
    ASSERT_EQ(r.status, 422);
    r = client.submit("/account/settings", "/account/settings/password",
                      {{"current_password", kBuyerPassword}, {"new_password", "a brand new password"}});
    ASSERT_EQ(r.status, 303);
    const Email m = mail_to(buyer.email, "password was changed");
    EXPECT_TRUE(contains(m.text(), "Hello Ada Buyer")) << m.text();
    EXPECT_TRUE(contains(m.text(), base_url() + "/password/forgot"));
    expect_layout(m);
    EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM outbox WHERE kind = 'password_changed' AND recipient = ?", buyer.email)
                  ->i64(0),
              1)
        << "the refused attempt queued nothing";
}
