#include "http/request_log.h"

#include <cstdio>

#include "core/crypto.h"
#include "core/metrics.h"

namespace bf::http {
namespace {

bool is_request_id(const std::string& s) {
    if (s.size() != 32) return false;
    for (const char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

}  // namespace

std::string request_id(const Env& env) {
    const auto it = env.find("REQUEST_ID");
    if (it != env.end() && is_request_id(it->second)) return it->second;
    return crypto::hex_encode(crypto::random_bytes(16));
}

std::string request_log_fields(const std::string& id, const RequestOutcome& outcome, double seconds) {
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.3f", seconds * 1000);
    // The method comes from nginx and is a token; quoting keeps a strange one on its line.
    return "id=" + id + " method=" + metrics::label_value(outcome.method) + " route=" +
           metrics::label_value(outcome.route) + " status=" + std::to_string(outcome.status) + " ms=" + ms +
           " user=" + (outcome.user_id ? std::to_string(*outcome.user_id) : "-");
}

}  // namespace bf::http
