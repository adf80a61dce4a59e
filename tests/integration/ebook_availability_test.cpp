// What pages say when an ebook cannot be bought (issue #19): an ebook-only book without a file is
// "coming soon" (never "download at once") and offers no buy button; each unavailable cart line says why.
#include <gtest/gtest.h>

#include "ebook_fixtures.h"

using namespace bf::test;

namespace {

std::string slug_of(bf::db::Connection& db, int64_t book) {
    return db.query_one("SELECT slug FROM books WHERE id = ?", book)->str(0);
}

std::string cart_line(const std::string& cart, int64_t book) {
    const auto at = cart.find("id=\"line-" + std::to_string(book) + "\"");
    if (at == std::string::npos) return "";
    return cart.substr(at, cart.find("</tr>", at) - at);
}

}  // namespace

TEST(EbookAvailability, AnEbookOnlyBookWithoutAFileIsComingSoonAndOffersNothingToBuy) {
    auto db = connect_db();
    const Ebook e = create_ebook(*db, 650, false);
    db->exec("UPDATE books SET print_edition = 0, stock = 0 WHERE id = ?", e.book_id);
    HttpClient reader;
    log_in_as(reader, *db, create_buyer(*db).id);
    const auto page = reader.get("/books/" + slug_of(*db, e.book_id));
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Ebook coming soon"), std::string::npos);
    EXPECT_EQ(page.body.find("download at once"), std::string::npos);
    EXPECT_EQ(page.body.find("Add the ebook to cart"), std::string::npos);
    EXPECT_EQ(page.body.find("Add to cart"), std::string::npos);
    // Its card in a listing (a category of its own) promises no download either. The listing may come
    // from a cache filled a moment before the book moved there: read it again until the book is in it.
    const int64_t category = create_category(*db);
    db->exec("UPDATE books SET category_id = ? WHERE id = ?", category, e.book_id);
    const auto category_slug = db->query_one("SELECT slug FROM categories WHERE id = ?", category)->str(0);
    HttpResponse listing;
    wait_until([&] {
        listing = reader.get("/categories/" + category_slug);
        return listing.body.find(slug_of(*db, e.book_id)) != std::string::npos;
    }, std::chrono::seconds(10));
    ASSERT_EQ(listing.status, 200);
    ASSERT_NE(listing.body.find(slug_of(*db, e.book_id)), std::string::npos) << "the book is listed";
    EXPECT_NE(listing.body.find("Ebook only"), std::string::npos);
    EXPECT_EQ(listing.body.find("download at once"), std::string::npos);
}

TEST(EbookAvailability, EachUnavailableCartLineSaysWhy) {
    auto db = connect_db();
    const Ebook no_file = create_ebook(*db, 650);
    const Ebook withdrawn = create_ebook(*db, 650);
    const Ebook unpublished = create_ebook(*db, 650);
    BookSpec spec;
    spec.stock = 5;
    const int64_t became_ebook = create_book(*db, spec);
    const int64_t sold_out = create_book(*db, spec);
    HttpClient reader;
    log_in_as(reader, *db, create_buyer(*db).id);
    for (int64_t book : {no_file.book_id, withdrawn.book_id, unpublished.book_id})
        ASSERT_EQ(add_ebook_to_cart(reader, book).status, 303);
    ASSERT_EQ(add_to_cart(reader, became_ebook, 1).status, 303);
    ASSERT_EQ(add_to_cart(reader, sold_out, 2).status, 303);
    db->exec("DELETE FROM edition_files WHERE book_id = ?", no_file.book_id);
    db->exec("UPDATE digital_editions SET for_sale = 0 WHERE book_id = ?", withdrawn.book_id);
    db->exec("UPDATE books SET status = 'draft' WHERE id = ?", unpublished.book_id);
    db->exec("UPDATE books SET print_edition = 0, stock = 0 WHERE id = ?", became_ebook);
    db->exec("UPDATE books SET stock = 0 WHERE id = ?", sold_out);

    const auto cart = reader.get("/cart");
    ASSERT_EQ(cart.status, 200);
    EXPECT_NE(cart_line(cart.body, no_file.book_id).find("file is not uploaded yet"), std::string::npos);
    EXPECT_NE(cart_line(cart.body, withdrawn.book_id).find("stopped selling this ebook"), std::string::npos);
    EXPECT_NE(cart_line(cart.body, unpublished.book_id).find("no longer published"), std::string::npos);
    EXPECT_NE(cart_line(cart.body, became_ebook).find("sold as an ebook only"), std::string::npos);
    EXPECT_NE(cart_line(cart.body, sold_out).find("Sold out"), std::string::npos);
}
