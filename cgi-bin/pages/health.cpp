// Watching a running shop:
//   GET /healthz  200 while the database answers, 503 when it does not; the body names each part:
//                   ok|degraded|down
//                   database: ok|down
//                   mailer: ok|stale|never seen|unknown (last loop N s ago)
//                 "degraded" (still 200: the worker can serve) when no mailer went round its loop
//                 within health_mailer_stale_seconds (120).
//   GET /metrics  Prometheus text for the networks in metrics_allow (default: this host only); 404
//                 for everyone else, whatever nginx lets through.
#include <algorithm>
#include <string>

#include "core/errors.h"
#include "core/metrics.h"
#include "http/address_list.h"
#include "pages/context.h"
#include "store/monitoring.h"

namespace bf::pages {
namespace {

// How long ago `then` was; never negative (a row stamped ahead of now: the clock was set back).
int64_t age_us(Time now, Time then) { return std::max<int64_t>(0, now.us - then.us); }

std::string seconds_ago(Time now, Time then) { return std::to_string(age_us(now, then) / 1000000) + " s ago"; }

http::Response healthz(Context& ctx, int64_t mailer_stale_seconds) {
    const bool database = ctx.store.healthy();
    std::string mailer = "unknown (no database)";
    bool mailer_ok = false;
    if (database) {
        try {
            const auto beat = store::Monitoring(ctx.store.db).mailer_last_beat();
            mailer_ok = beat && beat->plus_seconds(mailer_stale_seconds) >= ctx.now();
            mailer = !beat ? "never seen" : std::string(mailer_ok ? "ok" : "stale") + " (last loop " +
                                                seconds_ago(ctx.now(), *beat) + ")";
        } catch (const db::Error&) {
            mailer = "unknown (database error)";
        }
    }
    const std::string summary = !database ? "down" : mailer_ok ? "ok" : "degraded";
    http::Response r = http::Response::text(database ? 200 : 503, summary + "\ndatabase: " +
                                                                      (database ? "ok" : "down") + "\nmailer: " +
                                                                      mailer + "\n");
    r.header("Cache-Control", "no-store");
    return r;
}

void gauge(std::string& out, const std::string& name, const std::string& help, const std::string& value) {
    out += "# HELP " + name + " " + help + "\n# TYPE " + name + " gauge\n" + name + " " + value + "\n";
}

std::string seconds_text(int64_t us) { return std::to_string(static_cast<double>(us) / 1e6); }

// The shop's figures from the database, shared by every worker (whichever one is scraped).
std::string database_metrics(Context& ctx) {
    std::string out;
    store::MonitoringFigures f;
    std::vector<store::MailQueue> queues;
    bool up = true;
    try {
        f = store::Monitoring(ctx.store.db).figures();
        queues = ctx.store.outbox_admin.queues();
    } catch (const db::Error&) {
        up = false;
    }
    gauge(out, "bookfair_db_up", "1 when the database answered this scrape's queries.", up ? "1" : "0");
    if (!up) return out;
    const Time now = ctx.now();
    out += "# HELP bookfair_outbox_pending_messages Messages waiting in the outbox, per class of mail.\n"
           "# TYPE bookfair_outbox_pending_messages gauge\n";
    for (const auto& q : queues)
        out += std::string("bookfair_outbox_pending_messages{class=\"") + store::mail_class_name(q.mail_class) +
               "\"} " + std::to_string(q.length) + "\n";
    out += "# HELP bookfair_outbox_oldest_pending_age_seconds How long the oldest waiting message of each class has "
           "waited (0 when none).\n# TYPE bookfair_outbox_oldest_pending_age_seconds gauge\n";
    for (const auto& q : queues)
        out += std::string("bookfair_outbox_oldest_pending_age_seconds{class=\"") + store::mail_class_name(q.mail_class) +
               "\"} " + std::to_string(q.oldest_age_seconds(now)) + "\n";
    out += "# HELP bookfair_mail_messages_total Outbox messages by outcome: sent, failed (refused), dead (gave up).\n"
           "# TYPE bookfair_mail_messages_total counter\n";
    for (const char* status : {"sent", "failed", "dead"}) {
        const auto it = f.outbox_by_status.find(status);
        out += std::string("bookfair_mail_messages_total{status=\"") + status + "\"} " +
               std::to_string(it == f.outbox_by_status.end() ? 0 : it->second) + "\n";
    }
    out += "# HELP bookfair_flash_sale_units_left Copies left in each active flash sale.\n"
           "# TYPE bookfair_flash_sale_units_left gauge\n";
    for (const auto& [sale, left] : f.flash_units_left)
        out += "bookfair_flash_sale_units_left{sale=\"" + std::to_string(sale) + "\"} " + std::to_string(left) + "\n";
    if (f.mailer_last_beat) {
        gauge(out, "bookfair_mailer_last_loop_timestamp_seconds",
              "When a mailer last went round its loop (Unix time, the shop's clock).",
              seconds_text(f.mailer_last_beat->us));
        gauge(out, "bookfair_mailer_last_loop_age_seconds", "Seconds since a mailer last went round its loop.",
              seconds_text(age_us(now, *f.mailer_last_beat)));
    }
    return out;
}

http::Response metrics_page(Context& ctx, const http::AddressList& allowed, int64_t threads) {
    const auto remote = ctx.req.env.find("REMOTE_ADDR");
    if (remote == ctx.req.env.end() || !allowed.contains(remote->second)) throw NotFound();
    std::string body = metrics::registry().render();
    gauge(body, "bookfair_worker_threads",
          "Threads of this worker, each with its own database connection: a request waits for a free one "
          "when bookfair_http_requests_in_flight reaches this.",
          std::to_string(threads));
    body += database_metrics(ctx);
    http::Response r = http::Response::text(200, body);
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.header("Cache-Control", "no-store");
    return r;
}

}  // namespace

void register_health_routes(App& app) {
    const int64_t stale = app.config().get_int("health_mailer_stale_seconds", 120);
    app.add("GET", "/healthz", {[stale](Context& ctx) { return healthz(ctx, stale); }});
    const auto allowed = http::AddressList::parse(app.config().get("metrics_allow", "127.0.0.1, ::1"));
    const int64_t threads = app.config().get_int("threads", 8);
    app.add("GET", "/metrics", {[allowed, threads](Context& ctx) { return metrics_page(ctx, allowed, threads); }});
}

}  // namespace bf::pages
