#pragma once
// The buying side's periodic work, run once per call: `bookfair sweep` calls it, and so does the
// mailer's housekeeping loop. Every step is idempotent and safe with several sweepers at once.
#include "core/time.h"

namespace bf::store {

struct Store;

struct BuyingSweep {
    int expired_orders = 0;       // held reservations past their time: stock returned, orders cancelled
    uint64_t idle_guest_carts = 0;  // guest carts untouched for 7 days
    int closed_flash_sales = 0;     // flash sales past their end: copies left returned to the books
};

BuyingSweep sweep_buying(Store& store, Time now, int limit = 500);

}  // namespace bf::store
