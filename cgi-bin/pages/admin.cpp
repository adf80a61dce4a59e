// The admin console's front page and the audit log. Every /admin route is Access::Admin.
#include "core/errors.h"
#include "core/text.h"
#include "pages/admin_nav.h"
#include "pages/context.h"

namespace bf::pages {
namespace {

constexpr int kAuditPageSize = 50;

http::Response overview(Context& ctx) {
    View view("admin/index.tpl", "Admin console");
    add_admin_nav(view, "overview");
    const auto counts = ctx.store.user_admin.counts();
    auto& page = view.page();
    page.SetIntValue("CUSTOMERS", counts.customers);
    page.SetIntValue("AUTHORS", counts.authors);
    page.SetIntValue("ADMINS", counts.admins);
    page.SetIntValue("INACTIVE", counts.inactive);
    add_audit_table(page, ctx.store.audit.recent(5));
    return ctx.render(view);
}

http::Response audit_log(Context& ctx) {
    View view("admin/audit.tpl", "Audit log");
    add_admin_nav(view, "audit");
    auto entries = ctx.store.audit.recent(kAuditPageSize + 1, page_marker(ctx, "before"));
    auto& page = view.page();
    if (entries.size() > kAuditPageSize) {
        entries.resize(kAuditPageSize);
        page.SetValueAndShowSection("NEXT_BEFORE", std::to_string(entries.back().id), "HAS_MORE");
    }
    add_audit_table(page, entries);
    return ctx.render(view);
}

}  // namespace

void add_admin_nav(View& view, const std::string& current) {
    auto* nav = view.page().AddIncludeDictionary("ADMIN_NAV");
    nav->SetFilename("admin/nav.tpl");
    for (const auto& section : admin_sections()) {
        auto* item = nav->AddSectionDictionary("SECTION");
        item->SetValue("HREF", section.href);
        item->SetValue("LABEL", section.label);
        if (section.key == current) item->ShowSection("CURRENT");
    }
}

void fill_audit_row(ctemplate::TemplateDictionary& row, const store::AuditEntry& e) {
    row.SetValue("WHEN", format_human(e.at));
    row.SetValue("ACTOR", e.actor_name);
    row.SetValue("ACTION", e.action);
    row.SetValue("SUBJECT", e.subject_type + " #" + std::to_string(e.subject_id));
    row.SetValue("BEFORE", e.before);
    row.SetValue("AFTER", e.after);
}

void add_audit_table(ctemplate::TemplateDictionary& dict, const std::vector<store::AuditEntry>& entries) {
    if (entries.empty()) {
        dict.ShowSection("EMPTY_AUDIT");
        return;
    }
    auto* table = dict.AddIncludeDictionary("AUDIT_TABLE");
    table->SetFilename("admin/audit_table.tpl");
    for (const auto& e : entries) fill_audit_row(*table->AddSectionDictionary("AUDIT"), e);
}

void register_admin_routes(App& app) {
    app.add("GET", "/admin", {overview, Access::Admin});
    app.add("GET", "/admin/audit", {audit_log, Access::Admin});
}

}  // namespace bf::pages
