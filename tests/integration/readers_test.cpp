// Readers through nginx: reviews (one per reader under concurrent posts, the verified badge, an exact
// average after 50 concurrent reviews, helpful votes, moderation), wishlists (shared by link, revoked,
// private), the address book's validation, and the account settings (a password change ends the other
// sessions, a change of email waits for its link, closing an account leaves orders and no personal data).
#include <gtest/gtest.h>

#include <atomic>
#include <regex>
#include <thread>

#include "buying_fixtures.h"
#include "mailbox.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "store/reviews.h"

using namespace bf::test;
using namespace std::chrono_literals;

namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Reader {
    std::unique_ptr<HttpClient> client = std::make_unique<HttpClient>();
    Buyer buyer;
    std::string session;
};

Reader make_reader(bf::db::Connection& db, const std::string& name = "Review Reader") {
    Reader r;
    r.buyer = create_buyer(db, name);
    r.session = log_in_as(*r.client, db, r.buyer.id);
    return r;
}

std::string slug_of(bf::db::Connection& db, int64_t book) {
    return db.query_one("SELECT slug FROM books WHERE id = ?", book)->str(0);
}

int64_t scalar(bf::db::Connection& db, const std::string& sql, int64_t arg) { return db.query_one(sql, arg)->i64(0); }

HttpResponse post_review(Reader& r, const std::string& slug, int rating, const std::string& title,
                         const std::string& body = "A thoughtful book that stayed with me for weeks.") {
    return r.client->submit("/books/" + slug + "/review", "/books/" + slug + "/review",
                            {{"rating", std::to_string(rating)}, {"title", title}, {"body", body}});
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

// Buys one copy of the book and pays for it (the order is then 'paid').
void buy_and_pay(Reader& r, int64_t book, const Fields& address = {}) {
    ASSERT_EQ(add_to_cart(*r.client, book, 1).status, 303);
    const auto placed = checkout(*r.client, address);
    ASSERT_EQ(placed.status, 303) << placed.body;
    ASSERT_EQ(pay(*r.client, payment_ref(placed), kCardSuccess).status, 303);
}

}  // namespace

// ---- reviews -------------------------------------------------------------------------------

TEST(Reviews, OneReviewPerReaderUnderConcurrentPosts) {
    auto db = connect_db();
    const int64_t book = create_book(*db);
    const std::string slug = slug_of(*db, book);
    Reader reader = make_reader(*db);
    const std::string csrf = csrf_from(reader.client->get("/books/" + slug + "/review").body);
    constexpr int kPosts = 12;
    std::vector<std::unique_ptr<HttpClient>> clients;
    for (int i = 0; i < kPosts; ++i) {
        clients.push_back(std::make_unique<HttpClient>());
        clients.back()->set_cookie("bf_session", reader.session);
    }
    std::atomic<int> ok{0}, failed{0};
    Barrier start(kPosts);
    std::vector<std::thread> threads;
    for (int i = 0; i < kPosts; ++i)
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            const auto r = clients[i]->post_form("/books/" + slug + "/review",
                                                 {{"_csrf", csrf}, {"rating", std::to_string(1 + i % 5)},
                                                  {"title", "Take " + std::to_string(i)},
                                                  {"body", "Posted at the same moment as the others."}});
            (r.status == 303 ? ok : failed)++;
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(failed.load(), 0);
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM reviews WHERE book_id = ?", book), 1);
    const auto b = db->query_one("SELECT rating_count, rating_sum FROM books WHERE id = ?", book);
    const auto rv = db->query_one("SELECT rating FROM reviews WHERE book_id = ?", book);
    EXPECT_EQ(b->i64(0), 1) << "the book counts the one review once";
    EXPECT_EQ(b->i64(1), rv->i64(0)) << "and its latest rating";
}

