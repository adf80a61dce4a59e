// Ebook-only books (issue #19): an author makes one from the dashboard's book form; it has no stock and
// ships nothing, its price is its ebook's both ways, "in stock only" lists it, its page offers the
// ebook alone, printed copies of it are refused, and buying it skips the address. Print-only and mixed
// books keep working (ebooks_test.cpp).
#include <gtest/gtest.h>

#include "catalog_fixtures.h"
#include "ebook_fixtures.h"

using namespace bf::test;

namespace {

std::vector<std::pair<std::string, std::string>> ebook_only_fields(const std::string& title, const std::string& category) {
    return {{"title", title},      {"description", "Written for a test."}, {"category", category},
            {"language", "en"},    {"price", "7.99"},                       {"currency", "USD"},
            {"stock", "5"},        {"stock_seen", "0"},                     {"low_stock_threshold", "3"},
            {"editions", "ebook_only"}};
}

}  // namespace

TEST(EbookOnly, AnAuthorMakesOneAndAReaderBuysItWithoutAnAddress) {
    CatalogDb c;
    HttpClient author;
    const std::string email = register_user(author, "author", "Ena Ebook");
    const std::string word = unique_word();
    const std::string category = c.category_slug(c.category());
    const auto created = author.submit("/dashboard/books/new", "/dashboard/books", ebook_only_fields("Only " + word, category));
    ASSERT_EQ(created.status, 303) << created.body.substr(0, 2000);
    const std::string edit = created.header("location");
    const auto row = c.db->query_one("SELECT id, print_edition, stock, price_cents, in_stock FROM books WHERE title = ?",
                                     "Only " + word);
    ASSERT_TRUE(row);
    const int64_t book = row->i64(0);
    EXPECT_EQ(row->i64(1), 0);
    EXPECT_EQ(row->i64(2), 0) << "an ebook-only book keeps no copies, whatever the form said";
    EXPECT_EQ(row->i64(4), 1) << "and is never out of stock";
    EXPECT_EQ(c.db->query_one("SELECT price_cents FROM digital_editions WHERE book_id = ?", book)->i64(0), 799)
        << "its ebook is made at the book's price";
    // The form shows the choice as saved.
    const auto form = author.get(edit);
    EXPECT_NE(form.body.find("value=\"ebook_only\" checked"), std::string::npos);

    // The ebook's own page reprices the book too.
    const auto ebook_page = author.get(edit + "/ebook");
    ASSERT_EQ(ebook_page.status, 200);
    const auto repriced = author.post_form(edit + "/ebook", {{"_csrf", csrf_from(ebook_page.body)}, {"digital_price", "6.50"},
                                                             {"digital_sale_price", ""}, {"for_sale", "1"}});
    EXPECT_EQ(repriced.status, 303) << repriced.body.substr(0, 1500);
    EXPECT_EQ(c.db->query_one("SELECT price_cents FROM books WHERE id = ?", book)->i64(0), 650);

    add_edition_file(*c.db, book, "epub", make_epub("Only " + word));
    ASSERT_EQ(author.submit("/dashboard/books", edit + "/status", {{"action", "publish"}}).status, 303);
    const std::string slug = c.slug_of(book);
    wait_for_search_index();

    HttpClient reader;
    const auto buyer = create_buyer(*c.db, "Ona Reader");
    log_in_as(reader, *c.db, buyer.id);
    const auto page = reader.get("/books/" + slug);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Ebook only"), std::string::npos);
    EXPECT_NE(page.body.find("Add the ebook to cart"), std::string::npos);
    EXPECT_EQ(page.body.find("name=\"quantity\""), std::string::npos) << "no printed copies to add";
    EXPECT_EQ(page.body.find("Out of stock"), std::string::npos);
    // Listed as available, also when only books in stock are asked for.
    EXPECT_TRUE(contains(slugs_on(reader.get("/books?q=" + word + "&stock=1").body), slug));
    EXPECT_TRUE(contains(slugs_on(reader.get("/books?category=" + category + "&stock=1&sort=newest").body), slug));

    // Printed copies of it are refused with a message; the ebook goes in.
    const auto print = add_to_cart(reader, book, 1);
    EXPECT_EQ(print.status, 409);
    EXPECT_NE(print.body.find("ebook only"), std::string::npos);
    ASSERT_EQ(add_ebook_to_cart(reader, book).status, 303);
    const auto checkout_page = reader.get("/checkout");
    EXPECT_EQ(checkout_page.body.find("name=\"line1\""), std::string::npos) << "no address step";
    const std::string number = buy_cart_of_ebooks(reader);
    ASSERT_FALSE(number.empty());
    const auto order = c.db->query_one("SELECT shipping_cents, total_cents, ship_line1 FROM orders WHERE number = ?", number);
    EXPECT_EQ(order->i64(0), 0);
    EXPECT_EQ(order->i64(1), 650);
    EXPECT_EQ(order->str(2), "");
    EXPECT_EQ(c.db->query_one("SELECT stock FROM books WHERE id = ?", book)->i64(0), 0);
    EXPECT_NE(reader.get("/library").body.find("Only " + word), std::string::npos);
}

TEST(EbookOnly, APrintedCopyInACartCannotBeCheckedOutOnceTheBookBecomesEbookOnly) {
    auto db = connect_db();
    const Ebook e = create_ebook(*db, 500);
    HttpClient reader;
    log_in_as(reader, *db, create_buyer(*db).id);
    ASSERT_EQ(add_to_cart(reader, e.book_id, 1).status, 303);
    db->exec("UPDATE books SET print_edition = 0, stock = 0 WHERE id = ?", e.book_id);
    // The line has no copies to sell: checkout sends the reader back to the cart, and no order is made.
    const auto page = reader.get("/checkout");
    EXPECT_EQ(page.status, 303);
    EXPECT_EQ(page.header("location"), "/cart");
    EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM orders o JOIN order_items i ON i.order_id = o.id WHERE i.book_id = ?",
                            e.book_id)->i64(0), 0);
}
