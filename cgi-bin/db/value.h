#pragma once
// Parameters going into a prepared statement and cells coming out of one.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace bf::db {

// Binary data (hashes, tokens) bound as a BLOB so no character set touches it.
struct Bytes {
    std::string data;
};

class Param {
public:
    enum class Kind { Null, Int, Text, Blob, DateTime };

    Param() = default;
    static Param null() { return Param(); }
    static Param integer(int64_t v);
    static Param text(std::string v);
    static Param blob(std::string v);
    static Param datetime(Time t);

    Kind kind() const { return kind_; }
    int64_t int_value() const { return int_; }
    const std::string& text_value() const { return text_; }
    Time time_value() const { return time_; }

private:
    Kind kind_ = Kind::Null;
    int64_t int_ = 0;
    std::string text_;
    Time time_{};
};

inline Param to_param(std::nullptr_t) { return Param::null(); }
inline Param to_param(int64_t v) { return Param::integer(v); }
inline Param to_param(int v) { return Param::integer(v); }
inline Param to_param(unsigned v) { return Param::integer(static_cast<int64_t>(v)); }
inline Param to_param(long long v) { return Param::integer(static_cast<int64_t>(v)); }
inline Param to_param(uint64_t v) { return Param::integer(static_cast<int64_t>(v)); }
inline Param to_param(bool v) { return Param::integer(v ? 1 : 0); }
inline Param to_param(const std::string& v) { return Param::text(v); }
inline Param to_param(std::string_view v) { return Param::text(std::string(v)); }
inline Param to_param(const char* v) { return Param::text(v); }
inline Param to_param(const Bytes& v) { return Param::blob(v.data); }
inline Param to_param(Time t) { return Param::datetime(t); }
inline Param to_param(const Param& p) { return p; }
template <class T>
Param to_param(const std::optional<T>& v) {
    return v ? to_param(*v) : Param::null();
}

class Cell {
public:
    enum class Kind { Null, Int, Text, DateTime };
    Kind kind = Kind::Null;
    int64_t int_value = 0;
    std::string text;
    Time time{};
};

// One result row; getters convert and throw std::runtime_error on a type mismatch.
class Row {
public:
    explicit Row(std::vector<Cell> cells) : cells_(std::move(cells)) {}
    size_t size() const { return cells_.size(); }
    bool is_null(size_t i) const;
    int64_t i64(size_t i) const;
    bool boolean(size_t i) const { return i64(i) != 0; }
    std::string str(size_t i) const;
    Time time(size_t i) const;
    std::optional<int64_t> opt_i64(size_t i) const;
    std::optional<std::string> opt_str(size_t i) const;
    std::optional<Time> opt_time(size_t i) const;

private:
    const Cell& at(size_t i) const;
    std::vector<Cell> cells_;
};

using Rows = std::vector<Row>;

}  // namespace bf::db
