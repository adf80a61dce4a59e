#pragma once
// Speaks FastCGI straight to a bookfair-web process's socket, as nginx does: for tests that need to
// reach one particular worker process (a second one started by the test, say) rather than whichever
// one nginx picks.
#include <string>
#include <utility>
#include <vector>

#include "harness.h"

namespace bf::test {

// A worker process of its own on `socket_path` (the stack's config, the socket overridden), stopped
// with SIGTERM when this goes out of scope.
class ExtraWorker {
public:
    explicit ExtraWorker(std::string socket_path);
    ~ExtraWorker();
    ExtraWorker(const ExtraWorker&) = delete;
    ExtraWorker& operator=(const ExtraWorker&) = delete;

    // GET `path` with the given Cookie header; the answer's status, headers and body.
    HttpResponse get(const std::string& path, const std::string& cookie) const;

private:
    std::string socket_;
    int pid_ = -1;
};

// One request over FastCGI; params are CGI variables. Parses the CGI answer ("Status: ...").
HttpResponse fcgi_request(const std::string& socket_path, const std::vector<std::pair<std::string, std::string>>& params,
                          const std::string& body = "");

}  // namespace bf::test
