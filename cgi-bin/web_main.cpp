// bookfair-web: the FastCGI worker. N threads, each with its own MariaDB connection.
// Without a FastCGI socket it runs as a plain CGI program: one request, then exit.
#include <fcgiapp.h>
#include <malloc.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <cstring>
#include <iostream>
#include <thread>
#include <vector>

#include "core/config.h"
#include "core/crypto.h"
#include "core/log.h"
#include "db/connection.h"
#include "http/fcgi_env.h"
#include "http/fcgi_io.h"
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
        bf::http::Env env = bf::http::env_from(request.envp);
        const bool head = is_head(env);
        const auto response = app.serve(
            std::move(env), [&](char* buf, size_t n) {
                const int got = FCGX_GetStr(buf, static_cast<int>(n), request.in);
                return got > 0 ? static_cast<size_t>(got) : 0;
            },
            store);
        const std::string wire = response.serialize(!head);
        bf::http::send_stdout(request, wire);
        bf::http::finish(request);
    }
}

// Hands the views counted in memory to the database every few seconds (and once more at
// shutdown), on its own connection: no request ever waits for this.
class ViewFlusher {
public:
    ViewFlusher(const bf::pages::App& app, const bf::db::DbConfig& dbc, std::chrono::milliseconds every)
        : thread_([this, &app, dbc, every] { run(app, dbc, every); }) {}
    ~ViewFlusher() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        thread_.join();
    }

private:
    void run(const bf::pages::App& app, bf::db::DbConfig dbc, std::chrono::milliseconds every) {
        bf::db::ThreadScope db_thread;
        bf::db::Connection connection(dbc);
        bf::store::Store store(connection);
        for (bool last = false; !last;) {
            {
                std::unique_lock<std::mutex> lock(mutex_);
                wake_.wait_for(lock, every, [this] { return stopping_; });
                last = stopping_;
            }
            const auto views = app.views().take();
            if (views.empty()) continue;
            try {
                store.catalog.record_views(views, app.clock().now());
            } catch (const std::exception& e) {
                bf::log::warn(std::string("could not record page views: ") + e.what());
            }
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

int run_cgi_once(const bf::pages::App& app, const bf::db::DbConfig& dbc) {
    bf::db::Connection connection(dbc);
    bf::store::Store store(connection);
    bf::http::Env env = bf::http::env_from(environ);
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
        const bf::db::DbConfig dbc = bf::db::DbConfig::from(config);
        const std::string socket_path = config.get("fcgi_socket");

        if (socket_path.empty() && FCGX_IsCGI()) return run_cgi_once(app, dbc);

        FCGX_Init();
        if (!socket_path.empty()) {
            ::unlink(socket_path.c_str());
            g_listen_fd = FCGX_OpenSocket(socket_path.c_str(), 1024);
            if (g_listen_fd < 0) throw std::runtime_error("cannot listen on " + socket_path);
            // nginx workers run as another user: 0666 in the dev stack; an install gives 0660 in a
            // directory of group www-data (see deploy/tmpfiles.conf).
            ::chmod(socket_path.c_str(), static_cast<mode_t>(std::stoi(config.get("fcgi_socket_mode", "0666"), nullptr, 8)));
        } else {
            g_listen_fd = 0;  // spawned by a FastCGI process manager with the socket on stdin
        }
        struct sigaction sa {};
        sa.sa_handler = on_terminate;
        sigaction(SIGTERM, &sa, nullptr);
        sigaction(SIGINT, &sa, nullptr);
        signal(SIGPIPE, SIG_IGN);

        // A request allocates and frees a few hundred KB (dictionaries, the page). With glibc's default
        // trim threshold a thread's heap handed its free top back to the kernel (madvise) after most
        // requests, only to fault it in again on the next; keep up to 16 MB of it per heap.
        mallopt(M_TRIM_THRESHOLD, 16 << 20);
        const int threads = static_cast<int>(config.get_int("threads", 8));
        bf::log::info("bookfair-web listening on " + (socket_path.empty() ? "stdin" : socket_path) + " with " +
                      std::to_string(threads) + " threads");
        {
            ViewFlusher flusher(app, dbc, std::chrono::milliseconds(config.get_int("view_flush_ms", 5000)));
            std::vector<std::thread> pool;
            for (int i = 0; i < threads; ++i) pool.emplace_back(worker_thread, std::cref(app), std::cref(dbc));
            for (auto& t : pool) t.join();
        }
        if (!socket_path.empty()) ::unlink(socket_path.c_str());
        bf::log::info("bookfair-web stopped");
        bf::db::library_end();
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "bookfair-web: " << e.what() << "\n";
        return 1;
    }
}
