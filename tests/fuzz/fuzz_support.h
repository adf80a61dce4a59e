#pragma once
// What the libFuzzer harnesses share: a property check that aborts with a message (libFuzzer saves
// the input), a reader that takes structured values from the fuzzer's bytes, and the linear-time
// check every parser of outside input must pass.
#include <time.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <string_view>

namespace bf::fuzz {

[[noreturn]] inline void fail(const char* what, const std::string& detail = "") {
    std::fprintf(stderr, "PROPERTY FAILED: %s\n%s\n", what, detail.substr(0, 2000).c_str());
    std::abort();
}
#define FUZZ_CHECK(cond, detail) \
    do {                         \
        if (!(cond)) ::bf::fuzz::fail(#cond, (detail)); \
    } while (0)

// Reads the fuzzer's bytes as a sequence of small values.
class Bytes {
public:
    Bytes(const uint8_t* data, size_t size) : data_(reinterpret_cast<const char*>(data)), size_(size) {}
    bool empty() const { return pos_ >= size_; }
    uint8_t byte() { return empty() ? 0 : static_cast<uint8_t>(data_[pos_++]); }
    uint16_t u16() { return static_cast<uint16_t>(byte() | (byte() << 8)); }
    // Up to `max` bytes, ended early by a 0x00 byte (which is consumed).
    std::string text(size_t max) {
        std::string out;
        while (!empty() && out.size() < max) {
            const char c = data_[pos_++];
            if (c == '\0') break;
            out += c;
        }
        return out;
    }
    std::string rest() {
        std::string out(data_ + std::min(pos_, size_), size_ - std::min(pos_, size_));
        pos_ = size_;
        return out;
    }

private:
    const char* data_;
    size_t size_;
    size_t pos_ = 0;
};

// Parse time must grow linearly with the input. The input is cut into prefix, middle and suffix
// (the cut points are part of the fuzzed input) and the middle is repeated: k times, then 4k times,
// with k chosen so the smaller input is about 4 KB. A linear parser takes about 4x as long for the
// larger one, a quadratic one about 16x; more than 10x is suspect. Both are timed in the thread's CPU
// time (time spent waiting for a busy machine's cores does not count) as the best of three runs, and
// only when the larger took over 0.5 ms. A suspect is measured once more at 16k: it fails only when
// that step grows more than 10x too. One step alone is the memory allocator, not the parser: a buffer
// that crosses a size class (ASan's allocator maps chunks over 128 KB one by one, glibc's over 128 KB
// too) costs fresh pages once, then time grows 4x per 4x again (measured on the reports that led here:
// README, "Fuzzing").
// `parse` must not throw anything it is not allowed to (the caller decides); its result is ignored.
inline void check_linear_time(const std::string& prefix, const std::string& middle, const std::string& suffix,
                              const std::function<void(const std::string&)>& parse) {
    if (middle.empty()) return;
    const size_t k = std::max<size_t>(1, (4 * 1024) / middle.size());
    auto build = [&](size_t times) {
        std::string s = prefix;
        s.reserve(prefix.size() + middle.size() * times + suffix.size());
        for (size_t i = 0; i < times; ++i) s += middle;
        return s + suffix;
    };
    auto cpu_seconds = [] {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
    };
    auto best_of_three = [&](const std::string& input) {
        double best = 1e30;
        for (int i = 0; i < 3; ++i) {
            const double t0 = cpu_seconds();
            parse(input);
            best = std::min(best, cpu_seconds() - t0);
        }
        return best;
    };
    const std::string small = build(k), large = build(4 * k);
    const double t_small = best_of_three(small), t_large = best_of_three(large);
    if (t_large > 0.0005 && t_large > 10 * t_small) {
        // Once more, to tell a quadratic parser from a moment the machine was busy.
        const double again_small = best_of_three(small), again_large = best_of_three(large);
        if (again_large <= 10 * again_small) return;
        // And one size further, to tell it from an allocator's step.
        const std::string larger = build(16 * k);
        const double t_larger = best_of_three(larger);
        if (t_larger > 10 * again_large)
            fail("parse time grows faster than the input",
                 "N=" + std::to_string(small.size()) + ": " + std::to_string(again_small * 1e3) + " ms; 4N=" +
                     std::to_string(large.size()) + ": " + std::to_string(again_large * 1e3) + " ms; 16N=" +
                     std::to_string(larger.size()) + ": " + std::to_string(t_larger * 1e3) +
                     " ms; repeated middle (" + std::to_string(middle.size()) + " bytes): " + middle.substr(0, 200));
    }
}

// Cuts `input` into prefix, middle and suffix at two points read from its first four bytes; runs the
// linear-time check on one input in 64 (by its first byte), so fuzzing stays fast.
inline void maybe_check_linear_time(const uint8_t* data, size_t size,
                                    const std::function<std::string(const std::string&)>& shape,
                                    const std::function<void(const std::string&)>& parse) {
    if (size < 5 || (data[0] & 0x3f) != 0) return;
    Bytes b(data, size);
    const uint16_t a = b.u16(), c = b.u16();
    const std::string payload = shape(b.rest());
    const size_t i = std::min<size_t>(a, payload.size()), j = std::min<size_t>(std::max<size_t>(i, c), payload.size());
    check_linear_time(payload.substr(0, i), payload.substr(i, j - i), payload.substr(j), parse);
}

}  // namespace bf::fuzz
