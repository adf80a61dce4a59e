#pragma once
// One HTTP request as the handlers see it: method, path, form fields, uploads, cookies.
#include <map>
#include <string>
#include <vector>

#include "core/time.h"

namespace bf::http {

using Env = std::map<std::string, std::string>;

struct UploadedFile {
    std::string field;
    std::string filename;
    std::string content_type;  // as the browser claimed it: never trusted
    std::string data;
};

class Request {
public:
    std::string method;  // GET, POST, ... (HEAD is answered as GET without a body)
    std::string path;    // decoded path without the query string
    std::string query_string;
    std::string remote_addr;
    bool https = false;
    Env env;
    std::map<std::string, std::string> path_params;
    std::multimap<std::string, std::string> fields;  // query (GET) or body (POST)
    std::vector<UploadedFile> files;
    std::map<std::string, std::string> cookies;
    Time now{};

    // First value of a form or query field, "" when absent.
    std::string field(const std::string& name) const;
    std::vector<std::string> all(const std::string& name) const;
    bool has(const std::string& name) const { return fields.count(name) > 0; }
    const UploadedFile* file(const std::string& name) const;
    std::string cookie(const std::string& name) const;
    std::string header(const std::string& name) const;  // "User-Agent" -> HTTP_USER_AGENT
    std::string param(const std::string& name) const;   // from the route pattern
    bool is_post() const { return method == "POST"; }
};

}  // namespace bf::http
