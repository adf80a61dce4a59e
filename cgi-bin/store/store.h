#pragma once
// The domain's entry point: one Store per worker thread, over that thread's connection.
#include "db/connection.h"
#include "store/accounts.h"
#include "store/admin_reports.h"
#include "store/audit.h"
#include "store/catalog.h"
#include "store/category_admin.h"
#include "store/coupon_admin.h"
#include "store/addresses.h"
#include "store/carts.h"
#include "store/coupons.h"
#include "store/editions.h"
#include "store/flash_sales.h"
#include "store/ledger.h"
#include "store/login_throttle.h"
#include "store/order_admin.h"
#include "store/orders.h"
#include "store/digests.h"
#include "store/mail.h"
#include "store/outbox.h"
#include "store/revenue.h"
#include "store/outbox_admin.h"
#include "store/payouts.h"
#include "store/reviews.h"
#include "store/sessions.h"
#include "store/user_admin.h"
#include "store/wishlists.h"
#include "store/site_pages.h"
#include "store/directory.h"

namespace bf::store {

struct Store {
    explicit Store(db::Connection& connection)
        : db(connection),
          accounts(connection),
          sessions(connection),
          throttle(connection),
          outbox(connection),
          audit(connection),
          user_admin(connection),
          catalog(connection),
          carts(connection),
          editions(connection),
          coupons(connection),
          addresses(connection),
          orders(connection),
          flash_sales(connection),
          revenue(connection),
          ledger(connection),
          payouts(connection),
          order_admin(connection),
          category_admin(connection),
          coupon_admin(connection),
          outbox_admin(connection),
          reports(connection),
          reviews(connection),
          wishlists(connection),
          site_pages(connection),
          directory(connection),
          mail(connection),
          digests(connection) {}

    // True when the database answers (reconnecting if the link was lost).
    bool healthy() { return db.ping(); }

    db::Connection& db;
    Accounts accounts;
    Sessions sessions;
    LoginThrottle throttle;
    Outbox outbox;
    Audit audit;
    UserAdmin user_admin;
    Catalog catalog;
    Carts carts;
    Editions editions;
    Coupons coupons;
    Addresses addresses;
    Orders orders;
    FlashSales flash_sales;
    Revenue revenue;
    Ledger ledger;
    Payouts payouts;
    OrderAdmin order_admin;
    CategoryAdmin category_admin;
    CouponAdmin coupon_admin;
    OutboxAdmin outbox_admin;
    AdminReports reports;
    Reviews reviews;
    Wishlists wishlists;
    SitePages site_pages;
    Directory directory;
    Mail mail;
    Digests digests;
};

}  // namespace bf::store
