// /admin/categories: the whole tree (active or not) with up/down and (de)activate buttons and a form
// to add a category; each category's page renames it and moves it elsewhere in the tree. After every
// change this worker drops its cached catalogue at once; the tree's version (raised in the change's
// transaction) tells every other worker within a second.
#include <functional>

#include "core/errors.h"
#include "core/text.h"
#include "pages/admin_nav.h"
#include "pages/catalog_view.h"

namespace bf::pages {

using store::AdminCategory;

namespace {

constexpr int kMaxDepthShown = 6;  // deeper rows are indented as much as this one

const Field kNameField{"name", "Name", "text", "off", "", true, true, 120};
const Field kSlugField{"slug", "Address", "text", "off",
                       "Lowercase letters, digits and hyphens, as in /categories/science-fiction. Leave empty to make it from the name.",
                       false, true, 120};
const Field kParentField{"parent", "Parent", "", "", "", false, true, 0};
const Field kDescriptionField{"description", "Description", "", "", "Shown at the top of the category’s page.", false, true, 2000};

// Where a category may go: the top level, or any active category outside `moving`'s subtree.
std::vector<std::pair<std::string, std::string>> parent_options(const std::vector<AdminCategory>& all,
                                                                const AdminCategory* moving) {
    std::vector<std::pair<std::string, std::string>> options{{"", "(top level)"}};
    int skip_below = -1;  // depth of `moving` while its subtree is being passed over
    for (const auto& n : category_walk(all)) {
        if (skip_below >= 0 && n.depth > skip_below) continue;
        skip_below = -1;
        if (moving && n.category->id == moving->id) {
            skip_below = n.depth;
            continue;
        }
        if (n.category->active) options.emplace_back(std::to_string(n.category->id), category_path(all, *n.category));
    }
    return options;
}

bool valid_slug(const std::string& s) {
    if (s.empty() || s.size() > 120 || s.front() == '-' || s.back() == '-') return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

std::optional<int64_t> parent_value(const std::string& text, FormState& form) {
    if (text.empty()) return std::nullopt;
    const auto id = parse_int(text, 1, INT32_MAX);
    if (!id) form.errors["parent"] = "Choose a parent from the list.";
    return id;
}

// Name and description, checked; both the new-category and the rename forms have them.
void read_name_and_description(Context& ctx, FormState& form) {
    auto& v = form.values;
    v["name"] = trim(ctx.req.field("name"));
    v["description"] = trim(ctx.req.field("description"));
    if (v["name"].empty()) form.errors["name"] = "Give the category a name.";
    else if (!is_plain_text(v["name"], false)) form.errors["name"] = "Use letters, digits and punctuation only.";
    else if (utf8_length(v["name"]) > 120) form.errors["name"] = "A name can be at most 120 characters long.";
    if (!is_plain_text(v["description"], true))
        form.errors["description"] = "Use letters, digits and punctuation only.";
    else if (utf8_length(v["description"]) > 2000)
        form.errors["description"] = "Keep the description under 2,000 characters.";
}

// ---- the tree ----

http::Response render_list(Context& ctx, const FormState& form, int status) {
    View view("admin/categories.tpl", "Categories");
    view.status = status;
    add_admin_nav(view, "categories");
    auto& page = view.page();
    const auto all = ctx.store.category_admin.all();
    const auto nodes = category_walk(all);
    auto* table = nodes.empty() ? nullptr : page.AddSectionDictionary("HAS_CATEGORIES");
    for (const auto& n : nodes) {
        const auto& c = *n.category;
        auto* row = table->AddSectionDictionary("CATEGORY");
        row->SetIntValue("ID", c.id);
        row->SetValue("NAME", c.name);
        row->SetValue("SLUG", c.slug);
        row->SetIntValue("DEPTH", std::min(n.depth, kMaxDepthShown));
        if (n.depth > 0) row->SetValueAndShowSection("PARENT", category_path(all, *find_category(all, *c.parent_id)), "HAS_PARENT");
        row->ShowSection(c.active ? "ACTIVE" : "INACTIVE");
        row->ShowSection(n.first ? "NO_UP" : "CAN_UP");
        if (!n.last) row->ShowSection("CAN_DOWN");
    }
    if (nodes.empty()) page.ShowSection("EMPTY");
    add_form_errors(page, form);
    add_field(page, "NAME_FIELD", kNameField, form);
    add_field(page, "SLUG_FIELD", kSlugField, form);
    add_select(page, "PARENT_FIELD", kParentField, parent_options(all, nullptr), form);
    add_textarea(page, "DESCRIPTION_FIELD", kDescriptionField, form, 2);
    return ctx.render(view);
}

http::Response list_categories(Context& ctx) { return render_list(ctx, {}, 200); }

http::Response do_create(Context& ctx) {
    FormState form;
    read_name_and_description(ctx, form);
    auto& v = form.values;
    v["slug"] = to_lower(trim(ctx.req.field("slug")));
    v["parent"] = ctx.req.field("parent");
    store::NewCategory c;
    c.name = v["name"];
    c.description = v["description"];
    c.slug = v["slug"].empty() ? slugify(c.name) : v["slug"];
    if (c.slug.size() > 120) c.slug = c.slug.substr(0, 120);
    while (!c.slug.empty() && c.slug.back() == '-') c.slug.pop_back();
    if (!valid_slug(c.slug) && !form.errors.count("name"))
        form.errors["slug"] = v["slug"].empty() ? "The name gives no address: type one."
                                                : "Use lowercase letters, digits and hyphens only.";
    c.parent_id = parent_value(v["parent"], form);
    if (!form.errors.empty()) return render_list(ctx, form, 422);
    int64_t id = 0;
    try {
        id = ctx.store.category_admin.create(ctx.require_user().id, c, ctx.now());
    } catch (const Invalid& e) {
        form.errors = e.fields;
        return render_list(ctx, form, 422);
    }
    catalog_changed();
    return http::Response::see_other("/admin/categories#cat-" + std::to_string(id), "Category “" + c.name + "” added.");
}

// ---- one category ----

struct CategoryForms {
    FormState rename, move;
};

AdminCategory category_param(Context& ctx) {
    const auto c = ctx.store.category_admin.find(path_id(ctx, "There is no category with that id."));
    if (!c) throw NotFound("There is no category with that id.");
    return *c;
}

http::Response render_category(Context& ctx, const AdminCategory& c, CategoryForms forms, int status) {
    View view("admin/category.tpl", c.name);
    view.status = status;
    add_admin_nav(view, "categories");
    auto& page = view.page();
    const auto all = ctx.store.category_admin.all();
    page.SetIntValue("ID", c.id);
    page.SetValue("NAME", c.name);
    page.SetValue("PATH", category_path(all, c));
    page.SetValue("SLUG", c.slug);
    page.SetValue("PUBLIC_URL", "/categories/" + c.slug);
    const int64_t books = ctx.store.category_admin.book_count(c.id);
    page.SetValue("BOOKS", books == 1 ? "1 book" : std::to_string(books) + " books");
    page.ShowSection(c.active ? "ACTIVE" : "INACTIVE");
    if (!forms.rename.values.count("name")) forms.rename.values = {{"name", c.name}, {"description", c.description}};
    if (!forms.move.values.count("parent"))
        forms.move.values["parent"] = c.parent_id ? std::to_string(*c.parent_id) : "";
    auto* rename = page.AddSectionDictionary("RENAME_FORM");
    add_form_errors(*rename, forms.rename);
    add_field(*rename, "NAME_FIELD", kNameField, forms.rename);
    add_textarea(*rename, "DESCRIPTION_FIELD", kDescriptionField, forms.rename, 3);
    auto* move = page.AddSectionDictionary("MOVE_FORM");
    add_form_errors(*move, forms.move);
    auto options = parent_options(all, &c);
    // A form sent back with a parent the list leaves out (its own subcategory) still shows that choice.
    const std::string& chosen = forms.move.values["parent"];
    bool listed = false;
    for (const auto& [value, label] : options) listed = listed || value == chosen;
    if (const auto id = parse_int(chosen, 1, INT32_MAX); !listed && id && find_category(all, *id))
        options.emplace_back(chosen, category_path(all, *find_category(all, *id)));
    add_select(*move, "PARENT_FIELD", kParentField, options, forms.move);
    add_audit_table(page, ctx.store.audit.for_subject("category", c.id, 20));
    return ctx.render(view);
}

http::Response show_category(Context& ctx) { return render_category(ctx, category_param(ctx), {}, 200); }

std::string edit_url(const AdminCategory& c) { return "/admin/categories/" + std::to_string(c.id); }

http::Response do_rename(Context& ctx) {
    const AdminCategory c = category_param(ctx);
    CategoryForms forms;
    read_name_and_description(ctx, forms.rename);
    if (!forms.rename.errors.empty()) return render_category(ctx, c, forms, 422);
    ctx.store.category_admin.rename(ctx.require_user().id, c.id, forms.rename.values["name"],
                                    forms.rename.values["description"], ctx.now());
    catalog_changed();
    return http::Response::see_other(edit_url(c), "Saved.");
}

http::Response do_move(Context& ctx) {
    const AdminCategory c = category_param(ctx);
    CategoryForms forms;
    forms.move.values["parent"] = ctx.req.field("parent");
    const auto parent = parent_value(forms.move.values["parent"], forms.move);
    if (forms.move.errors.empty()) {
        try {
            ctx.store.category_admin.move(ctx.require_user().id, c.id, parent, ctx.now());
            catalog_changed();
            return http::Response::see_other(edit_url(c), "“" + c.name + "” moved, with everything under it.");
        } catch (const Invalid& e) {
            forms.move.errors = e.fields;
        }
    }
    return render_category(ctx, c, forms, 422);
}

http::Response do_shift(Context& ctx) {
    const AdminCategory c = category_param(ctx);
    const std::string direction = ctx.req.field("direction");
    if (direction != "up" && direction != "down") throw BadRequest("Move a category up or down.");
    const bool moved = ctx.store.category_admin.shift(ctx.require_user().id, c.id, direction == "up" ? -1 : 1, ctx.now());
    catalog_changed();
    return http::Response::see_other("/admin/categories#cat-" + std::to_string(c.id),
                                     moved ? "“" + c.name + "” moved " + direction + "."
                                           : "“" + c.name + "” is already " + (direction == "up" ? "first." : "last."));
}

http::Response do_active(Context& ctx) {
    const AdminCategory c = category_param(ctx);
    const bool active = ctx.req.field("active") == "1";
    ctx.store.category_admin.set_active(ctx.require_user().id, c.id, active, ctx.now());
    catalog_changed();
    const std::string back = ctx.req.field("back") == "edit" ? edit_url(c) : "/admin/categories#cat-" + std::to_string(c.id);
    return http::Response::see_other(back, active ? "“" + c.name + "” is active: readers see it again."
                                                  : "“" + c.name + "” is hidden from readers; its books stay on sale.");
}

}  // namespace

std::vector<CategoryNode> category_walk(const std::vector<AdminCategory>& all) {
    std::vector<CategoryNode> out;
    std::function<void(std::optional<int64_t>, int)> visit = [&](std::optional<int64_t> parent, int depth) {
        std::vector<const AdminCategory*> children;
        for (const auto& c : all)
            if (c.parent_id == parent) children.push_back(&c);
        for (size_t i = 0; i < children.size(); ++i) {
            out.push_back({children[i], depth, i == 0, i + 1 == children.size()});
            visit(children[i]->id, depth + 1);
        }
    };
    visit(std::nullopt, 0);
    return out;
}

const AdminCategory* find_category(const std::vector<AdminCategory>& all, int64_t id) {
    for (const auto& c : all)
        if (c.id == id) return &c;
    return nullptr;
}

std::string category_path(const std::vector<AdminCategory>& all, const AdminCategory& c) {
    std::string label = c.name;
    const AdminCategory* at = &c;
    for (int guard = 0; at->parent_id && guard < 32; ++guard) {
        at = find_category(all, *at->parent_id);
        if (!at) break;
        label = at->name + " › " + label;
    }
    return label;
}

void register_admin_category_routes(App& app) {
    app.add("GET", "/admin/categories", {list_categories, Access::Admin});
    app.add("POST", "/admin/categories", {do_create, Access::Admin});
    app.add("GET", "/admin/categories/{id}", {show_category, Access::Admin});
    app.add("POST", "/admin/categories/{id}", {do_rename, Access::Admin});
    app.add("POST", "/admin/categories/{id}/move", {do_move, Access::Admin});
    app.add("POST", "/admin/categories/{id}/position", {do_shift, Access::Admin});
    app.add("POST", "/admin/categories/{id}/active", {do_active, Access::Admin});
}

}  // namespace bf::pages