TEST(Reviews, FormErrorsAreClearAndKeepTheInput) {
    auto db = connect_db();
    const std::string slug = slug_of(*db, create_book(*db));
    Reader reader = make_reader(*db);
    const auto r = reader.client->submit("/books/" + slug + "/review", "/books/" + slug + "/review",
                                         {{"rating", "9"}, {"title", "Kept title"}, {"body", "short"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(contains(r.body, "Choose a rating from 1 to 5 stars.")) << r.body;
    EXPECT_TRUE(contains(r.body, "Write at least 10 characters"));
    EXPECT_TRUE(contains(r.body, "value=\"Kept title\""));
    EXPECT_TRUE(contains(r.body, "aria-describedby=\"field-body-error\""));
    EXPECT_EQ(post_review(reader, slug, 3, std::string(121, 'x')).status, 422);
}

TEST(Reviews, VerifiedBadgeOnlyAfterAPaidOrder) {
    auto db = connect_db();
    const int64_t book = create_book(*db);
    const std::string slug = slug_of(*db, book);
    Reader reader = make_reader(*db, "Vera Fied");
    ASSERT_EQ(post_review(reader, slug, 4, "Before buying").status, 303);
    EXPECT_EQ(scalar(*db, "SELECT verified FROM reviews WHERE book_id = ?", book), 0);

    ASSERT_EQ(add_to_cart(*reader.client, book, 1).status, 303);
    const auto placed = checkout(*reader.client);
    ASSERT_EQ(placed.status, 303);
    ASSERT_EQ(post_review(reader, slug, 4, "Ordered, not paid").status, 303);
    EXPECT_EQ(scalar(*db, "SELECT verified FROM reviews WHERE book_id = ?", book), 0) << "an unpaid order is no purchase";
    EXPECT_FALSE(contains(reader.client->get("/books/" + slug).body, "Verified purchase"));

    ASSERT_EQ(pay(*reader.client, payment_ref(placed), kCardSuccess).status, 303);
    ASSERT_EQ(post_review(reader, slug, 5, "Bought and paid").status, 303);
    EXPECT_EQ(scalar(*db, "SELECT verified FROM reviews WHERE book_id = ?", book), 1);
    HttpClient visitor;
    const auto page = visitor.get("/books/" + slug + "?reviews=newest");
    EXPECT_TRUE(contains(page.body, "Verified purchase")) << page.body;
    EXPECT_TRUE(contains(page.body, "Bought and paid"));
}

TEST(Reviews, AverageIsExactAfterFiftyConcurrentReviews) {
    auto db = connect_db();
    const int64_t book = create_book(*db);
    const std::string slug = slug_of(*db, book);
    constexpr int kReaders = 50;
    std::vector<Reader> readers;
    std::vector<std::string> tokens;
    for (int i = 0; i < kReaders; ++i) readers.push_back(make_reader(*db));
    for (auto& r : readers) tokens.push_back(csrf_from(r.client->get("/books/" + slug + "/review").body));
    // Ratings 5,4,5,3,5,2,5,1,... : sum and count chosen so the average needs rounding.
    auto rating_of = [](int i) { return i % 2 == 0 ? 5 : 1 + (i / 2) % 4; };
    int64_t sum = 0;
    int64_t per_star[6] = {0, 0, 0, 0, 0, 0};
    for (int i = 0; i < kReaders; ++i) sum += rating_of(i), ++per_star[rating_of(i)];
    std::atomic<int> ok{0};
    Barrier start(kReaders);
    std::vector<std::thread> threads;
    for (int i = 0; i < kReaders; ++i)
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            const auto r = readers[i].client->post_form(
                "/books/" + slug + "/review",
                {{"_csrf", tokens[i]}, {"rating", std::to_string(rating_of(i))}, {"title", "Reader " + std::to_string(i)},
                 {"body", "Fifty readers posting at once, and every rating counts."}});
            if (r.status == 303) ++ok;
        });
    for (auto& t : threads) t.join();
    ASSERT_EQ(ok.load(), kReaders);
    const auto b = db->query_one("SELECT rating_count, rating_sum, CAST(rating_avg AS CHAR), rating_1, rating_2,"
                                 " rating_3, rating_4, rating_5 FROM books WHERE id = ?", book);
    EXPECT_EQ(b->i64(0), kReaders);
    EXPECT_EQ(b->i64(1), sum);
    const std::string expected = bf::store::format_rating(bf::store::rating_hundredths(sum, kReaders));
    EXPECT_EQ(b->str(2), expected);
    for (int s = 1; s <= 5; ++s) EXPECT_EQ(b->i64(2 + s), per_star[s]) << s << " stars";
    // The same figures from the rows themselves.
    const auto rows = db->query_one("SELECT COUNT(*), SUM(rating) FROM reviews WHERE book_id = ? AND status = 'published'", book);
    EXPECT_EQ(rows->i64(0), kReaders);
    EXPECT_EQ(rows->i64(1), sum);
    HttpClient visitor;
    const auto page = visitor.get("/books/" + slug);
    EXPECT_TRUE(contains(page.body, "<strong>" + expected + "</strong> out of 5")) << expected;
    EXPECT_TRUE(contains(page.body, "50 ratings"));
}

TEST(Reviews, HelpfulVotesOnePerReaderNoneOnOnesOwn) {
    auto db = connect_db();
    const int64_t book = create_book(*db);
    const std::string slug = slug_of(*db, book);
    Reader author = make_reader(*db, "Rita Writer");
    Reader fan = make_reader(*db, "Fan One");
    Reader other = make_reader(*db, "Fan Two");
    ASSERT_EQ(post_review(author, slug, 5, "Worth reading").status, 303);
    const int64_t review = scalar(*db, "SELECT id FROM reviews WHERE book_id = ?", book);
    const std::string vote = "/reviews/" + std::to_string(review) + "/helpful";

    const auto own = author.client->submit("/books/" + slug, vote, {});
    EXPECT_EQ(own.status, 303);
    EXPECT_TRUE(contains(author.client->get(own.header("location")).body, "You cannot vote for your own review."));
    EXPECT_EQ(scalar(*db, "SELECT helpful_count FROM reviews WHERE id = ?", review), 0);

    // The same reader voting from several requests at once counts once.
    const std::string csrf = csrf_from(fan.client->get("/books/" + slug).body);
    std::vector<std::thread> threads;
    for (int i = 0; i < 6; ++i)
        threads.emplace_back([&] {
            HttpClient c;
            c.set_cookie("bf_session", fan.session);
            EXPECT_EQ(c.post_form(vote, {{"_csrf", csrf}}).status, 303);
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(scalar(*db, "SELECT helpful_count FROM reviews WHERE id = ?", review), 1);
    // Voting while reading the newest first comes back to the newest first (the form carries the order).
    const auto newest = other.client->get("/books/" + slug + "?reviews=newest");
    EXPECT_TRUE(contains(newest.body, "name=\"reviews\" value=\"newest\""));
    const auto voted = other.client->submit("/books/" + slug + "?reviews=newest", vote, {{"reviews", "newest"}});
    EXPECT_EQ(voted.status, 303);
    EXPECT_EQ(voted.header("location"), "/books/" + slug + "?reviews=newest#review-" + std::to_string(review));
    EXPECT_EQ(scalar(*db, "SELECT helpful_count FROM reviews WHERE id = ?", review), 2);
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM review_votes WHERE review_id = ?", review), 2);
    const auto page = fan.client->get("/books/" + slug);
    EXPECT_TRUE(contains(page.body, "2 readers found this helpful"));
    EXPECT_TRUE(contains(page.body, "You found this helpful"));
}

TEST(Reviews, SortsByMostHelpfulOrNewest) {
    auto db = connect_db();
    const int64_t book = create_book(*db);
    const std::string slug = slug_of(*db, book);
    Reader first = make_reader(*db), second = make_reader(*db), voter = make_reader(*db);
    ASSERT_EQ(post_review(first, slug, 4, "Older and helpful").status, 303);
    ASSERT_EQ(post_review(second, slug, 2, "Newer and unloved").status, 303);
    const int64_t older = scalar(*db, "SELECT id FROM reviews WHERE book_id = ? ORDER BY id LIMIT 1", book);
    ASSERT_EQ(voter.client->submit("/books/" + slug, "/reviews/" + std::to_string(older) + "/helpful", {}).status, 303);
    HttpClient visitor;
    const std::string helpful = visitor.get("/books/" + slug).body;
    EXPECT_LT(helpful.find("Older and helpful"), helpful.find("Newer and unloved"));
    const std::string newest = visitor.get("/books/" + slug + "?reviews=newest").body;
    EXPECT_LT(newest.find("Newer and unloved"), newest.find("Older and helpful"));
}

TEST(Reviews, HeldReviewsWaitForAnAdminWhoApprovesRejectsAndReplies) {
    auto db = connect_db();
    const int64_t book = create_book(*db);
    const std::string slug = slug_of(*db, book);
    Reader reader = make_reader(*db, "Held Reader");
    Reader reporter = make_reader(*db, "Careful Reader");
    Reader admin = make_reader(*db, "Moderating Admin");
    db->exec("UPDATE users SET role = 'admin' WHERE id = ?", admin.buyer.id);
    // review_moderation = on is a worker setting; the store is what it switches.
    bf::store::Reviews reviews(*db);
    const auto saved = reviews.save(book, reader.buyer.id, {4, "Held back", "Waiting for a moderator to read it."}, true,
                                    bf::SystemClock().now());
    EXPECT_EQ(saved.status, "pending");
    EXPECT_EQ(scalar(*db, "SELECT rating_count FROM books WHERE id = ?", book), 0) << "pending reviews do not count";
    HttpClient visitor;
    EXPECT_FALSE(contains(visitor.get("/books/" + slug).body, "Held back"));

    auto queue = admin.client->get("/admin/reviews");
    ASSERT_EQ(queue.status, 200);
    EXPECT_TRUE(contains(queue.body, "Held back"));
    const std::string decision = "/admin/reviews/" + std::to_string(saved.id) + "/decision";
    ASSERT_EQ(admin.client->submit("/admin/reviews", decision, {{"decision", "approve"}}).status, 303);
    EXPECT_EQ(scalar(*db, "SELECT rating_count FROM books WHERE id = ?", book), 1);
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM audit_log WHERE subject_type = 'review' AND subject_id = ?", saved.id), 1);

    const auto reported = reporter.client->submit("/reviews/" + std::to_string(saved.id) + "/report",
                                                  "/reviews/" + std::to_string(saved.id) + "/report",
                                                  {{"reason", "spoiler"}, {"note", "Gives away the ending."}});
    EXPECT_EQ(reported.status, 303);
    EXPECT_EQ(scalar(*db, "SELECT reported_count FROM reviews WHERE id = ?", saved.id), 1);
    EXPECT_EQ(reader.client->submit("/books/" + slug, "/reviews/" + std::to_string(saved.id) + "/report",
                                    {{"reason", "spam"}}).status, 303);
    EXPECT_EQ(scalar(*db, "SELECT reported_count FROM reviews WHERE id = ?", saved.id), 1) << "not one's own";
    queue = admin.client->get("/admin/reviews");
    EXPECT_TRUE(contains(queue.body, "Reported 1"));
    EXPECT_TRUE(contains(queue.body, "Gives away the ending without warning")) << "the moderator sees why";
    EXPECT_TRUE(contains(queue.body, "“Gives away the ending.”")) << "and the reporter's note";

    ASSERT_EQ(admin.client->submit("/admin/reviews", "/admin/reviews/" + std::to_string(saved.id) + "/reply",
                                   {{"reply", "Thanks, we hid the spoiler."}}).status, 303);
    EXPECT_TRUE(contains(visitor.get("/books/" + slug + "?reviews=newest").body, "Thanks, we hid the spoiler."));
    ASSERT_EQ(admin.client->submit("/admin/reviews", decision, {{"decision", "reject"}}).status, 303);
    EXPECT_EQ(scalar(*db, "SELECT rating_count FROM books WHERE id = ?", book), 0);
    EXPECT_EQ(scalar(*db, "SELECT reported_count FROM reviews WHERE id = ?", saved.id), 0);
    EXPECT_FALSE(contains(visitor.get("/books/" + slug + "?reviews=helpful").body, "Held back"));
    EXPECT_EQ(reader.client->get("/admin/reviews").status, 403);
}

TEST(Reviews, EditAndDeleteKeepTheRatingExact) {
    auto db = connect_db();
    const int64_t book = create_book(*db);
    const std::string slug = slug_of(*db, book);
    Reader a = make_reader(*db), b = make_reader(*db);
    ASSERT_EQ(post_review(a, slug, 5, "Loved it").status, 303);
    ASSERT_EQ(post_review(b, slug, 2, "Not for me").status, 303);
    EXPECT_EQ(db->query_one("SELECT CAST(rating_avg AS CHAR) FROM books WHERE id = ?", book)->str(0), "3.50");
    ASSERT_EQ(post_review(a, slug, 3, "On reflection").status, 303);
    EXPECT_EQ(db->query_one("SELECT CAST(rating_avg AS CHAR) FROM books WHERE id = ?", book)->str(0), "2.50");
    ASSERT_EQ(b.client->submit("/books/" + slug, "/books/" + slug + "/review/delete", {}).status, 303);
    const auto r = db->query_one("SELECT CAST(rating_avg AS CHAR), rating_count, rating_sum, rating_2, rating_3 FROM books"
                                 " WHERE id = ?", book);
    EXPECT_EQ(r->str(0), "3.00");
    EXPECT_EQ(r->i64(1), 1);
    EXPECT_EQ(r->i64(2), 3);
    EXPECT_EQ(r->i64(3), 0);
    EXPECT_EQ(r->i64(4), 1);
}

// ---- wishlists ----------------------------------------------------------------------------

TEST(Wishlists, SharedByLinkUntilRevokedPrivateOtherwise) {
    auto db = connect_db();
    const int64_t book = create_book(*db, {1500, std::nullopt, 10, false, "published", std::nullopt, "A Wished-For Book"});
    const std::string slug = slug_of(*db, book);
    Reader owner = make_reader(*db, "Wanda Wish");
    Reader stranger = make_reader(*db);
    auto r = owner.client->submit("/wishlists", "/wishlists", {{"name", "Birthday"}});
    ASSERT_EQ(r.status, 303);
    const std::string list_url = r.header("location");
    const std::string list_id = list_url.substr(list_url.rfind('/') + 1);
    ASSERT_EQ(owner.client->submit("/books/" + slug, "/wishlists/items", {{"book_id", std::to_string(book)}, {"wishlist", list_id}}).status, 303);
    ASSERT_EQ(owner.client->submit(list_url, list_url + "/items/" + std::to_string(book),
                                   {{"priority", "1"}, {"note", "Hardback please"}}).status, 303);
    auto page = owner.client->get(list_url);
    EXPECT_TRUE(contains(page.body, "A Wished-For Book"));
    EXPECT_TRUE(contains(page.body, "Hardback please"));

    EXPECT_EQ(stranger.client->get(list_url).status, 404) << "a private list is not found by others";
    HttpClient anonymous;
    EXPECT_EQ(anonymous.get(list_url).status, 303) << "log in first";

    r = owner.client->submit(list_url, list_url + "/share", {});
    ASSERT_EQ(r.status, 303);
    const std::string flash_page = owner.client->get(r.header("location")).body;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(flash_page, m, std::regex("href=\"[^\"]*(/wishlists/shared/[A-Za-z0-9_-]{40,})\"")))
        << "the new link, as a link that works without JavaScript";
    const std::string shared = m[1].str();
    EXPECT_TRUE(contains(flash_page, "data-copy=\"share-url\"")) << "and a copy button";
    EXPECT_FALSE(contains(owner.client->get(list_url).body, shared)) << "shown once, right after sharing";
    EXPECT_FALSE(contains(owner.client->get(list_url + "?shared=" + shared.substr(shared.rfind('/') + 1) + "x").body,
                          "data-copy"))
        << "only the list's own link is shown";
    EXPECT_EQ(scalar(*db, "SELECT LENGTH(share_token_hash) FROM wishlists WHERE id = ?", std::stoll(list_id)), 32);
    page = anonymous.get(shared);
    EXPECT_EQ(page.status, 200);
    EXPECT_TRUE(contains(page.body, "A Wished-For Book"));
    EXPECT_TRUE(contains(page.body, "shared by Wanda Wish"));
    EXPECT_FALSE(contains(page.body, owner.buyer.email));
    EXPECT_EQ(stranger.client->get(shared).status, 200);
    EXPECT_EQ(anonymous.get(shared + "x").status, 404);
    // Anyone with the link can buy from it.
    HttpClient friend_of_owner;
    auto bought = friend_of_owner.submit(shared, "/cart/items", {{"book_id", std::to_string(book)}, {"quantity", "1"}});
    EXPECT_EQ(bought.status, 303);
    EXPECT_EQ(bought.header("location"), "/cart");
    EXPECT_TRUE(contains(friend_of_owner.get("/cart").body, "A Wished-For Book"));

    ASSERT_EQ(owner.client->submit(list_url, list_url + "/revoke", {}).status, 303);
    EXPECT_EQ(anonymous.get(shared).status, 404) << "revoking kills the old link at once";
    EXPECT_EQ(stranger.client->get(shared).status, 404);

    // Move to cart: the book leaves the list for the cart.
    ASSERT_EQ(owner.client->submit(list_url, list_url + "/items/" + std::to_string(book) + "/cart", {}).status, 303);
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM wishlist_items WHERE wishlist_id = ?", std::stoll(list_id)), 0);
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM cart_items ci JOIN carts c ON c.id = ci.cart_id WHERE c.user_id = ?",
                     owner.buyer.id), 1);
    // Another reader cannot touch the list.
    EXPECT_EQ(stranger.client->submit("/wishlists", list_url + "/delete", {}).status, 404);
}

