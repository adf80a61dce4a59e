// /admin/users: find accounts, change their role, deactivate or reactivate them.
#include "core/errors.h"
#include "core/text.h"
#include "pages/admin_nav.h"
#include "pages/context.h"

namespace bf::pages {
namespace {

constexpr int kPageSize = 50;

int64_t user_id_param(Context& ctx) { return path_id(ctx, "There is no user with that id."); }

// Back to the list the admin came from, keeping their search.
std::string back_to_list(Context& ctx) {
    const std::string q = ctx.req.field("q");
    return q.empty() ? "/admin/users" : "/admin/users?q=" + url_encode(q);
}

http::Response list_users(Context& ctx) {
    View view("admin/users.tpl", "Users");
    add_admin_nav(view, "users");
    const std::string q = trim(ctx.req.field("q"));
    const auto users = ctx.store.user_admin.search(q, kPageSize + 1, page_marker(ctx, "after").value_or(0));
    auto& page = view.page();
    page.SetValue("QUERY", q);
    for (size_t i = 0; i < users.size() && i < kPageSize; ++i) {
        const auto& u = users[i];
        auto* row = page.AddSectionDictionary("USER");
        row->SetIntValue("ID", u.id);
        row->SetValue("NAME", u.display_name);
        row->SetValue("EMAIL", u.email);
        row->SetValue("JOINED", format_date(u.created));
        row->SetValue("QUERY", q);
        row->ShowSection(u.role == "customer" ? "IS_CUSTOMER" : u.role == "author" ? "IS_AUTHOR" : "IS_ADMIN");
        row->ShowSection(u.active ? "ACTIVE" : "INACTIVE");
        if (ctx.user() && ctx.user()->id == u.id) row->ShowSection("IS_SELF");
        else row->ShowSection("NOT_SELF");
    }
    if (users.size() > kPageSize) {
        page.SetValueAndShowSection("NEXT_AFTER", std::to_string(users[kPageSize - 1].id), "HAS_MORE");
    }
    if (users.empty()) page.ShowSection("EMPTY");
    return ctx.render(view);
}

http::Response change_role(Context& ctx) {
    const int64_t id = user_id_param(ctx);
    const std::string role = ctx.req.field("role");
    ctx.store.user_admin.set_role(ctx.require_user().id, id, role, ctx.now());
    return http::Response::see_other(back_to_list(ctx), "Role changed to " + role + ".");
}

http::Response change_active(Context& ctx) {
    const int64_t id = user_id_param(ctx);
    const bool active = ctx.req.field("active") == "1";
    ctx.store.user_admin.set_active(ctx.require_user().id, id, active, ctx.now());
    return http::Response::see_other(back_to_list(ctx), active ? "The account is active again."
                                                               : "The account is deactivated and its sessions ended.");
}

}  // namespace

void register_admin_user_routes(App& app) {
    app.add("GET", "/admin/users", {list_users, Access::Admin});
    app.add("POST", "/admin/users/{id}/role", {change_role, Access::Admin});
    app.add("POST", "/admin/users/{id}/active", {change_active, Access::Admin});
}

}  // namespace bf::pages
