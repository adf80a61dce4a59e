#pragma once
// One line per event on stderr, with a UTC timestamp; the scripts send stderr to var/log/.
#include <string>

namespace bf::log {

void info(const std::string& message);
void warn(const std::string& message);
void error(const std::string& message);

}  // namespace bf::log
