#include "core/metrics.h"

#include <cstdio>
#include <cstdlib>

namespace bf::metrics {
namespace {

// The shortest text that reads back as the same double ("0.005", not "0.0050000000000000001").
std::string number(double v) {
    char buf[64];
    for (int precision = 6; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    return buf;
}

void header(std::string& out, const std::string& name, const char* type, const std::string& help) {
    out += "# HELP " + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

}  // namespace

std::string label_value(const std::string& raw) {
    std::string out = "\"";
    for (const char c : raw) {
        if (c == '\\') out += "\\\\";
        else if (c == '"') out += "\\\"";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out + "\"";
}

void Registry::observe_request(const std::string& method, const std::string& route, int status, double seconds) {
    size_t bucket = 0;
    while (bucket < kLatencyBuckets.size() && seconds > kLatencyBuckets[bucket]) ++bucket;
    std::lock_guard<std::mutex> lock(mutex_);
    RouteStats& s = routes_[{method, route}];
    ++s.by_status[status];
    if (bucket < kLatencyBuckets.size()) ++s.buckets[bucket];
    ++s.count;
    s.sum += seconds;
}

void Registry::count(const std::string& name, const std::string& help, double amount) {
    std::lock_guard<std::mutex> lock(mutex_);
    Named& n = counters_[name];
    n.help = help;
    n.value += amount;
}

void Registry::set_gauge(const std::string& name, const std::string& help, double value) {
    std::lock_guard<std::mutex> lock(mutex_);
    gauges_[name] = Named{help, value};
}

std::string Registry::render() const {
    std::string out;
    std::lock_guard<std::mutex> lock(mutex_);
    header(out, "bookfair_http_requests_total", "counter", "Requests answered by this worker, by route and status.");
    for (const auto& [key, s] : routes_) {
        const std::string labels =
            "method=" + label_value(std::get<0>(key)) + ",route=" + label_value(std::get<1>(key));
        for (const auto& [status, n] : s.by_status)
            out += "bookfair_http_requests_total{" + labels + ",status=\"" + std::to_string(status) + "\"} " +
                   std::to_string(n) + "\n";
    }
    header(out, "bookfair_http_request_duration_seconds", "histogram",
           "Time from reading a request to its answer being ready, by route.");
    for (const auto& [key, s] : routes_) {
        const std::string labels =
            "method=" + label_value(std::get<0>(key)) + ",route=" + label_value(std::get<1>(key));
        uint64_t cumulative = 0;
        for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
            cumulative += s.buckets[i];
            out += "bookfair_http_request_duration_seconds_bucket{" + labels + ",le=\"" + number(kLatencyBuckets[i]) +
                   "\"} " + std::to_string(cumulative) + "\n";
        }
        out += "bookfair_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " +
               std::to_string(s.count) + "\n";
        out += "bookfair_http_request_duration_seconds_sum{" + labels + "} " + number(s.sum) + "\n";
        out += "bookfair_http_request_duration_seconds_count{" + labels + "} " + std::to_string(s.count) + "\n";
    }
    header(out, "bookfair_http_requests_in_flight", "gauge", "Requests being served right now by this worker.");
    out += "bookfair_http_requests_in_flight " + std::to_string(in_flight_.load(std::memory_order_relaxed)) + "\n";
    for (const auto& [name, n] : counters_) {
        header(out, name, "counter", n.help);
        out += name + " " + number(n.value) + "\n";
    }
    for (const auto& [name, n] : gauges_) {
        header(out, name, "gauge", n.help);
        out += name + " " + number(n.value) + "\n";
    }
    return out;
}

Registry& registry() {
    static Registry r;
    return r;
}

}  // namespace bf::metrics
