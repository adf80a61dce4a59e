#include "http/response.h"

namespace bf::http {

const char* status_text(int status) {
    switch (status) {
        case 200: return "OK";
        case 201: return "Created";
        case 204: return "No Content";
        case 301: return "Moved Permanently";
        case 302: return "Found";
        case 303: return "See Other";
        case 304: return "Not Modified";
        case 308: return "Permanent Redirect";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 409: return "Conflict";
        case 410: return "Gone";
        case 413: return "Payload Too Large";
        case 422: return "Unprocessable Content";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 503: return "Service Unavailable";
        default: return "Unknown";
    }
}

std::string format_set_cookie(const Cookie& c) {
    std::string out = c.name + "=" + c.value + "; Path=" + c.path;
    if (c.max_age >= 0) out += "; Max-Age=" + std::to_string(c.max_age);
    if (c.http_only) out += "; HttpOnly";
    if (!c.same_site.empty()) out += "; SameSite=" + c.same_site;
    if (c.secure) out += "; Secure";
    return out;
}

Response Response::see_other(const std::string& location, const std::string& flash_message, const std::string& kind) {
    Response r;
    r.status = 303;
    r.header("Location", location);
    r.flash = flash_message;
    r.flash_kind = kind;
    return r;
}

Response Response::text(int status, const std::string& body) {
    Response r;
    r.status = status;
    r.content_type = "text/plain; charset=utf-8";
    r.body = body;
    return r;
}

std::string Response::serialize(bool include_body) const {
    std::string out;
    out.reserve(body.size() + 512);
    out += "Status: " + std::to_string(status) + " " + status_text(status) + "\r\n";
    out += "Content-Type: " + content_type + "\r\n";
    for (const auto& [name, value] : headers) out += name + ": " + value + "\r\n";
    for (const auto& c : cookies) out += "Set-Cookie: " + format_set_cookie(c) + "\r\n";
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    if (include_body) out += body;
    return out;
}

}  // namespace bf::http
