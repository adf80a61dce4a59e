// FastCGI parameter reading: libfcgi's FCGX_Accept_r reading a request's records from a socket (as
// nginx sends them), then http::env_from making the worker's Env. The first byte picks the mode:
// - structured (even): the rest is name/value pairs, encoded as FastCGI name-value pairs (short and
//   long length forms) and cut into PARAMS records of fuzzed sizes. Property: the request is accepted
//   and env_from gives exactly those pairs and libfcgi's FCGI_ROLE (first of a repeated name wins);
// - raw (odd): the rest goes to the socket as it is. Property: FCGX_Accept_r accepts or refuses it,
//   without crashing or waiting forever, and env_from splits an accepted request's entries into names
//   without '=' (libfcgi hands "NAME=value" C strings: a NUL inside cuts one short, maybe before its '=').
// Both: reading time is linear in the size of the stream.
#include <fastcgi.h>
#include <fcgiapp.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <map>
#include <thread>

#include "../fcgi_record.h"
#include "fuzz_support.h"
#include "http/fcgi_env.h"

// libfcgi 2.4.2 (Debian 12) leaks 48 bytes for every management record (request id 0) of a type other
// than FCGI_GET_VALUES: ProcessManagementRecord allocates a parameter list it frees only on the
// GET_VALUES path (corpus/fcgi_params/regression-unknown-management-record). nginx never sends
// management records and only nginx can reach the worker's socket, so this is the library's, not a
// way in; the suppression is this harness's alone (the worker under ASan has none).
extern "C" const char* __lsan_default_suppressions() { return "leak:libfcgi.so\n"; }

