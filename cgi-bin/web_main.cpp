// bookfair-web: the FastCGI worker. N threads, each with its own MariaDB connection.
// Without a FastCGI socket it runs as a plain CGI program: one request, then exit.
#include <fcgiapp.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <thread>
#include <vector>

#include "core/config.h"
#include "core/crypto.h"
#include "core/log.h"
#include "db/connection.h"
#include "db/settings.h"
#include "pages/app.h"

extern char** environ;

namespace {

int g_listen_fd = -1;

// libfcgi's own handler only marks shutdown as pending; closing the listening socket
// also wakes threads blocked in accept. Requests in flight run to completion.
void on_terminate(int) {
    FCGX_ShutdownPending();
    if (g_listen_fd >= 0) shutdown(g_listen_fd, SHUT_RDWR);
}

bf::http::Env env_from(char** envp) {
    bf::http::Env env;
    for (char** p = envp; p && *p; ++p) {
        const char* eq = std::strchr(*p, '=');
        if (eq) env.emplace(std::string(*p, static_cast<size_t>(eq - *p)), std::string(eq + 1));
    }
    return env;
}

bool is_head(const bf::http::Env& env) {
    const auto it = env.find("REQUEST_METHOD");
    return it != env.end() && it->second == "HEAD";
}

void worker_thread(const bf::pages::App& app, const bf::db::DbConfig& dbc) {
    bf::db::ThreadScope db_thread;
    bf::db::Connection connection(dbc);
    bf::store::Store store(connection);
    FCGX_Request request;
    FCGX_InitRequest(&request, g_listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
    while (FCGX_Accept_r(&request) >= 0) {
        bf::http::Env env = env_from(request.envp);
        const bool head = is_head(env);
        const auto response = app.serve(
            std::move(env), [&](char* buf, size_t n) {
                const int got = FCGX_GetStr(buf, static_cast<int>(n), request.in);
                return got > 0 ? static_cast<size_t>(got) : 0;
            },
            store);
        const std::string wire = response.serialize(!head);
        FCGX_PutStr(wire.data(), static_cast<int>(wire.size()), request.out);
        FCGX_Finish_r(&request);
    }
}

int run_cgi_once(const bf::pages::App& app, const bf::db::DbConfig& dbc) {
    bf::db::Connection connection(dbc);
    bf::store::Store store(connection);
    bf::http::Env env = env_from(environ);
    const bool head = is_head(env);
    const auto response = app.serve(
        std::move(env), [](char* buf, size_t n) { return std::fread(buf, 1, n, stdin); }, store);
    const std::string wire = response.serialize(!head);
    std::fwrite(wire.data(), 1, wire.size(), stdout);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const bf::Config config = bf::Config::load(bf::config_path_from_args(argc, argv));
        bf::crypto::init();
        bf::db::library_init();
        const bf::pages::App app(config);
        const bf::db::DbConfig dbc = bf::db::settings_from(config);
        const std::string socket_path = config.get("fcgi_socket");

        if (socket_path.empty() && FCGX_IsCGI()) return run_cgi_once(app, dbc);

        FCGX_Init();
        if (!socket_path.empty()) {
            ::unlink(socket_path.c_str());
            g_listen_fd = FCGX_OpenSocket(socket_path.c_str(), 1024);
            if (g_listen_fd < 0) throw std::runtime_error("cannot listen on " + socket_path);
            ::chmod(socket_path.c_str(), 0666);  // nginx workers run as another user
        } else {
            g_listen_fd = 0;  // spawned by a FastCGI process manager with the socket on stdin
        }
        struct sigaction sa {};
        sa.sa_handler = on_terminate;
        sigaction(SIGTERM, &sa, nullptr);
        sigaction(SIGINT, &sa, nullptr);
        signal(SIGPIPE, SIG_IGN);

        const int threads = static_cast<int>(config.get_int("threads", 8));
        bf::log::info("bookfair-web listening on " + (socket_path.empty() ? "stdin" : socket_path) + " with " +
                      std::to_string(threads) + " threads");
        std::vector<std::thread> pool;
        for (int i = 0; i < threads; ++i) pool.emplace_back(worker_thread, std::cref(app), std::cref(dbc));
        for (auto& t : pool) t.join();
        if (!socket_path.empty()) ::unlink(socket_path.c_str());
        bf::log::info("bookfair-web stopped");
        bf::db::library_end();
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "bookfair-web: " << e.what() << "\n";
        return 1;
    }
}
