// Every area adds its routes here, in one place.
#include "pages/app.h"

namespace bf::pages {

void register_health_routes(App& app);
void register_home_routes(App& app);
void register_account_routes(App& app);
void register_admin_routes(App& app);
void register_admin_user_routes(App& app);
void register_admin_order_routes(App& app);
void register_admin_category_routes(App& app);
void register_admin_coupon_routes(App& app);
void register_admin_report_routes(App& app);
void register_admin_outbox_routes(App& app);
void register_catalog_routes(App& app);
void register_dashboard_book_routes(App& app);
void register_dashboard_routes(App& app);
void register_dashboard_ebook_routes(App& app);
void register_library_routes(App& app);
void register_cart_routes(App& app);
void register_checkout_routes(App& app);
void register_order_routes(App& app);
void register_payment_routes(App& app);
void register_flash_sale_routes(App& app);
void register_review_routes(App& app);
void register_wishlist_routes(App& app);
void register_settings_routes(App& app);
void register_newsletter_routes(App& app);
void register_payout_routes(App& app);
void register_admin_payout_routes(App& app);
void register_finding_routes(App& app);
void register_admin_page_routes(App& app);

void register_routes(App& app) {
    register_health_routes(app);
    register_home_routes(app);
    register_account_routes(app);
    register_admin_routes(app);
    register_admin_user_routes(app);
    register_admin_order_routes(app);
    register_admin_category_routes(app);
    register_admin_coupon_routes(app);
    register_admin_report_routes(app);
    register_admin_outbox_routes(app);
    register_catalog_routes(app);
    register_dashboard_book_routes(app);
    register_dashboard_routes(app);
    register_dashboard_ebook_routes(app);
    register_library_routes(app);
    register_payout_routes(app);
    register_admin_payout_routes(app);
    register_cart_routes(app);
    register_checkout_routes(app);
    register_order_routes(app);
    register_payment_routes(app);
    register_flash_sale_routes(app);
    register_review_routes(app);
    register_wishlist_routes(app);
    register_settings_routes(app);
    register_newsletter_routes(app);
    register_finding_routes(app);
    register_admin_page_routes(app);
}

}  // namespace bf::pages
