#pragma once
// The database nodes of a Galera cluster as this process sees them: which one a new connection
// should use, and which ones failed recently. Shared by all connections of the process (thread-safe).
//
// Write policy (db_write_policy):
//   ordered  every connection uses the first node of db_nodes that answers and is synced: all writes go
//            to one node, so hot rows (flash stock, the mail rate limiter) never meet a certification
//            conflict, and reads see the writes. When that node fails, connections move to the next; when
//            it is back (tried again after db_recheck_ms), they move back at their next transaction.
//   spread   connections are dealt round-robin over the nodes (writes everywhere, conflicts retried).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace bf::db {

struct Endpoint {
    std::string host;
    unsigned port = 3306;
};

enum class WritePolicy { Ordered, Spread };

// "10.0.0.1:3306, 10.0.0.2" -> endpoints (port 3306 when not given); throws std::invalid_argument.
std::vector<Endpoint> parse_endpoints(const std::string& text);
WritePolicy parse_write_policy(const std::string& text);  // "ordered" (or empty) | "spread"

class NodeSet {
public:
    NodeSet(std::vector<Endpoint> nodes, WritePolicy policy, std::chrono::milliseconds recheck);

    // The one set for this list of nodes in this process (connections share what they learn).
    static std::shared_ptr<NodeSet> shared(const std::vector<Endpoint>& nodes, WritePolicy policy,
                                           std::chrono::milliseconds recheck);

    size_t size() const { return nodes_.size(); }
    const Endpoint& at(size_t i) const { return nodes_[i]; }
    WritePolicy policy() const { return policy_; }

    // The order in which a new connection tries the nodes: nodes marked failed are left out unless
    // their recheck time has come and this caller is the one to try (one caller per period), or
    // every node is marked failed (then all, in order).
    std::vector<size_t> candidates();
    void mark_failed(size_t i);
    void mark_ok(size_t i);
    // True while node i is marked failed (a connection found it gone or out of the primary component).
    bool failed(size_t i) const { return retry_at_[i].load() != 0; }
    // Ordered policy: true when a connection on node i should move to a node before it (one came back).
    bool better_than(size_t i) const;

private:
    static int64_t now_ms();
    std::vector<Endpoint> nodes_;
    WritePolicy policy_;
    int64_t recheck_ms_;
    // Per node: 0 when usable, else the steady-clock time (ms) from which it may be tried again.
    std::unique_ptr<std::atomic<int64_t>[]> retry_at_;
    std::atomic<uint64_t> next_{0};
};

}  // namespace bf::db
