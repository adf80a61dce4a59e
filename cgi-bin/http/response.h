#pragma once
// What a handler answers: status, headers, cookies and a body.
#include <string>
#include <utility>
#include <vector>

namespace bf::http {

struct Cookie {
    std::string name;
    std::string value;
    long max_age = -1;  // seconds; -1 for a browser-session cookie, 0 to delete
    bool http_only = true;
    std::string same_site = "Lax";
    bool secure = false;
    std::string path = "/";
};

std::string format_set_cookie(const Cookie& c);

struct Response {
    int status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::vector<std::pair<std::string, std::string>> headers;
    std::vector<Cookie> cookies;
    std::string body;
    // A message to show on the next page (post/redirect/get); the dispatcher stores it.
    std::string flash;
    std::string flash_kind = "success";

    static Response see_other(const std::string& location, const std::string& flash_message = "",
                              const std::string& kind = "success");
    static Response text(int status, const std::string& body);
    void header(const std::string& name, const std::string& value) { headers.emplace_back(name, value); }

    // The CGI/FastCGI wire form: "Status: ..." header lines, blank line, body.
    std::string serialize(bool include_body = true) const;
};

const char* status_text(int status);

}  // namespace bf::http
