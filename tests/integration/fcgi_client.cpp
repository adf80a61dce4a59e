#include "fcgi_client.h"

#include <fastcgi.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "../fcgi_record.h"

extern char** environ;

namespace bf::test {
namespace {

void put_length(std::string& out, size_t n) {
    if (n < 128) {
        out += static_cast<char>(n);
    } else {
        out += static_cast<char>((n >> 24) | 0x80);
        out += static_cast<char>(n >> 16);
        out += static_cast<char>(n >> 8);
        out += static_cast<char>(n);
    }
}

bool read_exactly(int fd, char* buf, size_t n) {
    while (n > 0) {
        const ssize_t got = ::read(fd, buf, n);
        if (got <= 0) return false;
        buf += got;
        n -= static_cast<size_t>(got);
    }
    return true;
}

HttpResponse parse_cgi(const std::string& out) {
    HttpResponse r;
    r.status = 200;
    const size_t end = out.find("\r\n\r\n");
    const std::string head = out.substr(0, end);
    r.body = end == std::string::npos ? "" : out.substr(end + 4);
    size_t at = 0;
    while (at < head.size()) {
        size_t eol = head.find("\r\n", at);
        if (eol == std::string::npos) eol = head.size();
        const std::string line = head.substr(at, eol - at);
        at = eol + 2;
        const size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string name = line.substr(0, colon);
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.erase(0, 1);
        if (name == "status") r.status = std::stol(value);
        r.headers.emplace(name, value);
    }
    return r;
}

}  // namespace

HttpResponse fcgi_request(const std::string& socket_path, const std::vector<std::pair<std::string, std::string>>& params,
                          const std::string& body) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, socket_path.c_str(), sizeof addr.sun_path - 1);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot connect to " + socket_path);
    }
    std::string out;
    put_fcgi_record(out, FCGI_BEGIN_REQUEST, std::string("\0\1\0\0\0\0\0\0", 8));  // responder, no keep-alive
    std::string pairs;
    for (const auto& [name, value] : params) {
        put_length(pairs, name.size());
        put_length(pairs, value.size());
        pairs += name + value;
    }
    put_fcgi_record(out, FCGI_PARAMS, pairs);
    put_fcgi_record(out, FCGI_PARAMS, "");
    if (!body.empty()) put_fcgi_record(out, FCGI_STDIN, body);
    put_fcgi_record(out, FCGI_STDIN, "");
    for (size_t sent = 0; sent < out.size();) {
        const ssize_t n = ::write(fd, out.data() + sent, out.size() - sent);
        if (n <= 0) break;
        sent += static_cast<size_t>(n);
    }
    std::string answer;
    for (;;) {
        unsigned char header[FCGI_HEADER_LEN];
        if (!read_exactly(fd, reinterpret_cast<char*>(header), sizeof header)) break;
        const size_t length = (static_cast<size_t>(header[4]) << 8) | header[5], padding = header[6];
        std::string content(length + padding, '\0');
        if (!read_exactly(fd, content.data(), content.size())) break;
        if (header[1] == FCGI_STDOUT) answer.append(content, 0, length);
        if (header[1] == FCGI_END_REQUEST) break;
    }
    ::close(fd);
    return parse_cgi(answer);
}

ExtraWorker::ExtraWorker(std::string socket_path) : socket_(std::move(socket_path)) {
    ::unlink(socket_.c_str());
    const std::string socket_var = "BOOKFAIR_FCGI_SOCKET=" + socket_;
    std::vector<std::string> env_strings{socket_var};
    for (char** e = environ; *e; ++e)
        if (std::strncmp(*e, "BOOKFAIR_FCGI_SOCKET=", 21) != 0) env_strings.emplace_back(*e);
    std::vector<char*> envp;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::string binary = BOOKFAIR_WEB_BINARY, flag = "--config", conf = std::getenv("BOOKFAIR_CONFIG");
    char* argv[] = {binary.data(), flag.data(), conf.data(), nullptr};
    if (posix_spawn(&pid_, binary.c_str(), nullptr, nullptr, argv, envp.data()) != 0)
        throw std::runtime_error("cannot start a second bookfair-web");
    struct stat st {};
    if (!wait_until([&] { return ::stat(socket_.c_str(), &st) == 0 && S_ISSOCK(st.st_mode); }, std::chrono::seconds(30)))
        throw std::runtime_error("the second bookfair-web did not open " + socket_);
}

ExtraWorker::~ExtraWorker() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    ::unlink(socket_.c_str());
}

HttpResponse ExtraWorker::get(const std::string& path, const std::string& cookie) const {
    const size_t q = path.find('?');
    return fcgi_request(socket_, {{"REQUEST_METHOD", "GET"},
                                  {"SCRIPT_NAME", ""},
                                  {"PATH_INFO", path.substr(0, q)},
                                  {"DOCUMENT_URI", path.substr(0, q)},
                                  {"REQUEST_URI", path},
                                  {"QUERY_STRING", q == std::string::npos ? "" : path.substr(q + 1)},
                                  {"SERVER_PROTOCOL", "HTTP/1.1"},
                                  {"REMOTE_ADDR", "127.0.0.1"},
                                  {"HTTP_HOST", "127.0.0.1"},
                                  {"HTTP_COOKIE", cookie}});
}

}  // namespace bf::test
