// The cart through nginx: guests, merging at login, quantities against stock, coupons, idle expiry.
#include <gtest/gtest.h>

#include "buying_fixtures.h"
#include "core/crypto.h"

using namespace bf::test;

namespace {

struct ClockReset {
    ~ClockReset() { set_clock_offset(0); }
};

int cart_units(bf::db::Connection& db, int64_t user_id) {
    return static_cast<int>(db.query_one("SELECT COALESCE(SUM(ci.quantity), 0) FROM carts c JOIN cart_items ci"
                                         " ON ci.cart_id = c.id WHERE c.user_id = ?", user_id)->i64(0));
}

}  // namespace

TEST(BuyingCart, GuestWithoutSessionAddsSameOriginOnlyAndTheCartJoinsTheAccountAtRegistration) {
    auto db = connect_db();
    const int64_t a = create_book(*db, {1000});
    const int64_t b = create_book(*db, {2000});
    HttpClient guest;
    const std::string form = form_encode({{"book_id", std::to_string(a)}, {"quantity", "1"}});
    EXPECT_EQ(guest.request("POST", "/cart/items", form).status, 403) << "no token and no same-origin proof";
    guest.add_header("Origin: " + base_url());
    const auto added = guest.request("POST", "/cart/items", form);
    ASSERT_EQ(added.status, 303) << added.body;
    EXPECT_FALSE(guest.cookie("bf_session").empty()) << "the first add gives the guest a session";
    const auto one = guest.get("/cart");
    EXPECT_NE(one.body.find("Subtotal (1 item)"), std::string::npos) << "not “(1 items)”";
    EXPECT_NE(one.body.find("aria-label=\"Cart, 1 item\""), std::string::npos);
    ASSERT_EQ(add_to_cart(guest, b, 2).status, 303);
    const auto cart = guest.get("/cart");
    EXPECT_NE(cart.body.find("$50.00"), std::string::npos) << "10 + 2 x 20";
    EXPECT_NE(cart.body.find("Subtotal (3 items)"), std::string::npos);
    EXPECT_NE(cart.body.find("aria-label=\"Cart, 3 items\""), std::string::npos) << "the header counts units";

    HttpClient cross_site;
    cross_site.add_header("Origin: https://evil.example");
    EXPECT_EQ(cross_site.request("POST", "/cart/items", form).status, 403);

    register_user(guest, "customer", "Guest Turned Reader");
    const auto user = db->query_one("SELECT s.user_id FROM sessions s WHERE s.token_hash = ?",
                                    bf::db::Bytes{bf::crypto::sha256(guest.cookie("bf_session"))});
    ASSERT_TRUE(user);
    EXPECT_EQ(cart_units(*db, user->i64(0)), 3);
    EXPECT_NE(guest.get("/cart").body.find("$50.00"), std::string::npos);
}

TEST(BuyingCart, LoginMergesTheGuestCartIntoTheSavedOne) {
    auto db = connect_db();
    const int64_t a = create_book(*db, {1000});
    const int64_t b = create_book(*db, {500});
    const Buyer buyer = create_buyer(*db);
    {
        HttpClient earlier;
        log_in_as(earlier, *db, buyer.id);
        ASSERT_EQ(add_to_cart(earlier, a, 2).status, 303);
    }
    HttpClient guest;
    ASSERT_EQ(add_to_cart(guest, a, 1).status, 303);
    ASSERT_EQ(add_to_cart(guest, b, 1).status, 303);
    const auto login = guest.submit("/login", "/login", {{"email", buyer.email}, {"password", kBuyerPassword}});
    ASSERT_EQ(login.status, 303);
    EXPECT_EQ(cart_units(*db, buyer.id), 4) << "2 + 1 of one book, 1 of the other";
    EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM carts WHERE user_id = ?", buyer.id)->i64(0), 1);
}

