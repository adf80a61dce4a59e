// Issue #12 (payment page, hoarding) and #13.4 (placing twice), through nginx.
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <regex>
#include <thread>
#include <vector>

#include "buying_fixtures.h"

using namespace bf::test;

namespace {

// A fresh buyer with their own connection and a client logged in as them.
struct Shopper {
    std::unique_ptr<bf::db::Connection> db;
    HttpClient client;
    Buyer buyer;
    std::string session;  // the session token, for other clients (tabs) of the same buyer
    explicit Shopper(const std::string& name = "Sam Shopper") : db(connect_db()), buyer(create_buyer(*db, name)) {
        session = log_in_as(client, *db, buyer.id);
    }
};

std::vector<std::pair<std::string, std::string>> checkout_fields(const std::string& page) {
    return {{"_csrf", csrf_from(page)}, {"idempotency_key", idempotency_key_from(page)}, {"address_choice", "new"},
            {"full_name", "Sam Shopper"}, {"line1", "1 Test Street"}, {"city", "Springfield"},
            {"postal_code", "12345"}, {"country", "US"}, {"shipping_method", "standard"}};
}

int64_t count_orders(bf::db::Connection& db, int64_t user_id) {
    return db.query_one("SELECT COUNT(*) FROM orders WHERE user_id = ?", user_id)->i64(0);
}

}  // namespace

// #12.5: the hosted payment page and its form belong to the order's buyer only.
TEST(SecurityBuying, PaymentPageIsBoundToTheBuyer) {
    Shopper buyer;
    const int64_t book = create_book(*buyer.db, {1250, std::nullopt, 5});
    ASSERT_EQ(add_to_cart(buyer.client, book).status, 303);
    const std::string ref = payment_ref(checkout(buyer.client));
    ASSERT_FALSE(ref.empty());

    HttpClient stranger;
    const auto anonymous = stranger.get("/pay/" + ref);
    EXPECT_EQ(anonymous.status, 303) << "asked to log in";
    EXPECT_EQ(anonymous.body.find("Sam Shopper"), std::string::npos);
    Shopper other("Olga Other");
    const auto page = other.client.get("/pay/" + ref);
    EXPECT_EQ(page.status, 404);
    EXPECT_EQ(page.body.find("Sam Shopper"), std::string::npos);
    EXPECT_EQ(page.body.find("$17.49"), std::string::npos);
    const auto declined = other.client.post_form(
        "/pay/" + ref, {{"_csrf", csrf_from(other.client.get("/account").body)}, {"card_name", "X"},
                        {"card_number", "4000 0000 0000 0002"}, {"card_expiry", "12/39"}, {"card_cvc", "123"}});
    EXPECT_EQ(declined.status, 404);
    EXPECT_EQ(declined.header("location").find("/payments/callback"), std::string::npos) << "no signed verdict for them";
    EXPECT_EQ(buyer.client.get("/pay/" + ref).status, 200);
    EXPECT_EQ(book_stock(*buyer.db, book), 4) << "the buyer's hold stands";
}

// #13.4: two submits of one cart (two tabs, two keys) make one order; the cart then is empty and
// never warns about the buyer's own hold.
TEST(SecurityBuying, PlacingTheSameCartTwiceMakesOneOrder) {
    Shopper s;
    const int64_t book = create_book(*s.db, {1500, std::nullopt, 3});
    ASSERT_EQ(add_to_cart(s.client, book, 2).status, 303);
    const std::string tab1 = s.client.get("/checkout").body;
    const std::string tab2 = s.client.get("/checkout").body;
    const auto first = s.client.post_form("/checkout", checkout_fields(tab1));
    const auto second = s.client.post_form("/checkout", checkout_fields(tab2));
    ASSERT_EQ(first.status, 303);
    EXPECT_EQ(second.status, 303);
    EXPECT_EQ(second.header("location"), first.header("location")) << "the second place returns the first order";
    EXPECT_EQ(count_orders(*s.db, s.buyer.id), 1);
    EXPECT_EQ(book_stock(*s.db, book), 1);
    const auto cart = s.client.get("/cart");
    EXPECT_EQ(cart.body.find("Only 1"), std::string::npos) << "no warning about the buyer's own hold";
    EXPECT_EQ(s.db->query_one("SELECT COUNT(*) FROM cart_items ci JOIN carts c ON c.id = ci.cart_id WHERE c.user_id = ?",
                              s.buyer.id)->i64(0), 0);
}

// #13.4 under a rush: many simultaneous submits of one cart with different keys, one order.
TEST(SecurityBuying, SimultaneousSubmitsOfOneCartMakeOneOrder) {
    Shopper s;
    const int64_t book = create_book(*s.db, {1500, std::nullopt, 20});
    ASSERT_EQ(add_to_cart(s.client, book, 2).status, 303);
    constexpr int kTabs = 6;
    std::vector<std::unique_ptr<HttpClient>> tabs;
    std::vector<std::vector<std::pair<std::string, std::string>>> forms;
    for (int i = 0; i < kTabs; ++i) {
        tabs.push_back(std::make_unique<HttpClient>());
        tabs.back()->set_cookie("bf_session", s.session);
        forms.push_back(checkout_fields(tabs.back()->get("/checkout").body));
    }
    Barrier start(kTabs);
    std::vector<std::thread> threads;
    std::atomic<int> placed{0};
    for (int i = 0; i < kTabs; ++i)
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            const auto r = tabs[i]->post_form("/checkout", forms[i]);
            if (r.status == 303 && r.header("location").rfind("/pay/", 0) == 0) ++placed;
            else ADD_FAILURE() << r.status << " " << r.header("location");
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(placed.load(), kTabs) << "every tab lands on the one order's payment page";
    EXPECT_EQ(count_orders(*s.db, s.buyer.id), 1);
    EXPECT_EQ(book_stock(*s.db, book), 18);
}

