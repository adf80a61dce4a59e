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
    for (const auto& e : ctx.store.audit.recent(5)) fill_audit_row(*page.AddSectionDictionary("AUDIT"), e);
    return ctx.render(view);
}

http::Response audit_log(Context& ctx) {
    View view("admin/audit.tpl", "Audit log");
    add_admin_nav(view, "audit");
    std::optional<int64_t> before;
    if (const std::string b = ctx.req.field("before"); !b.empty()) {
        try {
            before = std::stoll(b);
        } catch (const std::exception&) {
            throw BadRequest("The page marker is not a number.");
        }
    }
    const auto entries = ctx.store.audit.recent(kAuditPageSize + 1, before);
    auto& page = view.page();
    for (size_t i = 0; i < entries.size() && i < kAuditPageSize; ++i)
        fill_audit_row(*page.AddSectionDictionary("AUDIT"), entries[i]);
    if (entries.size() > kAuditPageSize)
        page.SetValueAndShowSection("NEXT_BEFORE", std::to_string(entries[kAuditPageSize - 1].id), "HAS_MORE");
    if (entries.empty()) page.ShowSection("EMPTY");
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

void register_admin_routes(App& app) {
    app.add("GET", "/admin", {overview, Access::Admin});
    app.add("GET", "/admin/audit", {audit_log, Access::Admin});
}

}  // namespace bf::pages
