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
    slow.io_timeout_s = 1;
    db::Connection db(slow);
    try {
        db.execute_script("DO SLEEP(4)");
        ADD_FAILURE() << "a 4 s statement finished within a 1 s reply timeout";
    } catch (const db::Error& e) {
        EXPECT_TRUE(e.is_connection_lost()) << e.code() << " " << e.what();
    }
    EXPECT_EQ(db.query_one("SELECT ? + 1", int64_t{1})->i64(0), 2);
}

// A link lost inside a transaction (its node killed, here the connection killed) rolls back what the
// transaction had done. The rest of the body must not go on in autocommit on a fresh link: a payment
// callback once answered "paid" and queued the receipt while the order's update was lost with the node
// (cluster test, kill -9 of the write node). The whole body runs again instead, so each step is once.
TEST(DbConnection, ALinkLostInsideATransactionRunsTheWholeBodyAgainNeverTheRestInAutocommit) {
    auto db = connect_db();
    auto killer = connect_db();
    db->execute_script("CREATE TABLE IF NOT EXISTS lost_link_probe (id INT PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB;"
                       " DELETE FROM lost_link_probe; INSERT INTO lost_link_probe VALUES (1, 0)");
    int attempts = 0;
    db->transaction([&] {
        ++attempts;
        db->exec("UPDATE lost_link_probe SET n = n + 1 WHERE id = 1");
        if (attempts == 1)
            killer->execute_script("KILL CONNECTION " + std::to_string(db->query_one("SELECT CONNECTION_ID()")->i64(0)));
        // A plain read (the one kind of statement repeated on a fresh link outside a transaction).
        const int64_t n = db->query_one("SELECT n FROM lost_link_probe WHERE id = 1")->i64(0);
        db->exec("INSERT INTO lost_link_probe (id, n) VALUES (?, ?)", int64_t{100} + attempts, n);
    });
    EXPECT_EQ(attempts, 2) << "the lost first attempt runs again whole";
    EXPECT_EQ(db->query_one("SELECT n FROM lost_link_probe WHERE id = 1")->i64(0), 1);
    const auto later = db->query("SELECT id, n FROM lost_link_probe WHERE id > 1 ORDER BY id");
    ASSERT_EQ(later.size(), 1u) << "only the attempt that committed left its row";
    EXPECT_EQ(later[0].i64(0), 102);
    EXPECT_EQ(later[0].i64(1), 1) << "what the body read matches what it wrote";
    db->execute_script("DROP TABLE lost_link_probe");
}
