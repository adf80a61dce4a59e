#pragma once
// What the long-running companion programs (mailer, indexer) share at start: their command-line
// flags and a stop flag that SIGTERM and SIGINT set, so the round in progress can finish first.
#include <atomic>

namespace bf::process {

// True when `flag` (e.g. "--once") is one of the arguments.
bool has_flag(int argc, char** argv, const char* flag);

// Installs SIGTERM and SIGINT handlers that set the returned flag (one flag per process).
std::atomic<bool>& stop_on_terminate();

}  // namespace bf::process
