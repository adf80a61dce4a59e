// The FastCGI transport's own ceiling: a libfcgi responder that does no work at all. It answers every
// request with one fixed response (headers and page read from files at start) through the same
// transport code as bookfair-web (http/fcgi_io: one writev, detach when the input is read), on as
// many threads. bench/run puts it behind the same nginx settings and measures each page against it.
//   ceiling_responder --socket PATH --page FILE [--headers FILE] [--threads 8]
// The headers file holds the worker's own header lines (as curl -D shows them, status line first).
#include <fcgiapp.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "http/fcgi_io.h"

namespace {

int g_listen_fd = -1;

void on_terminate(int) {
    FCGX_ShutdownPending();
    if (g_listen_fd >= 0) shutdown(g_listen_fd, SHUT_RDWR);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The worker's header lines as CGI output: "HTTP/1.1 200 OK" becomes "Status: 200 OK"; what nginx
// adds itself (Server, Date, Connection, encodings, its cache mark) is left out, and the length is
// the page's own (curl shows what nginx sent).
std::string cgi_headers(const std::string& curl_headers) {
    std::istringstream in(curl_headers);
    std::string line, out;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        if (line.rfind("HTTP/", 0) == 0) {
            out += "Status: " + line.substr(line.find(' ') + 1) + "\r\n";
            continue;
        }
        std::string name = line.substr(0, line.find(':'));
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (name == "server" || name == "date" || name == "connection" || name == "content-length" ||
            name == "transfer-encoding" || name == "x-cache" || name == "vary" || name == "content-encoding" ||
            name == "keep-alive")
            continue;
        out += line + "\r\n";
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    std::string socket_path, page, headers_file;
    int threads = 8;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i], value = argv[i + 1];
        if (key == "--socket") socket_path = value;
        else if (key == "--page") page = value;
        else if (key == "--headers") headers_file = value;
        else if (key == "--threads") threads = std::stoi(value);
    }
    if (socket_path.empty() || page.empty()) {
        std::cerr << "usage: ceiling_responder --socket PATH --page FILE [--headers FILE] [--threads N]\n";
        return 2;
    }
    try {
        const std::string head = headers_file.empty() ? "Status: 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                                                      : cgi_headers(read_file(headers_file));
        // As the worker does: the length given, so nginx need not chunk the answer.
        const std::string body = read_file(page);
        const std::string response = head + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
        FCGX_Init();
        ::unlink(socket_path.c_str());
        g_listen_fd = FCGX_OpenSocket(socket_path.c_str(), 1024);
        if (g_listen_fd < 0) throw std::runtime_error("cannot listen on " + socket_path);
        ::chmod(socket_path.c_str(), 0666);
        struct sigaction sa {};
        sa.sa_handler = on_terminate;
        sigaction(SIGTERM, &sa, nullptr);
        sigaction(SIGINT, &sa, nullptr);
        signal(SIGPIPE, SIG_IGN);
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t)
            pool.emplace_back([&response] {
                FCGX_Request request;
                FCGX_InitRequest(&request, g_listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
                while (FCGX_Accept_r(&request) >= 0) {
                    bf::http::send_stdout(request, response);
                    bf::http::finish(request);
                }
            });
        for (auto& t : pool) t.join();
        ::unlink(socket_path.c_str());
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "ceiling_responder: " << e.what() << "\n";
        return 1;
    }
}
