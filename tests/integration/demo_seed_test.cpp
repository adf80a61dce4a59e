// The demo catalogue that `bookfair seed --demo` wrote for this test stack (scripts/test) keeps one
// definition of "copies sold": every book's sell_count is the units of its paid orders, the same
// number the sales ledger and the dashboards' rollups hold; and its ratings come from its reviews.
#include <gtest/gtest.h>

#include "buying_fixtures.h"
#include "core/clock.h"
#include "harness.h"
#include "store/catalog_seed.h"
#include "store/sales_seed.h"

using namespace bf::test;

TEST(DemoSeed, CopiesSoldAreTheUnitsOfPaidOrdersEverywhere) {
    auto db = connect_db();
    // The demo books are the first 200 of the catalogue (scripts/test seeds an empty database); other
    // tests set the counters of books of their own as they need.
    const std::string demo = " b.id <= (SELECT MIN(id) + 199 FROM books)";
    const std::string demo_books = " FROM books b WHERE" + demo;
    const auto totals = db->query_one("SELECT COUNT(*), COALESCE(SUM(b.sell_count), 0)" + demo_books);
    ASSERT_EQ(totals->i64(0), 200) << "seed --demo wrote the catalogue";
    EXPECT_GE(totals->i64(1), 1000) << "the demo books have sold copies";
    // Books whose counter disagrees with the ledger or the rollup (tests buy demo books through the
    // site, which moves all three in one transaction).
    const auto off = db->query(
        "SELECT b.id, b.sell_count, COALESCE(t.units, 0), COALESCE(l.units, 0)" + std::string(
        " FROM books b"
        " LEFT JOIN (SELECT book_id, SUM(units) units FROM book_revenue_totals GROUP BY book_id) t ON t.book_id = b.id"
        " LEFT JOIN (SELECT book_id, SUM(quantity) units FROM sales_ledger GROUP BY book_id) l ON l.book_id = b.id"
        " WHERE") + demo + " AND (b.sell_count <> COALESCE(t.units, 0) OR b.sell_count <> COALESCE(l.units, 0))");
    for (const auto& r : off)
        ADD_FAILURE() << "book " << r.i64(0) << ": sell_count " << r.i64(1) << ", rollup " << r.i64(2) << ", ledger "
                      << r.i64(3);
    // Best sellers have the most reviews: every demo review is a real row behind the book's rating.
    EXPECT_GE(db->query_one("SELECT MAX(b.rating_count)" + demo_books)->i64(0), 6);
    EXPECT_EQ(db->query_one("SELECT COUNT(*)" + demo_books +
                            " AND b.rating_count <> (SELECT COUNT(*) FROM reviews r WHERE r.book_id = b.id"
                            " AND r.status = 'published')")->i64(0), 0);
}

// On Galera (wsrep_auto_increment_control) the ids of one multi-row INSERT step by the cluster's size.
// The seeds read back the ids they were given: each tag and order item lands on its own row. (The rows
// stay, as the demo catalogue's do: thirty generated books and one author's sales.)
TEST(DemoSeed, RowsOfOneInsertNeedNotHaveConsecutiveIds) {
    auto db = connect_db();
    db->execute_script("SET SESSION auto_increment_increment = 3, SESSION auto_increment_offset = 2");
    const int64_t author = create_author(*db, "Stepping Author");
    const std::string email = db->query_one("SELECT email FROM users WHERE id = ?", author)->str(0);

    const int64_t books_before = db->query_one("SELECT COALESCE(MAX(id), 0) FROM books")->i64(0);
    bf::store::seed_books(*db, 30, bf::SystemClock().now());
    const auto books = db->query("SELECT id FROM books WHERE id > ? ORDER BY id", books_before);
    ASSERT_GE(books.size(), 30u);
    EXPECT_EQ(books[1].i64(0) - books[0].i64(0), 3) << "the ids did step by three";
    EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM books b WHERE b.id > ? AND b.tags_text <> '' AND NOT EXISTS"
                            " (SELECT 1 FROM book_tags t WHERE t.book_id = b.id)", books_before)->i64(0), 0)
        << "every generated book has its tags";

    const int64_t orders_before = db->query_one("SELECT COALESCE(MAX(id), 0) FROM orders")->i64(0);
    const auto sold = bf::store::seed_sales(*db, email, 60, 20, bf::SystemClock().now());
    EXPECT_GT(sold.orders, 1);
    EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM orders o JOIN order_items i ON i.order_id = o.id"
                            " JOIN books b ON b.id = i.book_id WHERE o.id > ? AND b.author_id = ?",
                            orders_before, author)->i64(0), sold.items)
        << "every item of the author's seeded orders";
    EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM orders o WHERE o.id > ? AND o.idempotency_key LIKE 'seed-%' AND o.subtotal_cents <>"
                            " (SELECT COALESCE(SUM(i.line_total_cents), 0) FROM order_items i WHERE i.order_id = o.id)",
                            orders_before)->i64(0), 0)
        << "each order's items add up to its own subtotal";
}
