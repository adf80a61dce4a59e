#pragma once
// What this process counts for the Prometheus endpoint (GET /metrics): requests per route and status,
// their latency as a histogram per route, requests in flight, and named counters from any layer
// (database retries and errors). One registry per process; every method is thread-safe.
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace bf::metrics {

// Upper bounds (seconds) of the latency histogram's buckets; +Inf is implied.
constexpr std::array<double, 13> kLatencyBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                    0.25,  0.5,    1.0,   2.5,   5.0,   10.0};

class Registry {
public:
    // A finished request: its method, route pattern ("-" when none matched), status and duration.
    void observe_request(const std::string& method, const std::string& route, int status, double seconds);
    void request_started() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
    void request_finished() { in_flight_.fetch_sub(1, std::memory_order_relaxed); }
    // Adds `amount` to the counter `name` (a Prometheus metric name ending in _total), with its help
    // text; an amount of 0 declares it, so that it shows (as 0) before anything happened.
    void count(const std::string& name, const std::string& help, double amount = 1);
    // A gauge the process sets once (worker threads).
    void set_gauge(const std::string& name, const std::string& help, double value);

    // Everything above in the Prometheus text format (version 0.0.4).
    std::string render() const;

private:
    struct RouteStats {
        std::map<int, uint64_t> by_status;
        std::array<uint64_t, kLatencyBuckets.size()> buckets{};  // not cumulative here
        uint64_t count = 0;
        double sum = 0;
    };
    struct Named {
        std::string help;
        double value = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string>, RouteStats> routes_;  // (method, route)
    std::map<std::string, Named> counters_, gauges_;
    std::atomic<int64_t> in_flight_{0};
};

Registry& registry();

// "a\"b" for a label value: backslash, quote and newline escaped.
std::string label_value(const std::string& raw);

}  // namespace bf::metrics
