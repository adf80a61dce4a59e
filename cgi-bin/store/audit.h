#pragma once
// The audit log: every admin action, written in the transaction of the change it records.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

// A record's fields as the log shows them ("role" -> "author"); stored as a small JSON object.
using AuditState = std::map<std::string, std::string>;

struct AuditEntry {
    int64_t id = 0;
    std::optional<int64_t> actor_id;
    std::string actor_name;
    std::string action;
    std::string subject_type;
    int64_t subject_id = 0;
    std::string before;  // JSON text
    std::string after;
    Time at{};
};

std::string to_json(const AuditState& state);
// Leaves in both states only the fields whose values differ (a field missing on one side counts as "").
void keep_changes(AuditState& before, AuditState& after);

class Audit {
public:
    explicit Audit(db::Connection& db) : db_(db) {}
    // actor_id: the admin who acted, or nullopt for the system (the command-line tool), shown as "system".
    void record(std::optional<int64_t> actor_id, const std::string& action, const std::string& subject_type, int64_t subject_id,
                const AuditState& before, const AuditState& after, Time now);
    // Newest first; `before_id` continues a previous page (keyset).
    std::vector<AuditEntry> recent(int limit, std::optional<int64_t> before_id = std::nullopt);
    // One record's entries, newest first.
    std::vector<AuditEntry> for_subject(const std::string& subject_type, int64_t subject_id, int limit);

private:
    db::Connection& db_;
};

}  // namespace bf::store
