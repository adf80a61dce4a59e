#include "mailer/housekeeping.h"

#include "core/log.h"

namespace bf::mailer {

void add_housekeeping(Mailer& mailer) {
    mailer.every("expired sessions", 600, [](store::Store& store, Time now) {
        if (const uint64_t n = store.sessions.delete_expired(now)) log::info("deleted " + std::to_string(n) + " expired sessions");
    });
    // Later, one line each: expired stock reservations, abandoned carts, catalog view counters.
}

}  // namespace bf::mailer
