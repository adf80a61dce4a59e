#pragma once
// What the monitoring endpoints read from the database: mail outcomes, flash-sale stock and the
// mailers' heartbeats (the outbox queues per class come from OutboxAdmin::queues). Each figure is one
// indexed query; nothing here locks a row.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

struct MonitoringFigures {
    std::map<std::string, int64_t> outbox_by_status;  // sent, failed, dead (and pending)
    std::vector<std::pair<int64_t, int64_t>> flash_units_left;  // active sale id, units left
    std::optional<Time> mailer_last_beat;       // the newest heartbeat of any mailer
};

class Monitoring {
public:
    explicit Monitoring(db::Connection& db) : db_(db) {}

    MonitoringFigures figures();
    std::optional<Time> mailer_last_beat();
    // A mailer's loop went round: records it (and forgets mailers silent for a day, and beats from
    // more than an hour ahead of `now`).
    void mailer_beat(const std::string& worker_id, Time now);

private:
    db::Connection& db_;
};

}  // namespace bf::store
