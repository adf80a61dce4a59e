#include "mailer/sent_marks.h"

#include <chrono>

#include "core/log.h"
#include "store/store.h"

namespace bf::mailer {

SentMarks::SentMarks(db::DbConfig db, size_t max_unmarked)
    : db_(std::move(db)), max_unmarked_(max_unmarked < 1 ? 1 : max_unmarked), thread_([this] { loop(); }) {}

SentMarks::~SentMarks() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
}

void SentMarks::wait_for_room() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return outstanding() < max_unmarked_; });
}

void SentMarks::add(int64_t id, Time when) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.emplace_back(id, when);
    }
    changed_.notify_all();
}

void SentMarks::flush() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return outstanding() == 0; });
}

void SentMarks::loop() {
    db::ThreadScope db_thread;
    db::Connection connection(db_);
    store::Store store(connection);
    std::vector<std::pair<int64_t, Time>> batch;
    while (true) {
        {
            std::unique_lock<std::mutex> lock(mutex_);
            changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, and nothing left to write
            batch.swap(queue_);
            writing_ = batch.size();
        }
        // A mark must not be lost while the process lives: retry until the database takes it.
        // Only a process asked to stop gives up (after about 20 s): those few messages then go
        // out once more after the restart, as after a kill -9.
        for (int attempt = 1;; ++attempt) {
            try {
                store.mail.mark_all_sent(batch);
                break;
            } catch (const std::exception& e) {
                log::error("writing " + std::to_string(batch.size()) + " sent marks (attempt " +
                           std::to_string(attempt) + "): " + e.what());
                bool give_up = false;
                {
                    std::lock_guard<std::mutex> lock(mutex_);
                    give_up = stopping_ && attempt >= 25;
                }
                if (give_up) break;
                std::this_thread::sleep_for(std::chrono::milliseconds(attempt < 10 ? 100 * attempt : 1000));
            }
        }
        batch.clear();
        {
            std::lock_guard<std::mutex> lock(mutex_);
            writing_ = 0;
        }
        changed_.notify_all();
    }
}

}  // namespace bf::mailer
