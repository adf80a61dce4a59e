#include "mailer/housekeeping.h"

#include "core/log.h"
#include "store/buying_housekeeping.h"
#include "store/monitoring.h"
#include "store/store.h"

namespace bf::mailer {

void add_housekeeping(Mailer& mailer) {
    // The loop goes round: /metrics and /healthz tell a stuck or stopped mailer by its last beat.
    mailer.every("heartbeat", 5, [worker = mailer.worker_id()](store::Store& store, Time now) {
        store::Monitoring(store.db).mailer_beat(worker, now);
    });
    mailer.every("expired sessions", 600, [](store::Store& store, Time now) {
        // In rounds of 1,000 rows (short statements), until none is left or 100 rounds ran.
        uint64_t n = 0;
        for (int round = 0; round < 100; ++round) {
            const uint64_t deleted = store.sessions.delete_expired(now);
            n += deleted;
            if (deleted < 1000) break;
        }
        if (n) log::info("deleted " + std::to_string(n) + " expired sessions");
    });
    // Unpaid orders past their hold give their stock back; idle guest carts go; ended flash sales close.
    mailer.every("buying sweep", 15, [](store::Store& store, Time now) {
        const auto done = store::sweep_buying(store, now);
        if (done.expired_orders || done.idle_guest_carts || done.closed_flash_sales)
            log::info("expired " + std::to_string(done.expired_orders) + " unpaid orders, deleted " +
                      std::to_string(done.idle_guest_carts) + " idle guest carts, closed " +
                      std::to_string(done.closed_flash_sales) + " flash sales");
    });
    // Throttle windows older than a day count nothing any more.
    mailer.every("login throttle", 600, [](store::Store& store, Time now) {
        store.throttle.forget_before(now.plus_days(-1));
    });
    // Page views the workers counted move into books.view_count, off the request path.
    mailer.every("book views", 60, [](store::Store& store, Time now) { store.catalog.fold_views(now); });
}

}  // namespace bf::mailer
