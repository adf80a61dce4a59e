// Reads on a Galera cluster (scripts/cluster test runs these there; elsewhere they skip): a row a buyer
// just wrote through one node is found through a node that has not applied it yet.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <optional>
#include <thread>

#include "buying_fixtures.h"
#include "store/orders.h"

using namespace bf;
using namespace bf::test;

namespace {

// A connection that reads only the second node of db_nodes (the shop itself writes through the first).
db::Connection second_node_connection() {
    db::DbConfig c = db::DbConfig::from(config());
    c.nodes = {c.nodes.at(1)};
    return db::Connection(c);
}

}  // namespace

// The 404 on POST /pay seen once in a cluster run, right after a node came back: web hosts move back to
// a returning node one process at a time, so for a moment one host read db1 while the other wrote
// through db2. The order placed through one host was not yet applied on the node the next request
// (POST /pay, through the other host) read: "We do not know that payment." Here the lag is made
// certain: FLUSH TABLES WITH READ LOCK on the second node pauses its appliers while the order is
// placed through the first.
TEST(GaleraReads, AnOrderJustPlacedIsFoundThroughANodeThatHasNotAppliedItYet) {
    const char* lagging_socket = std::getenv("BOOKFAIR_TEST_LAGGING_NODE_SOCKET");
    if (!lagging_socket || db::DbConfig::from(config()).nodes.size() < 2)
        GTEST_SKIP() << "needs a Galera cluster: scripts/cluster test runs it";
    auto db = connect_db();
    const int64_t book = create_book(*db);
    const Buyer buyer = create_buyer(*db, "Lag Buyer");
    HttpClient client;
    log_in_as(client, *db, buyer.id);
    ASSERT_EQ(add_to_cart(client, book).status, 303);

    // The reader arrives on the second node while it is synced (a connection never picks a node
    // that is not), and waits until the node has everything written so far.
    db::Connection reader = second_node_connection();
    ASSERT_TRUE(wait_until([&] { return reader.query_one("SELECT 1 FROM books WHERE id = ?", book).has_value(); },
                           std::chrono::seconds(30)));
    const int64_t reader_id = reader.query_one("SELECT CONNECTION_ID()")->i64(0);

    db::DbConfig root;
    root.socket = lagging_socket;
    db::Connection pauser(root);
    pauser.execute_script("FLUSH TABLES WITH READ LOCK");
    const auto placed = checkout(client);
    ASSERT_EQ(placed.status, 303) << placed.body;
    const std::string ref = payment_ref(placed);
    ASSERT_FALSE(ref.empty()) << placed.header("Location");
    ASSERT_TRUE(db->query_one("SELECT 1 FROM payments WHERE provider_ref = ?", ref).has_value());
    // What a host reading the second node saw: a plain read there does not know the payment yet.
    EXPECT_FALSE(reader.query_one("SELECT 1 FROM payments WHERE provider_ref = ?", ref).has_value())
        << "the second node applied the order although its appliers were paused";

    std::optional<store::Order> found;
    std::atomic<bool> done{false};
    std::thread lookup([&] {
        db::ThreadScope scope;
        found = store::Orders(reader).find_by_payment_ref(ref);
        done = true;
    });
    // The node applies again once the lookup has answered, or is waiting for the node to catch up: a
    // causal read waits in state "starting" (half a second there is not a plain indexed read, which
    // takes a millisecond; if one ever took that long, this test could only pass wrongly, never fail).
    const bool answered_or_waiting = wait_until(
        [&] {
            return done || pauser.query_one("SELECT 1 FROM information_schema.PROCESSLIST WHERE ID = ?"
                                            " AND STATE = 'starting' AND TIME_MS > 500",
                                            reader_id).has_value();
        },
        std::chrono::seconds(20));
    pauser.execute_script("UNLOCK TABLES");
    lookup.join();
    EXPECT_TRUE(answered_or_waiting);
    ASSERT_TRUE(found.has_value()) << "the order just placed was unknown on the node that had not applied it yet";
    EXPECT_EQ(found->user_id, buyer.id);
}
