#pragma once
// One line per event on stderr, with a UTC timestamp; the scripts send stderr to var/log/ (systemd
// units to /var/log/bookfair/). Format: `TIME LEVEL [request_id=ID ]message`; the request id is added
// to every line logged while a request is served on the thread (see RequestScope). Never log a
// secret: passwords, tokens, cookies, session ids, full URLs of signed links.
#include <string>

namespace bf::log {

void info(const std::string& message);
void warn(const std::string& message);
void error(const std::string& message);
// The one line a finished request writes (level REQUEST; see http/request_log.h for its fields),
// collected and written every 200 ms by one thread; other levels are written at once.
void request(const std::string& fields);

// Marks the lines the current thread logs, while it lives, with a request id.
class RequestScope {
public:
    explicit RequestScope(const std::string& request_id);
    ~RequestScope();
    RequestScope(const RequestScope&) = delete;
    RequestScope& operator=(const RequestScope&) = delete;
};

}  // namespace bf::log
