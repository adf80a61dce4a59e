// db::Connection against the real server: what it keeps prepared.
#include <gtest/gtest.h>

#include <string>

#include "harness.h"

using namespace bf;
using namespace bf::test;

namespace {

int64_t prepared_on_server(db::Connection& db) {
    const auto row = db.query_one("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
                                  " WHERE VARIABLE_NAME = 'PREPARED_STMT_COUNT'");
    return std::stoll(row->str(0));
}

}  // namespace

TEST(DbConnection, KeepsAtMostItsCapOfStatementsPrepared) {
    auto db = connect_db();
    const int64_t before = prepared_on_server(*db);
    // Statements of many shapes, as built SQL makes them (an IN list of every length, say).
    for (int i = 0; i < 1000; ++i) {
        const auto row = db->query_one("SELECT ? + " + std::to_string(i), int64_t{1});
        ASSERT_EQ(row->i64(0), i + 1);
    }
    const int64_t after = prepared_on_server(*db);
    EXPECT_LE(after - before, static_cast<int64_t>(db::Connection::kMaxPreparedStatements) + 20)
        << "other connections may prepare a few meanwhile, but not hundreds";
    // After starting over, a statement used before is simply prepared again.
    EXPECT_EQ(db->query_one("SELECT ? + 0", int64_t{7})->i64(0), 7);
}

TEST(DbConnection, StatementsThatNameAnIndexAreNotKept) {
    auto db = connect_db();
    // Kept statements naming different indexes of one table make MariaDB read rows an index covers
    // (see Connection::run_once): these are prepared for each run.
    const int64_t before = prepared_on_server(*db);
    for (int i = 0; i < 30; ++i) {
        for (const char* index : {"ix_books_price", "ix_books_newest"}) {
            const auto row = db->query_one(std::string("SELECT COUNT(*) FROM (SELECT 1 FROM books b FORCE INDEX (") + index +
                                               ") WHERE b.status = 'published' AND b.effective_price_cents <= ? LIMIT " +
                                               std::to_string(i + 1) + ") t",  // 60 statements, were they kept
                                           int64_t{100000});
            ASSERT_LE(row->i64(0), i + 1);
        }
    }
    EXPECT_LE(prepared_on_server(*db) - before, 5) << "hinted statements are closed after each run";
    // A plain statement is kept: running it again prepares nothing more.
    db->query_one("SELECT ? + 1", int64_t{1});
    const int64_t kept = prepared_on_server(*db);
    db->query_one("SELECT ? + 1", int64_t{2});
    EXPECT_LE(prepared_on_server(*db) - kept, 1);
}

// A script whose reply outlasts the link's timeout: the link is dropped and the error thrown, and
// nothing touches the closed handle (`seed --books 1000000` crashed there, its full-text index
// build outlasting the 60 s timeout). The next statement reconnects.
TEST(DbConnection, AScriptOutlastingTheReplyTimeoutFailsCleanlyAndTheNextStatementReconnects) {
    db::DbConfig slow = db::DbConfig::from(config());
    slow.io_timeout_seconds = 1;
    db::Connection db(slow);
    try {
        db.execute_script("DO SLEEP(4)");
        ADD_FAILURE() << "a 4 s statement finished within a 1 s reply timeout";
    } catch (const db::Error& e) {
        EXPECT_TRUE(e.is_connection_lost()) << e.code() << " " << e.what();
    }
    EXPECT_EQ(db.query_one("SELECT ? + 1", int64_t{1})->i64(0), 2);
}
