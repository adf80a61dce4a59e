#include "core/process.h"

#include <signal.h>

#include <cstring>

namespace bf::process {
namespace {

std::atomic<bool> g_stop{false};
void on_terminate(int) { g_stop = true; }

}  // namespace

bool has_flag(int argc, char** argv, const char* flag) {
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], flag) == 0) return true;
    return false;
}

std::atomic<bool>& stop_on_terminate() {
    struct sigaction sa {};
    sa.sa_handler = on_terminate;
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    return g_stop;
}

}  // namespace bf::process
