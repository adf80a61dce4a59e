#include "store/audit.h"

#include <cstdio>

namespace bf::store {
namespace {

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

}  // namespace

std::string to_json(const AuditState& state) {
    std::string out = "{";
    for (const auto& [key, value] : state) {
        if (out.size() > 1) out += ", ";
        out += json_string(key) + ": " + json_string(value);
    }
    return out + "}";
}

void keep_changes(AuditState& before, AuditState& after) {
    auto value = [](const AuditState& s, const std::string& key) {
        const auto it = s.find(key);
        return it == s.end() ? std::string() : it->second;
    };
    AuditState b, a;
    for (const auto* side : {&before, &after})
        for (const auto& [key, ignored] : *side) {
            if (value(before, key) == value(after, key)) continue;
            if (before.count(key)) b[key] = before.at(key);
            if (after.count(key)) a[key] = after.at(key);
        }
    before = std::move(b);
    after = std::move(a);
}

void Audit::record(std::optional<int64_t> actor_id, const std::string& action, const std::string& subject_type, int64_t subject_id,
                   const AuditState& before, const AuditState& after, Time now) {
    db_.exec(
        "INSERT INTO audit_log (actor_id, action, subject_type, subject_id, before_state, after_state, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        actor_id, action, subject_type, subject_id, to_json(before), to_json(after), now);
}

namespace {

constexpr const char* kEntryColumns =
    "SELECT a.id, a.actor_id, COALESCE(u.display_name, 'system'), a.action, a.subject_type, a.subject_id,"
    " a.before_state, a.after_state, a.created_at FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id ";

std::vector<AuditEntry> read_entries(const db::Rows& rows) {
    std::vector<AuditEntry> out;
    for (const auto& r : rows)
        out.push_back({r.i64(0), r.opt_i64(1), r.str(2), r.str(3), r.str(4), r.i64(5), r.str(6), r.str(7), r.time(8)});
    return out;
}

}  // namespace

std::vector<AuditEntry> Audit::recent(int limit, std::optional<int64_t> before_id) {
    return read_entries(db_.query(std::string(kEntryColumns) + "WHERE a.id < ? ORDER BY a.id DESC LIMIT ?",
                                  before_id.value_or(INT64_MAX), limit));
}

std::vector<AuditEntry> Audit::for_subject(const std::string& subject_type, int64_t subject_id, int limit) {
    return read_entries(db_.query(std::string(kEntryColumns) +
                                      "WHERE a.subject_type = ? AND a.subject_id = ? ORDER BY a.id DESC LIMIT ?",
                                  subject_type, subject_id, limit));
}

}  // namespace bf::store
