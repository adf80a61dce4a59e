#include "store/buying_housekeeping.h"

#include "store/store.h"

namespace bf::store {

BuyingSweep sweep_buying(Store& store, Time now, int limit) {
    BuyingSweep s;
    s.expired_orders = store.orders.expire_due(now, limit);
    s.idle_guest_carts = store.carts.delete_idle_guest_carts(now, limit);
    s.closed_flash_sales = store.flash_sales.close_ended(now, limit);
    return s;
}

}  // namespace bf::store
