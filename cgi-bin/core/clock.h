#pragma once
// Where "now" comes from. Production reads the system clock; tests point
// clock_file at a file holding an offset in seconds and move time by rewriting it.
#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "core/time.h"

namespace bf {

class Clock {
public:
    virtual ~Clock() = default;
    virtual Time now() const = 0;
};

class SystemClock : public Clock {
public:
    Time now() const override;
};

// System time plus an offset (seconds) read from a file; the file is re-read
// when its modification time changes, so moving time costs one stat per call.
class OffsetFileClock : public Clock {
public:
    explicit OffsetFileClock(std::string path);
    Time now() const override;

private:
    int64_t offset_seconds() const;
    std::string path_;
    mutable std::mutex mutex_;
    mutable int64_t cached_mtime_ns_ = -1;
    mutable int64_t cached_offset_ = 0;
};

// Chooses the clock for a configuration: an offset file when one is named.
std::unique_ptr<Clock> make_clock(const std::string& clock_file);

}  // namespace bf
