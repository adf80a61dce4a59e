#include "db/value.h"

#include <stdexcept>

namespace bf::db {

Param Param::integer(int64_t v) {
    Param p;
    p.kind_ = Kind::Int;
    p.int_ = v;
    return p;
}

Param Param::text(std::string v) {
    Param p;
    p.kind_ = Kind::Text;
    p.text_ = std::move(v);
    return p;
}

Param Param::blob(std::string v) {
    Param p;
    p.kind_ = Kind::Blob;
    p.text_ = std::move(v);
    return p;
}

Param Param::datetime(Time t) {
    Param p;
    p.kind_ = Kind::DateTime;
    p.time_ = t;
    return p;
}

const Cell& Row::at(size_t i) const {
    if (i >= cells_.size()) throw std::runtime_error("row has no column " + std::to_string(i));
    return cells_[i];
}

bool Row::is_null(size_t i) const { return at(i).kind == Cell::Kind::Null; }

int64_t Row::i64(size_t i) const {
    const Cell& c = at(i);
    switch (c.kind) {
        case Cell::Kind::Int: return c.int_value;
        case Cell::Kind::Text: return std::stoll(c.text);  // DECIMAL sums arrive as text
        case Cell::Kind::Null: return 0;
        default: throw std::runtime_error("column " + std::to_string(i) + " is not a number");
    }
}

std::string Row::str(size_t i) const {
    const Cell& c = at(i);
    switch (c.kind) {
        case Cell::Kind::Text: return c.text;
        case Cell::Kind::Int: return std::to_string(c.int_value);
        case Cell::Kind::Null: return "";
        default: return format_iso(c.time);
    }
}

Time Row::time(size_t i) const {
    const Cell& c = at(i);
    if (c.kind != Cell::Kind::DateTime) throw std::runtime_error("column " + std::to_string(i) + " is not a time");
    return c.time;
}

std::optional<int64_t> Row::opt_i64(size_t i) const {
    if (is_null(i)) return std::nullopt;
    return i64(i);
}

std::optional<std::string> Row::opt_str(size_t i) const {
    if (is_null(i)) return std::nullopt;
    return str(i);
}

std::optional<Time> Row::opt_time(size_t i) const {
    if (is_null(i)) return std::nullopt;
    return time(i);
}

}  // namespace bf::db