TEST(BuyingCart, QuantitiesAreCheckedAgainstStock) {
    auto db = connect_db();
    HttpClient client;
    log_in_as(client, *db, create_buyer(*db).id);
    const int64_t few = create_book(*db, {1000, std::nullopt, 3});
    const int64_t none = create_book(*db, {1000, std::nullopt, 0});
    const int64_t backorder = create_book(*db, {1000, std::nullopt, 2, true});
    const int64_t draft = create_book(*db, {1000, std::nullopt, 5, false, "draft"});

    for (const char* bad : {"-1", "0", "100", "99999999999999999999", "abc", "1.5", " 2x"}) {
        const auto r = client.submit("/cart", "/cart/items", {{"book_id", std::to_string(few)}, {"quantity", bad}});
        EXPECT_EQ(r.status, 422) << bad;
        EXPECT_NE(r.body.find("from 1 to 99"), std::string::npos) << bad;
    }
    EXPECT_EQ(client.submit("/cart", "/cart/items", {{"book_id", "987654321"}, {"quantity", "1"}}).status, 404);
    EXPECT_EQ(client.submit("/cart", "/cart/items", {{"book_id", "-4"}, {"quantity", "1"}}).status, 404);
    EXPECT_EQ(client.submit("/cart", "/cart/items", {{"book_id", "x"}, {"quantity", "1"}}).status, 404);
    EXPECT_EQ(add_to_cart(client, draft, 1).status, 404) << "unpublished books are not for sale";
    auto r = add_to_cart(client, few, 4);
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("Only 3 copies"), std::string::npos);
    EXPECT_EQ(add_to_cart(client, none, 1).status, 409);
    EXPECT_EQ(add_to_cart(client, few, 3).status, 303);
    EXPECT_EQ(add_to_cart(client, few, 1).status, 422) << "adds up with what is in the cart";
    EXPECT_EQ(add_to_cart(client, backorder, 10).status, 303) << "backorder allows more than the stock";
    EXPECT_NE(client.get("/cart").body.find("8 on backorder"), std::string::npos);

    // Change and remove.
    auto page = client.get("/cart");
    r = client.post_form("/cart/items/" + std::to_string(few), {{"_csrf", csrf_from(page.body)}, {"quantity", "9"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("Only 3 copies"), std::string::npos);
    r = client.post_form("/cart/items/" + std::to_string(few), {{"_csrf", csrf_from(page.body)}, {"quantity", "-2"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(client.post_form("/cart/items/" + std::to_string(few), {{"_csrf", csrf_from(page.body)}, {"quantity", "2"}}).status, 303);
    EXPECT_EQ(client.post_form("/cart/items/" + std::to_string(backorder) + "/remove", {{"_csrf", csrf_from(page.body)}}).status, 303);
    page = client.get("/cart");
    EXPECT_NE(page.body.find("aria-label=\"Cart, 2 items\""), std::string::npos);
    EXPECT_EQ(client.post_form("/cart/items/" + std::to_string(few), {{"quantity", "1"}}).status, 403) << "CSRF";
}

TEST(BuyingCart, CouponsAreCheckedOnTheCart) {
    auto db = connect_db();
    HttpClient client;
    log_in_as(client, *db, create_buyer(*db).id);
    const int64_t book = create_book(*db, {4000});
    db->exec("INSERT INTO coupons (code, kind, percent_bp, min_order_cents, created_at) VALUES"
             " ('CARTTEN', 'percent', 1000, 0, NOW()), ('BIGSPEND', 'fixed', 0, 100000, NOW())");
    db->exec("UPDATE coupons SET amount_cents = 500 WHERE code = 'BIGSPEND'");
    ASSERT_EQ(add_to_cart(client, book, 1).status, 303);
    auto r = client.submit("/cart", "/cart/coupon", {{"code", "NOSUCH"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("not a coupon code we know"), std::string::npos);
    r = client.submit("/cart", "/cart/coupon", {{"code", "bigspend"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("at least $1,000.00"), std::string::npos);
    r = client.submit("/cart", "/cart/coupon", {{"code", " cartten "}});
    EXPECT_EQ(r.status, 303);
    const auto page = client.get("/cart");
    EXPECT_NE(page.body.find("CARTTEN"), std::string::npos);
    EXPECT_NE(page.body.find("−$4.00"), std::string::npos);
    EXPECT_NE(page.body.find("$36.00"), std::string::npos) << "40 - 4, free shipping above 35";
}

TEST(BuyingCart, GuestCartsExpireAfterAWeekIdle) {
    ClockReset reset;
    auto db = connect_db();
    const int64_t book = create_book(*db);
    HttpClient guest;
    ASSERT_EQ(add_to_cart(guest, book, 1).status, 303);
    EXPECT_NE(guest.get("/cart").body.find("aria-label=\"Cart, 1 item\""), std::string::npos);
    set_clock_offset(6 * 86400);
    EXPECT_NE(guest.get("/cart").body.find("aria-label=\"Cart, 1 item\""), std::string::npos) << "six days: still there";
    set_clock_offset(8 * 86400);
    EXPECT_NE(guest.get("/cart").body.find("Your cart is empty"), std::string::npos);
    const auto sweep = run_sweep();
    ASSERT_EQ(sweep.status, 0) << sweep.output;
    EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM carts c JOIN sessions s ON s.id = c.session_id WHERE s.token_hash = ?",
                            bf::db::Bytes{bf::crypto::sha256(guest.cookie("bf_session"))})->i64(0), 0)
        << "the sweep deleted the idle guest cart";
}
