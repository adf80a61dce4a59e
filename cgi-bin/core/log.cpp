#include "core/log.h"

#include <cstdio>
#include <mutex>

#include "core/clock.h"

namespace bf::log {
namespace {

std::mutex g_mutex;

void write(const char* level, const std::string& message) {
    const std::string when = format_iso(SystemClock().now());
    std::lock_guard<std::mutex> lock(g_mutex);
    std::fprintf(stderr, "%s %s %s\n", when.c_str(), level, message.c_str());
    std::fflush(stderr);
}

}  // namespace

void info(const std::string& message) { write("INFO", message); }
void warn(const std::string& message) { write("WARN", message); }
void error(const std::string& message) { write("ERROR", message); }

}  // namespace bf::log
