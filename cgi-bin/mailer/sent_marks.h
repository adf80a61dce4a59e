#pragma once
// Writes "sent" marks on a connection of its own, so the sender need not wait for each commit
// (an fsync, often longer than the SMTP exchange itself) before the next message.
//
// The price is bounded: at most `max_unmarked` messages are ever accepted by the SMTP server
// without a durable sent mark (the sender waits for room before each send). A kill -9 can
// therefore send at most that many messages a second time, each at most once more, and the
// row's attempt count says so. Marks that pile up are written together in one transaction.
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "core/time.h"
#include "db/connection.h"

namespace bf::mailer {

class SentMarks {
public:
    SentMarks(db::DbConfig db, size_t max_unmarked);
    ~SentMarks();  // writes what is left, then stops
    SentMarks(const SentMarks&) = delete;
    SentMarks& operator=(const SentMarks&) = delete;

    // Blocks until one more message may be sent without exceeding max_unmarked.
    void wait_for_room();
    // Records that the server accepted outbox row `id` at `when`.
    void add(int64_t id, Time when);
    // Blocks until every mark added so far is committed.
    void flush();

private:
    void loop();
    size_t outstanding() const { return queue_.size() + writing_; }

    db::DbConfig db_;
    size_t max_unmarked_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::pair<int64_t, Time>> queue_;
    size_t writing_ = 0;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace bf::mailer
