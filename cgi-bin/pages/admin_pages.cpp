// /admin/pages: the shop's own pages (about, terms, privacy, shipping and returns, contact), each
// edited in a form that comes back with a message by each wrong field; every save is audited.
#include "core/errors.h"
#include "core/time.h"
#include "pages/admin_nav.h"

namespace bf::pages {
namespace {

const Field kTitleField{"title", "Title", "text", "off", "", true, true, 120};
const Field kSummaryField{"summary", "Summary", "text", "off",
                          "One or two sentences: what search engines and link previews show.", true, true, 300};
const Field kBodyField{"body", "Text", "", "", "Plain text. Leave a blank line between paragraphs.", true, true, 20000};

http::Response list_pages(Context& ctx) {
    View view("admin/pages.tpl", "Pages");
    add_admin_nav(view, "pages");
    for (const auto& p : ctx.store.site_pages.all()) {
        auto* d = view.page().AddSectionDictionary("PAGE");
        d->SetValue("TITLE", p.title);
        d->SetValue("SLUG", p.slug);
        d->SetValue("SUMMARY", p.summary);
        d->SetValue("UPDATED", format_human(p.updated));
    }
    return ctx.render(view);
}

store::SitePage page_param(Context& ctx) {
    auto p = ctx.store.site_pages.find(ctx.req.param("slug"));
    if (!p) throw NotFound("There is no such page.");
    return *p;
}

http::Response render_form(Context& ctx, const store::SitePage& p, FormState form, int status) {
    View view("admin/page.tpl", "Edit “" + p.title + "”");
    view.status = status;
    add_admin_nav(view, "pages");
    auto& page = view.page();
    page.SetValue("TITLE", p.title);
    page.SetValue("SLUG", p.slug);
    if (form.values.empty()) form.values = {{"title", p.title}, {"summary", p.summary}, {"body", p.body}};
    add_form_errors(page, form);
    add_field(page, "TITLE_FIELD", kTitleField, form);
    add_field(page, "SUMMARY_FIELD", kSummaryField, form);
    add_textarea(page, "BODY_FIELD", kBodyField, form, 16);
    add_audit_table(page, ctx.store.audit.for_subject("site_page", p.id, 20));
    return ctx.render(view);
}

http::Response edit_page(Context& ctx) { return render_form(ctx, page_param(ctx), {}, 200); }

http::Response save_page(Context& ctx) {
    const store::SitePage p = page_param(ctx);
    store::SitePageInput input{ctx.req.field("title"), ctx.req.field("summary"), ctx.req.field("body")};
    FormState form;
    form.values = {{"title", input.title}, {"summary", input.summary}, {"body", input.body}};
    try {
        ctx.store.site_pages.update(ctx.require_user().id, p.slug, input, ctx.now());
    } catch (const Invalid& e) {
        form.errors = e.fields;
        return render_form(ctx, p, form, 422);
    }
    return http::Response::see_other("/admin/pages/" + p.slug, "Saved. The page at /pages/" + p.slug + " shows it now.");
}

}  // namespace

void register_admin_page_routes(App& app) {
    app.add("GET", "/admin/pages", {list_pages, Access::Admin});
    app.add("GET", "/admin/pages/{slug}", {edit_page, Access::Admin});
    app.add("POST", "/admin/pages/{slug}", {save_page, Access::Admin});
}

}  // namespace bf::pages
