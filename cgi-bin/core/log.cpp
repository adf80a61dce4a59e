#include "core/log.h"

#include <cstdio>
#include <mutex>

#include "core/clock.h"

namespace bf::log {
namespace {

std::mutex g_mutex;
thread_local std::string t_request_id;

void write(const char* level, const std::string& message, bool with_request_id) {
    const std::string when = format_iso(SystemClock().now());
    const std::string id = with_request_id && !t_request_id.empty() ? "request_id=" + t_request_id + " " : "";
    std::lock_guard<std::mutex> lock(g_mutex);
    std::fprintf(stderr, "%s %s %s%s\n", when.c_str(), level, id.c_str(), message.c_str());
    std::fflush(stderr);
}

}  // namespace

void info(const std::string& message) { write("INFO", message, true); }
void warn(const std::string& message) { write("WARN", message, true); }
void error(const std::string& message) { write("ERROR", message, true); }
void request(const std::string& fields) { write("REQUEST", fields, false); }

RequestScope::RequestScope(const std::string& request_id) { t_request_id = request_id; }
RequestScope::~RequestScope() { t_request_id.clear(); }

}  // namespace bf::log
