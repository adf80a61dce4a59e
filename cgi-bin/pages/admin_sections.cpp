// The admin console's menu. One line per section.
#include "pages/admin_nav.h"

namespace bf::pages {

const std::vector<AdminSection>& admin_sections() {
    static const std::vector<AdminSection> sections{
        {"overview", "/admin", "Overview"},
        {"orders", "/admin/orders", "Orders"},
        {"reports", "/admin/reports", "Reports"},
        {"categories", "/admin/categories", "Categories"},
        {"coupons", "/admin/coupons", "Coupons"},
        {"payouts", "/admin/payouts", "Payouts"},
        {"users", "/admin/users", "Users"},
        {"sales", "/admin/sales", "Flash sales"},
        {"outbox", "/admin/outbox", "Outbox"},
        {"reviews", "/admin/reviews", "Reviews"},
        {"pages", "/admin/pages", "Pages"},
        {"audit", "/admin/audit", "Audit log"},
    };
    return sections;
}

}  // namespace bf::pages