// ---- addresses and settings ------------------------------------------------------------------

TEST(Addresses, ValidationErrorsAreClearAndDefaultsWork) {
    auto db = connect_db();
    Reader r = make_reader(*db);
    auto res = r.client->submit("/account/addresses/new", "/account/addresses",
                                {{"full_name", ""}, {"line1", "5 Main St"}, {"city", "Boston"}, {"postal_code", "0211"},
                                 {"country", "US"}, {"phone", "12+34"}});
    EXPECT_EQ(res.status, 422);
    EXPECT_TRUE(contains(res.body, "Please correct the 3 fields"));
    EXPECT_TRUE(contains(res.body, "Enter the recipient"));
    EXPECT_TRUE(contains(res.body, "Enter a 5-digit ZIP code like 94110"));
    EXPECT_TRUE(contains(res.body, "Put the + only at the start"));
    EXPECT_TRUE(contains(res.body, "aria-describedby=\"field-postal_code-error\""));
    EXPECT_TRUE(contains(res.body, "value=\"Boston\""));
    res = r.client->submit("/account/addresses/new", "/account/addresses",
                           {{"full_name", "Pat Post"}, {"line1", "10 Downing St"}, {"city", "London"}, {"postal_code", "SW1A2AA!"},
                            {"country", "GB"}, {"phone", "123"}});
    EXPECT_TRUE(contains(res.body, "Enter a UK postcode like SW1A 1AA."));
    EXPECT_TRUE(contains(res.body, "7 to 15 digits"));

    ASSERT_EQ(r.client->submit("/account/addresses/new", "/account/addresses",
                               {{"full_name", "Pat Post"}, {"line1", "5 Main St"}, {"city", "Boston"}, {"postal_code", "02110"},
                                {"country", "US"}, {"phone", "+1 (617) 555-0100"}}).status, 303);
    ASSERT_EQ(r.client->submit("/account/addresses/new", "/account/addresses",
                               {{"full_name", "Pat at Work"}, {"line1", "1 Office Park"}, {"city", "Toronto"},
                                {"postal_code", "m5v 2t6"}, {"country", "CA"}}).status, 303);
    const int64_t work = scalar(*db, "SELECT id FROM addresses WHERE user_id = ? AND city = 'Toronto'", r.buyer.id);
    EXPECT_EQ(db->query_one("SELECT postal_code FROM addresses WHERE id = ?", work)->str(0), "M5V 2T6");
    ASSERT_EQ(r.client->submit("/account/addresses", "/account/addresses/" + std::to_string(work) + "/default",
                               {{"kind", "shipping"}}).status, 303);
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM addresses WHERE user_id = ? AND is_default_shipping = 1", r.buyer.id), 1);
    EXPECT_EQ(scalar(*db, "SELECT is_default_shipping FROM addresses WHERE id = ?", work), 1);
    // Checkout offers the default first.
    const int64_t book = create_book(*db);
    ASSERT_EQ(add_to_cart(*r.client, book, 1).status, 303);
    const auto checkout_page = r.client->get("/checkout").body;
    EXPECT_TRUE(contains(checkout_page, "value=\"saved-" + std::to_string(work) + "\" checked"));
    // Editing re-validates; someone else's address is not found.
    res = r.client->submit("/account/addresses/" + std::to_string(work) + "/edit", "/account/addresses/" + std::to_string(work),
                           {{"full_name", "Pat at Work"}, {"line1", "1 Office Park"}, {"city", "Toronto"},
                            {"postal_code", "12345"}, {"country", "CA"}});
    EXPECT_EQ(res.status, 422);
    EXPECT_TRUE(contains(res.body, "Enter a postal code like K1A 0B1."));
    Reader other = make_reader(*db);
    EXPECT_EQ(other.client->get("/account/addresses/" + std::to_string(work) + "/edit").status, 404);
}

