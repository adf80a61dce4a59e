#include "core/log.h"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

#include "core/clock.h"

namespace bf::log {
namespace {

std::mutex g_mutex;
thread_local std::string t_request_id;

void write_all(const std::string& text) {
    for (size_t at = 0; at < text.size();) {
        const ssize_t n = ::write(STDERR_FILENO, text.data() + at, text.size() - at);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        at += static_cast<size_t>(n);
    }
}

std::string line(const char* level, const std::string& message, bool with_request_id) {
    const std::string id = with_request_id && !t_request_id.empty() ? "request_id=" + t_request_id + " " : "";
    return format_iso(SystemClock().now()) + " " + level + " " + id + message + "\n";
}

void write(const char* level, const std::string& message, bool with_request_id) {
    const std::string text = line(level, message, with_request_id);
    std::lock_guard<std::mutex> lock(g_mutex);
    std::fflush(stderr);  // anything printed through stdio first stays in order
    write_all(text);
}

// Request lines are collected and written every 200 ms (or at 64 KB) by one thread: a write(2) per
// request, with the threads contending for the file's position, cost the worker about 8% of its
// requests per second. A crash loses at most the last 200 ms of them; warnings and errors are
// written at once. The buffer is flushed when the process exits normally.
class RequestLines {
public:
    void add(std::string text) {
        std::unique_lock<std::mutex> lock(mutex_);
        if (!flusher_.joinable()) flusher_ = std::thread([this] { run(); });
        pending_ += text;
        if (pending_.size() < kFlushBytes) return;
        std::string out;
        out.swap(pending_);
        lock.unlock();
        emit(out);
    }
    ~RequestLines() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        if (flusher_.joinable()) flusher_.join();
        emit(pending_);
    }

private:
    static constexpr size_t kFlushBytes = 64 * 1024;

    static void emit(const std::string& text) {
        if (text.empty()) return;
        std::lock_guard<std::mutex> lock(g_mutex);
        write_all(text);
    }
    void run() {
        std::unique_lock<std::mutex> lock(mutex_);
        while (!stopping_) {
            wake_.wait_for(lock, std::chrono::milliseconds(200));
            std::string out;
            out.swap(pending_);
            lock.unlock();
            emit(out);
            lock.lock();
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_;
    std::string pending_;
    bool stopping_ = false;
    std::thread flusher_;
};

RequestLines& request_lines() {
    static RequestLines lines;
    return lines;
}

}  // namespace

void info(const std::string& message) { write("INFO", message, true); }
void warn(const std::string& message) { write("WARN", message, true); }
void error(const std::string& message) { write("ERROR", message, true); }
void request(const std::string& fields) { request_lines().add(line("REQUEST", fields, false)); }

RequestScope::RequestScope(const std::string& request_id) { t_request_id = request_id; }
RequestScope::~RequestScope() { t_request_id.clear(); }

}  // namespace bf::log
