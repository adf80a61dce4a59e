// The admin console's menu. One line per section.
#include "pages/admin_nav.h"

namespace bf::pages {

const std::vector<AdminSection>& admin_sections() {
    static const std::vector<AdminSection> sections{
        {"overview", "/admin", "Overview"},
        {"users", "/admin/users", "Users"},
        {"sales", "/admin/sales", "Flash sales"},
        {"reviews", "/admin/reviews", "Reviews"},
        {"audit", "/admin/audit", "Audit log"},
    };
    return sections;
}

}  // namespace bf::pages
