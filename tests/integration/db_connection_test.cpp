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
