#pragma once
// The access line each request writes and the request id that ties it to the response
// (X-Request-Id), to nginx's access log and to every error logged meanwhile.
//
// Line format (documented in README, "Deploying"), logfmt after the timestamp and level:
//   2026-12-07T09:12:30Z REQUEST id=5f0c... method=GET route="/books/{slug}" status=200 ms=3.412 user=42
// `route` is the matched pattern, never the path: paths can hold tokens (/verify/{token}), and the
// query string, cookies and bodies are never logged. `user` is "-" for visitors without an account.
#include <cstdint>
#include <optional>
#include <string>

#include "http/parse.h"

namespace bf::http {

// nginx's $request_id (fastcgi_param REQUEST_ID, 32 hex digits) when it sent one, else a fresh
// random id of the same form: the id is never taken from the client.
std::string request_id(const Env& env);

struct RequestOutcome {
    std::string method;
    std::string route = "-";  // the matched route pattern; "-" when none matched or the request was unreadable
    int status = 0;
    std::optional<int64_t> user_id;
};

// The fields of the access line (after "REQUEST").
std::string request_log_fields(const std::string& id, const RequestOutcome& outcome, double seconds);

}  // namespace bf::http
