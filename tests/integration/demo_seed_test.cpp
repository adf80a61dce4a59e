// The demo catalogue that `bookfair seed --demo` wrote for this test stack (scripts/test) keeps one
// definition of "copies sold": every book's sell_count is the units of its paid orders, the same
// number the sales ledger and the dashboards' rollups hold; and its ratings come from its reviews.
#include <gtest/gtest.h>

#include "harness.h"

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
