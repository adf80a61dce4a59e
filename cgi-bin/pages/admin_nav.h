#pragma once
// Shared by the admin console's pages: the section navigation, audit-log tables, and reading ids
// and page markers from requests.
#include <ctemplate/template.h>

#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "pages/context.h"
#include "pages/view.h"
#include "store/audit.h"
#include "store/category_admin.h"

namespace bf::pages {

struct AdminSection {
    std::string key, href, label;
};

// The console's sections in menu order; areas add theirs in admin_sections.cpp.
const std::vector<AdminSection>& admin_sections();
void add_admin_nav(View& view, const std::string& current);
void fill_audit_row(ctemplate::TemplateDictionary& row, const store::AuditEntry& entry);
// The entries as a table (admin/audit_table.tpl) in the include AUDIT_TABLE; EMPTY_AUDIT when none.
void add_audit_table(ctemplate::TemplateDictionary& dict, const std::vector<store::AuditEntry>& entries);

// The category tree in reading order (each category followed by its subtree, siblings by position),
// and a category's path ("Fiction › Fantasy"), for the pages that list categories.
struct CategoryNode {
    const store::AdminCategory* category;
    int depth;
    bool first, last;  // among its siblings
};
std::vector<CategoryNode> category_walk(const std::vector<store::AdminCategory>& all);
const store::AdminCategory* find_category(const std::vector<store::AdminCategory>& all, int64_t id);
std::string category_path(const std::vector<store::AdminCategory>& all, const store::AdminCategory& c);


}  // namespace bf::pages