// #12.6: one account holds at most 3 unpaid orders and 20 copies; the checkout page says so.
TEST(SecurityBuying, OneAccountCannotHoardStock) {
    Shopper s;
    const int64_t book = create_book(*s.db, {1000, std::nullopt, 60});
    ASSERT_EQ(add_to_cart(s.client, book, 21).status, 303);
    EXPECT_NE(s.client.get("/checkout").body.find("up to 20 copies"), std::string::npos) << "the page says so";
    const auto too_many = checkout(s.client);
    EXPECT_EQ(too_many.status, 409);
    EXPECT_NE(too_many.body.find("at most 20 copies"), std::string::npos);
    EXPECT_EQ(count_orders(*s.db, s.buyer.id), 0);
    for (int i = 0; i < 3; ++i) {
        s.db->exec("DELETE ci FROM cart_items ci JOIN carts c ON c.id = ci.cart_id WHERE c.user_id = ?", s.buyer.id);
        ASSERT_EQ(add_to_cart(s.client, book, 1).status, 303);
        EXPECT_EQ(checkout(s.client).status, 303);
    }
    ASSERT_EQ(add_to_cart(s.client, book, 1).status, 303);
    const auto fourth = checkout(s.client);
    EXPECT_EQ(fourth.status, 409);
    EXPECT_NE(fourth.body.find("3 unpaid orders"), std::string::npos);
    EXPECT_EQ(count_orders(*s.db, s.buyer.id), 3);
    EXPECT_EQ(book_stock(*s.db, book), 57);
}

// Also tightened: a book its author unpublished does not show on a list shared by link.
TEST(SecurityBuying, SharedWishlistsHideUnpublishedBooks) {
    Shopper owner;
    const int64_t book = create_book(*owner.db, {1500, std::nullopt, 10, false, "published", std::nullopt,
                                                 "Withdrawn Manuscript " + unique_email("w")});
    const std::string title = owner.db->query_one("SELECT title FROM books WHERE id = ?", book)->str(0);
    const std::string slug = owner.db->query_one("SELECT slug FROM books WHERE id = ?", book)->str(0);
    auto r = owner.client.submit("/wishlists", "/wishlists", {{"name", "Gifts"}});
    ASSERT_EQ(r.status, 303);
    const std::string list_url = r.header("location");
    const std::string list_id = list_url.substr(list_url.rfind('/') + 1);
    ASSERT_EQ(owner.client.submit("/books/" + slug, "/wishlists/items", {{"book_id", std::to_string(book)}, {"wishlist", list_id}})
                  .status,
              303);
    const auto shared_now = owner.client.submit(list_url, list_url + "/share", {});
    ASSERT_EQ(shared_now.status, 303);
    std::smatch m;
    // The new link is shown once, on the page the share redirects to.
    const std::string own_page = owner.client.get(shared_now.header("location")).body;
    ASSERT_TRUE(std::regex_search(own_page, m, std::regex("(/wishlists/shared/[A-Za-z0-9_-]{40,})")));
    const std::string shared = m[1].str();
    HttpClient visitor;
    EXPECT_NE(visitor.get(shared).body.find(title), std::string::npos);
    owner.db->exec("UPDATE books SET status = 'draft' WHERE id = ?", book);
    EXPECT_EQ(visitor.get(shared).body.find(title), std::string::npos) << "a draft is not shown to others";
    EXPECT_NE(owner.client.get(list_url).body.find(title), std::string::npos) << "its owner still sees it";
}

// #12.4: an order is paid in one currency, so a cart never mixes them and says why.
TEST(SecurityBuying, ACartNeverMixesCurrencies) {
    Shopper s;
    const int64_t dollars = create_book(*s.db, {3699, std::nullopt, 5});
    const int64_t pounds = create_book(*s.db, {5000, std::nullopt, 5});
    s.db->exec("UPDATE books SET currency = 'GBP' WHERE id = ?", pounds);
    ASSERT_EQ(add_to_cart(s.client, dollars).status, 303);
    const auto refused = add_to_cart(s.client, pounds);
    EXPECT_EQ(refused.status, 422);
    EXPECT_NE(refused.body.find("priced in GBP and your cart holds books priced in USD"), std::string::npos);
    EXPECT_EQ(s.db->query_one("SELECT COUNT(*) FROM cart_items ci JOIN carts c ON c.id = ci.cart_id WHERE c.user_id = ?",
                              s.buyer.id)->i64(0), 1);

    // A cart mixed before this rule (or by merging a guest's cart) is refused at checkout, whole.
    const int64_t cart_id =
        s.db->query_one("SELECT id FROM carts WHERE user_id = ?", s.buyer.id)->i64(0);
    s.db->exec("INSERT INTO cart_items (cart_id, book_id, quantity, added_at) VALUES (?, ?, 1, UTC_TIMESTAMP(6))", cart_id,
               pounds);
    const auto placed = checkout(s.client);
    EXPECT_EQ(placed.status, 409);
    EXPECT_NE(placed.body.find("one currency"), std::string::npos);
    EXPECT_EQ(count_orders(*s.db, s.buyer.id), 0);
    EXPECT_EQ(book_stock(*s.db, dollars), 5);
}