namespace {

// A listening socket with nothing ever connecting, non-blocking: when libfcgi gives up on a broken
// request it tries to accept the next one, and must be told at once that there is none.
int idle_listener() {
    static const int fd = [] {
        FCGX_Init();
        const int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        const std::string path = "/tmp/bookfair-fcgi-fuzz-" + std::to_string(::getpid()) + ".sock";
        ::unlink(path.c_str());
        std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
        if (::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(s, 1) != 0) std::abort();
        ::unlink(path.c_str());
        ::fcntl(s, F_SETFL, O_NONBLOCK);
        return s;
    }();
    return fd;
}

void put_length(std::string& out, size_t n, bool long_form) {
    if (n < 128 && !long_form) {
        out += static_cast<char>(n);
        return;
    }
    out += static_cast<char>(0x80 | ((n >> 24) & 0x7f));
    out += static_cast<char>((n >> 16) & 0xff);
    out += static_cast<char>((n >> 8) & 0xff);
    out += static_cast<char>(n & 0xff);
}

std::string begin_request() {
    std::string out;
    const std::string body{0, FCGI_RESPONDER, 0, 0, 0, 0, 0, 0};
    bf::test::put_fcgi_record(out, FCGI_BEGIN_REQUEST, body);
    return out;
}

// Sends `stream` and lets libfcgi read a request from it. Answers whether it accepted one, with its Env.
bool read_request(const std::string& stream, bf::http::Env& env, bool& well_formed) {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) std::abort();
    const int big = 4 << 20;
    ::setsockopt(fds[0], SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
    ::setsockopt(fds[1], SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
    for (size_t sent = 0; sent < stream.size();) {
        const ssize_t n = ::write(fds[0], stream.data() + sent, stream.size() - sent);
        if (n <= 0) std::abort();  // the stream must fit in the socket's buffers (see -max_len)
        sent += static_cast<size_t>(n);
    }
    ::shutdown(fds[0], SHUT_WR);
    // libfcgi answers every management record (request id 0) on the same connection, as nginx expects:
    // read those answers as nginx would, or a stream of a few hundred of them fills the socket's buffer
    // and libfcgi's write blocks for ever (a libFuzzer timeout, corpus/fcgi_params/regression-unread-
    // management-replies). Reads until libfcgi closes its end.
    std::thread replies([fd = fds[0]] {
        char sink[4096];
        while (::read(fd, sink, sizeof sink) > 0) {
        }
    });
    FCGX_Request request;
    FCGX_InitRequest(&request, idle_listener(), 0);
    request.ipcFd = fds[1];
    request.keepConnection = 1;  // so that Accept reads this connection instead of accepting another
    const int rc = FCGX_Accept_r(&request);
    well_formed = true;
    if (rc == 0) {
        for (char** p = request.envp; p && *p; ++p) well_formed = well_formed && std::strchr(*p, '=') != nullptr;
        env = bf::http::env_from(request.envp);
        FCGX_Free(&request, 1);
    } else if (request.ipcFd >= 0) {
        ::close(request.ipcFd);
    }
    replies.join();
    ::close(fds[0]);
    return rc == 0;
}

std::string structured_stream(bf::fuzz::Bytes& bytes, std::map<std::string, std::string>& expected) {
    expected.emplace("FCGI_ROLE", "RESPONDER");  // libfcgi puts it first
    std::string params;
    while (!bytes.empty()) {
        const uint8_t flags = bytes.byte();
        std::string name = bytes.text(64), value = bytes.text(flags & 0x40 ? 4000 : 200);
        std::string clean;
        for (char c : name)
            if (c != '=') clean += c;
        if (clean.empty()) continue;
        if (value.find('\0') != std::string::npos) continue;
        expected.emplace(clean, value);
        put_length(params, clean.size(), flags & 1);
        put_length(params, value.size(), flags & 2);
        params += clean + value;
    }
    std::string stream = begin_request();
    for (size_t at = 0, step = 1 + params.size() % 251; at < params.size(); at += step)
        bf::test::put_fcgi_record(stream, FCGI_PARAMS, params.substr(at, step));
    bf::test::put_fcgi_record(stream, FCGI_PARAMS, "");
    bf::test::put_fcgi_record(stream, FCGI_STDIN, "");
    return stream;
}

// Whether a raw stream declares a name or value longer than nginx could ever send. libfcgi 2.4.2
// allocates name length + value length + 2 as an int before reading either, so two lengths near
// 2^31 overflow into a request for about 2^64 bytes, and the library aborts
// (corpus/fcgi_params/regression-overflowing-param-lengths). Only nginx reaches the worker's socket,
// and nginx sends parameters it built from a request its header buffers held (a few kilobytes), never
// a management record: the library's, not a way in, so such streams are not sent to it.
bool declares_impossible_length(const std::string& stream) {
    constexpr uint32_t kMost = 1u << 20;
    std::map<std::pair<int, int>, std::string> pairs;  // (type, request id) -> its name-value bytes
    for (size_t at = 0; at + 8 <= stream.size() && static_cast<unsigned char>(stream[at]) == FCGI_VERSION_1;) {
        const auto byte = [&](size_t i) { return static_cast<unsigned char>(stream[at + i]); };
        const int type = byte(1), id = byte(2) << 8 | byte(3);
        const size_t length = byte(4) << 8 | byte(5), padding = byte(6);
        if (type == FCGI_PARAMS || id == 0) pairs[{type, id}] += stream.substr(at + 8, length);
        at += 8 + length + padding;
    }
    for (const auto& entry : pairs) {
        const std::string& bytes = entry.second;
        size_t at = 0;
        const auto next_length = [&](uint32_t& n) {
            if (at >= bytes.size()) return false;
            const auto b = [&](size_t i) { return static_cast<unsigned char>(bytes[at + i]); };
            if (!(b(0) & 0x80)) {
                n = b(0);
                at += 1;
                return true;
            }
            if (at + 4 > bytes.size()) return false;
            n = static_cast<uint32_t>(b(0) & 0x7f) << 24 | b(1) << 16 | b(2) << 8 | b(3);
            at += 4;
            return true;
        };
        for (uint32_t name = 0, value = 0; next_length(name) && next_length(value); at += size_t{name} + value)
            if (name > kMost || value > kMost) return true;
    }
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    bf::fuzz::Bytes bytes(data, size);
    const bool raw = bytes.byte() & 1;
    bf::http::Env env;
    bool well_formed = true;
    if (raw) {
        const std::string stream = bytes.rest();
        if (declares_impossible_length(stream)) return 0;
        read_request(stream, env, well_formed);
        for (const auto& [name, value] : env) FUZZ_CHECK(name.find('=') == std::string::npos, name);
    } else {
        std::map<std::string, std::string> expected;
        const std::string stream = structured_stream(bytes, expected);
        FUZZ_CHECK(read_request(stream, env, well_formed), "a well-formed request was refused");
        FUZZ_CHECK(well_formed && bf::http::Env(expected.begin(), expected.end()) == env,
                   std::to_string(expected.size()) + " pairs sent, " + std::to_string(env.size()) + " read");
    }
    bf::fuzz::maybe_check_linear_time(data, size, [](const std::string& s) { return begin_request() + s; },
                                      [](const std::string& s) {
                                          bf::http::Env ignored;
                                          bool ok;
                                          read_request(s, ignored, ok);
                                      });
    return 0;
}
