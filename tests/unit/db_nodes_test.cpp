// The Galera node list: parsing db_nodes, the order new connections try nodes in, failover and return.
#include <gtest/gtest.h>

#include <thread>

#include "db/nodes.h"

using bf::db::Endpoint;
using bf::db::NodeSet;
using bf::db::WritePolicy;
using Order = std::vector<size_t>;
using namespace std::chrono_literals;

namespace {
std::vector<Endpoint> three() { return bf::db::parse_endpoints("10.0.0.1:3306, 10.0.0.2:3307, db3"); }
}  // namespace

TEST(DbNodes, ParseHostsAndPorts) {
    const auto nodes = three();
    ASSERT_EQ(nodes.size(), 3u);
    EXPECT_EQ(nodes[0].host, "10.0.0.1");
    EXPECT_EQ(nodes[1].port, 3307u);
    EXPECT_EQ(nodes[2].host, "db3");
    EXPECT_EQ(nodes[2].port, 3306u) << "the default port";
    EXPECT_TRUE(bf::db::parse_endpoints("").empty()) << "no cluster";
    EXPECT_THROW(bf::db::parse_endpoints("a:x"), std::invalid_argument);
    EXPECT_THROW(bf::db::parse_endpoints(":3306"), std::invalid_argument);
    EXPECT_EQ(bf::db::parse_write_policy(""), WritePolicy::Ordered);
    EXPECT_EQ(bf::db::parse_write_policy("spread"), WritePolicy::Spread);
    EXPECT_THROW(bf::db::parse_write_policy("random"), std::invalid_argument);
}

TEST(DbNodes, OrderedTriesTheWriteOrderAndSkipsAFailedNode) {
    NodeSet set(three(), WritePolicy::Ordered, 60s);
    EXPECT_EQ(set.candidates(), (Order{0, 1, 2}));
    EXPECT_EQ(set.candidates(), (Order{0, 1, 2})) << "every connection starts at the first node";
    EXPECT_FALSE(set.failed(0));
    set.mark_failed(0);
    EXPECT_TRUE(set.failed(0)) << "connections still on it leave at their next transaction";
    EXPECT_EQ(set.candidates(), (Order{1, 2})) << "failover to the next node";
    EXPECT_FALSE(set.better_than(1)) << "the first node is not back yet";
    set.mark_ok(0);
    EXPECT_TRUE(set.better_than(1)) << "connections on the second node move back";
    EXPECT_FALSE(set.better_than(0));
}

TEST(DbNodes, AFailedNodeIsTriedAgainByOneCallerPerPeriod) {
    NodeSet set(three(), WritePolicy::Ordered, 30ms);
    set.mark_failed(0);
    EXPECT_EQ(set.candidates(), (Order{1, 2}));
    std::this_thread::sleep_for(40ms);  // the recheck period of the set under test, not a guess at timing
    EXPECT_TRUE(set.better_than(1));
    EXPECT_EQ(set.candidates(), (Order{0, 1, 2})) << "this caller tries the first node again";
    EXPECT_EQ(set.candidates(), (Order{1, 2})) << "the others do not, while that try runs";
}

TEST(DbNodes, EveryNodeFailedStillLeavesAllToTry) {
    NodeSet set(three(), WritePolicy::Ordered, 60s);
    for (size_t i = 0; i < 3; ++i) set.mark_failed(i);
    EXPECT_EQ(set.candidates(), (Order{0, 1, 2}));
}

TEST(DbNodes, SpreadDealsConnectionsRoundRobin) {
    NodeSet set(three(), WritePolicy::Spread, 60s);
    const size_t first = set.candidates().front();  // each process starts at a node of its own
    EXPECT_EQ(set.candidates(), (Order{(first + 1) % 3, (first + 2) % 3, first}));
    EXPECT_EQ(set.candidates(), (Order{(first + 2) % 3, first, (first + 1) % 3}));
    set.mark_ok(0);
    EXPECT_FALSE(set.better_than(2)) << "spread connections never move back";
}

TEST(DbNodes, OneSetPerProcessForTheSameNodes) {
    const auto a = NodeSet::shared(three(), WritePolicy::Ordered, 1s);
    const auto b = NodeSet::shared(three(), WritePolicy::Ordered, 1s);
    EXPECT_EQ(a.get(), b.get()) << "what one connection learns, the others use";
    EXPECT_NE(a.get(), NodeSet::shared(three(), WritePolicy::Spread, 1s).get());
}