TEST(Settings, PasswordChangeAsksForTheCurrentOneAndEndsOtherSessions) {
    auto db = connect_db();
    Reader here = make_reader(*db);
    HttpClient elsewhere;
    log_in_as(elsewhere, *db, here.buyer.id);
    EXPECT_EQ(elsewhere.get("/account").status, 200);
    auto r = here.client->submit("/account/settings", "/account/settings/password",
                                 {{"current_password", "not my password"}, {"new_password", "a brand new password"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(contains(r.body, "That is not your current password."));
    EXPECT_EQ(elsewhere.get("/account").status, 200);

    r = here.client->submit("/account/settings", "/account/settings/password",
                            {{"current_password", kBuyerPassword}, {"new_password", "a brand new password"}});
    EXPECT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(here.client->get("/account").status, 200) << "this session stays";
    EXPECT_EQ(elsewhere.get("/account").status, 303) << "the other session has ended";
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM sessions WHERE user_id = ?", here.buyer.id), 1);
    const auto hash = db->query_one("SELECT password_hash FROM users WHERE id = ?", here.buyer.id)->str(0);
    EXPECT_TRUE(bf::crypto::verify_password(hash, "a brand new password"));
}

TEST(Settings, ChangeOfEmailTakesEffectOnlyThroughTheLink) {
    auto db = connect_db();
    Reader r = make_reader(*db, "Mover");
    const std::string new_email = unique_email("moved");
    auto res = r.client->submit("/account/settings", "/account/settings/email",
                                {{"new_email", new_email}, {"email_password", kBuyerPassword}});
    ASSERT_EQ(res.status, 303) << res.body;
    EXPECT_EQ(db->query_one("SELECT email FROM users WHERE id = ?", r.buyer.id)->str(0), r.buyer.email) << "not yet";
    const auto mail = db->query_one("SELECT body_text FROM outbox WHERE recipient = ? AND kind = 'email_change'", new_email);
    ASSERT_TRUE(mail);
    std::smatch m;
    const std::string text = mail->str(0);
    ASSERT_TRUE(std::regex_search(text, m, std::regex("(/account/email/confirm/[A-Za-z0-9_-]+)")));
    const std::string link = m[1].str();
    HttpClient from_mail;  // the link may be opened anywhere
    EXPECT_EQ(from_mail.get(link).status, 200);
    EXPECT_EQ(db->query_one("SELECT email FROM users WHERE id = ?", r.buyer.id)->str(0), r.buyer.email) << "a GET changes nothing";
    res = from_mail.submit(link, link, {});
    EXPECT_EQ(res.status, 303);
    EXPECT_EQ(db->query_one("SELECT email FROM users WHERE id = ?", r.buyer.id)->str(0), new_email);
    EXPECT_TRUE(db->query_one("SELECT 1 FROM outbox WHERE recipient = ? AND kind = 'email_changed'", r.buyer.email))
        << "the old address is told";
    EXPECT_EQ(from_mail.get(link).status, 410) << "the link works once";
}

TEST(Settings, ClosingAnAccountKeepsOrdersAndLeavesNoPersonalData) {
    auto db = connect_db();
    const std::string tag = bf::crypto::hex_encode(bf::crypto::random_bytes(4));
    const std::string name = "Zelda Quince" + tag;
    const std::string street = "77 Orchard Lane " + tag;
    const std::string phone = "+1 555 01" + std::to_string(10000 + std::stoul(tag.substr(0, 4), nullptr, 16) % 89999);
    Reader r = make_reader(*db, name);
    const std::string email = r.buyer.email;
    const int64_t book = create_book(*db);
    const std::string slug = slug_of(*db, book);
    buy_and_pay(r, book, {{"full_name", name}, {"line1", street}, {"phone", phone}, {"save_address", "1"}});
    ASSERT_EQ(post_review(r, slug, 4, "Enjoyed it").status, 303);
    ASSERT_EQ(r.client->submit("/wishlists", "/wishlists", {{"name", "Mine"}}).status, 303);
    Reader other = make_reader(*db);
    ASSERT_EQ(post_review(other, slug, 2, "Not for me").status, 303);
    ASSERT_EQ(r.client->submit("/books/" + slug, "/reviews/" +
                                   std::to_string(scalar(*db, "SELECT id FROM reviews WHERE user_id = ?", other.buyer.id)) + "/helpful",
                               {}).status, 303);
    const int64_t orders_before = scalar(*db, "SELECT COUNT(*) FROM orders WHERE user_id = ?", r.buyer.id);
    ASSERT_EQ(orders_before, 1);

    auto res = r.client->submit("/account/settings", "/account/settings/close", {{"close_password", kBuyerPassword}});
    EXPECT_EQ(res.status, 422) << "the box must be ticked";
    res = r.client->submit("/account/settings", "/account/settings/close",
                           {{"close_password", kBuyerPassword}, {"confirm", "close"}});
    ASSERT_EQ(res.status, 303) << res.body;
    EXPECT_EQ(r.client->get("/account").status, 303) << "logged out";

    // Orders stay, with their money and items, for the shop's books.
    const auto o = db->query_one("SELECT status, total_cents > 0, ship_full_name, ship_city, ship_country FROM orders"
                                 " WHERE user_id = ?", r.buyer.id);
    ASSERT_TRUE(o);
    EXPECT_EQ(o->str(0), "paid");
    EXPECT_TRUE(o->boolean(1));
    EXPECT_EQ(o->str(2), "Former reader");
    EXPECT_EQ(o->str(3), "Springfield");
    EXPECT_EQ(scalar(*db, "SELECT COUNT(*) FROM order_items i JOIN orders o ON o.id = i.order_id WHERE o.user_id = ?",
                     r.buyer.id), 1);
    // The review stays as "Former reader"; the vote is gone and the count with it.
    EXPECT_EQ(scalar(*db, "SELECT rating_count FROM books WHERE id = ?", book), 2);
    EXPECT_EQ(scalar(*db, "SELECT helpful_count FROM reviews WHERE user_id = ?", other.buyer.id), 0);
    EXPECT_TRUE(contains(HttpClient().get("/books/" + slug + "?reviews=newest").body, "Former reader"));
    EXPECT_EQ(db->query_one("SELECT email FROM users WHERE id = ?", r.buyer.id)->str(0),
              "closed-" + std::to_string(r.buyer.id) + "@invalid");

    // The farewell goes to the address, and its outbox row leaves with it once sent.
    const auto farewells = [&] {
        std::vector<Email> found;
        for (auto& m : received_by(email))
            if (m.header("Subject") == "Your Bookfair account is closed") found.push_back(m);
        return found;
    };
    ASSERT_TRUE(wait_until([&] { return farewells().size() == 1; }, 15s)) << "no account-closed email";
    const Email farewell = farewells().at(0);
    EXPECT_TRUE(contains(farewell.text(), "Hello " + name)) << farewell.text();
    const std::string farewell_key = "account_closed:" + std::to_string(r.buyer.id) + ":closed";
    ASSERT_TRUE(wait_until([&] { return !db->query_one("SELECT 1 FROM outbox WHERE dedupe_key = ?", farewell_key); }, 15s));

    // No trace of the email, name, phone or street in any text column of any table.
    const auto columns = db->query(
        "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
        " AND DATA_TYPE IN ('char','varchar','tinytext','text','mediumtext','longtext')");
    ASSERT_GT(columns.size(), 20u);
    for (const auto& c : columns)
        for (const std::string& needle : {email, name, phone, street, std::string("Quince") + tag}) {
            const auto n = db->query_one("SELECT COUNT(*) FROM `" + c.str(0) + "` WHERE `" + c.str(1) +
                                             "` LIKE CONCAT('%', ?, '%')",
                                         needle);
            EXPECT_EQ(n->i64(0), 0) << needle << " is still in " << c.str(0) << "." << c.str(1);
        }
    // The old login no longer works.
    HttpClient login;
    EXPECT_EQ(login.submit("/login", "/login", {{"email", email}, {"password", kBuyerPassword}}).status, 422);
}
