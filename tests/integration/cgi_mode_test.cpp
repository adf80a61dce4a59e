// The same binary answers one request as a plain CGI program.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "harness.h"

using namespace bf::test;

namespace {

std::string run_cgi(const std::string& env, const std::string& body) {
    const std::string input = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") + "/bookfair-cgi-body";
    std::ofstream(input, std::ios::binary) << body;
    // No fcgi_socket: the worker sees a CGI environment on its standard input.
    const std::string cmd = "env BOOKFAIR_FCGI_SOCKET= " + env + " " BOOKFAIR_WEB_BINARY " --config " +
                            std::string(std::getenv("BOOKFAIR_CONFIG")) + " < " + input;
    const CommandResult r = run_command(cmd);
    EXPECT_EQ(r.status, 0);
    return r.output;
}

}  // namespace

TEST(CgiMode, GetRequestPrintsStatusHeadersAndPage) {
    config();  // fails clearly when the stack is not described
    const std::string out = run_cgi("REQUEST_METHOD=GET PATH_INFO=/login QUERY_STRING= SERVER_PROTOCOL=HTTP/1.1", "");
    EXPECT_EQ(out.rfind("Status: 200 OK\r\n", 0), 0u) << out.substr(0, 200);
    EXPECT_NE(out.find("Content-Type: text/html; charset=utf-8\r\n"), std::string::npos);
    EXPECT_NE(out.find("\r\n\r\n<!DOCTYPE html>"), std::string::npos);
    EXPECT_NE(out.find("<h1>Log in</h1>"), std::string::npos);
}

TEST(CgiMode, PostBodyOnStdinIsRead) {
    const std::string body = "email=x%40example.com&password=secret123";
    const std::string out = run_cgi("REQUEST_METHOD=POST PATH_INFO=/login CONTENT_TYPE=application/x-www-form-urlencoded "
                                    "CONTENT_LENGTH=" + std::to_string(body.size()), body);
    // Read and parsed: refused for its missing CSRF token, not for a broken body.
    EXPECT_EQ(out.rfind("Status: 403 Forbidden\r\n", 0), 0u) << out.substr(0, 200);
}

TEST(CgiMode, UnknownPathIs404) {
    const std::string out = run_cgi("REQUEST_METHOD=GET PATH_INFO=/missing", "");
    EXPECT_EQ(out.rfind("Status: 404 Not Found\r\n", 0), 0u);
}
