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

void Audit::record(int64_t actor_id, const std::string& action, const std::string& subject_type, int64_t subject_id,
                   const AuditState& before, const AuditState& after, Time now) {
    db_.exec(
        "INSERT INTO audit_log (actor_id, action, subject_type, subject_id, before_state, after_state, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        actor_id, action, subject_type, subject_id, to_json(before), to_json(after), now);
}

std::vector<AuditEntry> Audit::recent(int limit, std::optional<int64_t> before_id) {
    const auto rows = db_.query(
        "SELECT a.id, a.actor_id, COALESCE(u.display_name, 'system'), a.action, a.subject_type, a.subject_id,"
        " a.before_state, a.after_state, a.created_at"
        " FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id"
        " WHERE a.id < ? ORDER BY a.id DESC LIMIT ?",
        before_id.value_or(INT64_MAX), limit);
    std::vector<AuditEntry> out;
    for (const auto& r : rows)
        out.push_back({r.i64(0), r.opt_i64(1), r.str(2), r.str(3), r.str(4), r.i64(5), r.str(6), r.str(7), r.time(8)});
    return out;
}

}  // namespace bf::store
