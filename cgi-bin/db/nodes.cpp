#include "db/nodes.h"

#include <map>
#include <mutex>
#include <random>
#include <stdexcept>

#include "core/text.h"

namespace bf::db {

std::vector<Endpoint> parse_endpoints(const std::string& text) {
    std::vector<Endpoint> out;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t comma = text.find(',', start);
        const std::string item = trim(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (!item.empty()) {
            Endpoint e;
            const size_t colon = item.rfind(':');
            e.host = colon == std::string::npos ? item : item.substr(0, colon);
            if (colon != std::string::npos) {
                const std::string port = item.substr(colon + 1);
                if (port.empty() || port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5)
                    throw std::invalid_argument("bad port in db_nodes: " + item);
                e.port = static_cast<unsigned>(std::stoul(port));
            }
            if (e.host.empty()) throw std::invalid_argument("empty host in db_nodes: " + item);
            out.push_back(std::move(e));
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

WritePolicy parse_write_policy(const std::string& text) {
    if (text.empty() || text == "ordered") return WritePolicy::Ordered;
    if (text == "spread") return WritePolicy::Spread;
    throw std::invalid_argument("db_write_policy must be 'ordered' or 'spread', not '" + text + "'");
}

NodeSet::NodeSet(std::vector<Endpoint> nodes, WritePolicy policy, std::chrono::milliseconds recheck)
    : nodes_(std::move(nodes)),
      policy_(policy),
      recheck_ms_(recheck.count()),
      retry_at_(new std::atomic<int64_t>[nodes_.size()]) {
    for (size_t i = 0; i < nodes_.size(); ++i) retry_at_[i] = 0;
    // Spread: each process starts the deal at a node of its own, so that the first connections of
    // many processes do not all land on the first node.
    if (policy_ == WritePolicy::Spread) next_ = std::random_device{}() % nodes_.size();
}

std::shared_ptr<NodeSet> NodeSet::shared(const std::vector<Endpoint>& nodes, WritePolicy policy,
                                         std::chrono::milliseconds recheck) {
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<NodeSet>> sets;
    std::string key = std::to_string(static_cast<int>(policy)) + "|" + std::to_string(recheck.count());
    for (const auto& n : nodes) key += "|" + n.host + ":" + std::to_string(n.port);
    std::lock_guard<std::mutex> lock(mutex);
    auto& set = sets[key];
    if (!set) set = std::make_shared<NodeSet>(nodes, policy, recheck);
    return set;
}

int64_t NodeSet::now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

std::vector<size_t> NodeSet::candidates() {
    const size_t n = nodes_.size();
    const size_t first = policy_ == WritePolicy::Spread ? next_++ % n : 0;
    const int64_t now = now_ms();
    std::vector<size_t> order;
    for (size_t k = 0; k < n; ++k) {
        const size_t i = (first + k) % n;
        int64_t at = retry_at_[i].load();
        if (at == 0) {
            order.push_back(i);
            continue;
        }
        // A failed node whose time has come: this caller claims the one try of this period.
        if (at <= now && retry_at_[i].compare_exchange_strong(at, now + recheck_ms_)) order.push_back(i);
    }
    if (order.empty())
        for (size_t k = 0; k < n; ++k) order.push_back((first + k) % n);
    return order;
}

void NodeSet::mark_failed(size_t i) { retry_at_[i] = now_ms() + recheck_ms_; }

void NodeSet::mark_ok(size_t i) { retry_at_[i] = 0; }

bool NodeSet::better_than(size_t i) const {
    if (policy_ != WritePolicy::Ordered) return false;
    if (i == 0) return false;
    const int64_t now = now_ms();
    for (size_t k = 0; k < i; ++k) {
        const int64_t at = retry_at_[k].load();
        if (at == 0 || at <= now) return true;
    }
    return false;
}

}  // namespace bf::db
