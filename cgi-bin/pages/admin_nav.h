#pragma once
// Shared by the admin console's pages: the section navigation and an audit-log row.
#include <ctemplate/template.h>

#include <string>
#include <tuple>
#include <vector>

#include "pages/view.h"
#include "store/audit.h"

namespace bf::pages {

struct AdminSection {
    std::string key, href, label;
};

// The console's sections in menu order; areas add theirs in admin_sections.cpp.
const std::vector<AdminSection>& admin_sections();
void add_admin_nav(View& view, const std::string& current);
void fill_audit_row(ctemplate::TemplateDictionary& row, const store::AuditEntry& entry);

}  // namespace bf::pages
