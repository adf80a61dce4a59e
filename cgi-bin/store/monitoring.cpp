#include "store/monitoring.h"

namespace bf::store {

MonitoringFigures Monitoring::figures() {
    MonitoringFigures f;
    // An index-only count per status (rows are never deleted, so these only grow: counters).
    for (const auto& row : db_.query("SELECT status, COUNT(*) FROM outbox GROUP BY status"))
        f.outbox_by_status[row.str(0)] = row.i64(1);
    for (const auto& row : db_.query("SELECT id, units_left FROM flash_sales WHERE status = 'active' ORDER BY id"))
        f.flash_units_left.emplace_back(row.i64(0), row.i64(1));
    f.mailer_last_beat = mailer_last_beat();
    return f;
}

std::optional<Time> Monitoring::mailer_last_beat() {
    const auto row = db_.query_one("SELECT MAX(beat_at) FROM mailer_heartbeats");
    return row ? row->opt_time(0) : std::nullopt;
}

void Monitoring::mailer_beat(const std::string& worker_id, Time now) {
    db_.exec("INSERT INTO mailer_heartbeats (worker_id, beat_at) VALUES (?, ?) ON DUPLICATE KEY UPDATE beat_at = ?",
             worker_id, now, now);
    // Gone for a day, or stamped more than an hour ahead (the clock was set back): forgotten.
    db_.exec("DELETE FROM mailer_heartbeats WHERE beat_at < ? OR beat_at > ?", now.plus_seconds(-86400),
             now.plus_seconds(3600));
}

}  // namespace bf::store
