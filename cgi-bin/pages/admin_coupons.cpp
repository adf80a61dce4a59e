// /admin/coupons: every coupon with its terms and usage; create and edit them with every field
// checked (a message next to each wrong one); deactivate and reactivate. Changes are audited.
#include <algorithm>
#include <set>

#include "core/errors.h"
#include "core/text.h"
#include "pages/admin_nav.h"

namespace bf::pages {
namespace {

constexpr int kPageSize = 50;
constexpr int64_t kMaxLimit = 1000000000;
constexpr Cents kMaxAmount = 100000000;  // $1,000,000.00

const Field kCodeField{"code", "Code", "text", "off", "3 to 40 letters, digits, - or _. Customers may type it in any case.", true, true, 40};
const Field kKindField{"kind", "Discount", "", "", "", true, true, 0};
const Field kPercentField{"percent", "Percent off", "text", "off", "1 to 100, such as 15 or 12.5.", false, true, 6};
const Field kMaxDiscountField{"max_discount", "Largest discount", "text", "off", "Optional cap, such as 20.00.", false, true, 16};
const Field kAmountField{"amount", "Amount off", "text", "off", "Such as 5.00.", false, true, 16};
const Field kMinOrderField{"min_order", "Minimum order", "text", "off", "Before the discount. Empty: none.", false, true, 16};
const Field kScopeField{"scope", "Applies to", "", "", "", true, true, 0};
const Field kBooksField{"books", "Books", "text", "off",
                        "Their addresses separated by commas, as in the-lantern-keepers for /books/the-lantern-keepers.", false, true, 2000};
const Field kUsageLimitField{"usage_limit", "Uses in total", "number", "off", "Empty: no limit.", false, true, 0};
const Field kPerCustomerField{"per_customer_limit", "Uses per customer", "number", "off", "Empty: no limit.", false, true, 0};
const Field kStartsField{"starts", "Valid from (UTC)", "datetime-local", "off", "Empty: from now on.", false, true, 0};
const Field kEndsField{"ends", "Valid until (UTC)", "datetime-local", "off", "Empty: no end.", false, true, 0};

const std::vector<std::pair<std::string, std::string>> kKinds = {
    {"percent", "Percent off"}, {"fixed", "Amount off"}, {"free_shipping", "Free standard shipping"}};
const std::vector<std::pair<std::string, std::string>> kScopes = {
    {"all", "Every book"}, {"books", "Chosen books"}, {"categories", "Chosen categories (with their subcategories)"}};

std::string discount_text(const store::Coupon& c) {
    switch (c.rules.kind) {
        case pricing::CouponKind::Percent:
            return format_basis_points(c.rules.percent_bp) + "% off" +
                   (c.rules.max_discount ? " (at most " + format_money(*c.rules.max_discount) + ")" : "");
        case pricing::CouponKind::Fixed: return format_money(c.rules.amount) + " off";
        case pricing::CouponKind::FreeShipping: return "Free shipping";
    }
    return "";
}

std::string window_text(const store::CouponRules& r) {
    if (r.starts && r.ends) return format_human(*r.starts) + " to " + format_human(*r.ends);
    if (r.starts) return "from " + format_human(*r.starts);
    if (r.ends) return "until " + format_human(*r.ends);
    return "always";
}

// What the coupon's badge says now, and its CSS modifier.
std::pair<std::string, std::string> state_of(const store::Coupon& c, Time now) {
    const auto& r = c.rules;
    if (!r.active) return {"inactive", ""};
    if (r.ends && now >= *r.ends) return {"expired", ""};
    if (r.starts && now < *r.starts) return {"scheduled", "low"};
    if (r.usage_limit && c.used_count >= *r.usage_limit) return {"used up", ""};
    return {"active", "ok"};
}

// ---- the list ----

http::Response list_coupons(Context& ctx) {
    View view("admin/coupons.tpl", "Coupons");
    add_admin_nav(view, "coupons");
    auto& page = view.page();
    const auto before = page_marker(ctx, "before");
    auto coupons = ctx.store.coupons.list(before, kPageSize + 1);
    const bool more = coupons.size() > kPageSize;
    if (more) coupons.resize(kPageSize);
    auto* table = coupons.empty() ? nullptr : page.AddSectionDictionary("HAS_COUPONS");
    for (const auto& c : coupons) {
        auto* row = table->AddSectionDictionary("COUPON");
        row->SetIntValue("ID", c.id);
        row->SetValue("CODE", c.code);
        row->SetValue("DISCOUNT", discount_text(c));
        row->SetValue("MIN_ORDER", c.rules.min_order > 0 ? format_money(c.rules.min_order) : "—");
        row->SetValue("SCOPE", c.applies_to == "all" ? "Every book" : c.applies_to == "books" ? "Chosen books" : "Chosen categories");
        row->SetValue("USED", std::to_string(c.used_count) +
                                  (c.rules.usage_limit ? " / " + std::to_string(*c.rules.usage_limit) : " (no limit)"));
        row->SetValue("PER_CUSTOMER", c.rules.per_customer_limit ? std::to_string(*c.rules.per_customer_limit) + " each" : "—");
        row->SetValue("WINDOW", window_text(c.rules));
        const auto [state, css] = state_of(c, ctx.now());
        row->SetValue("STATE", state);
        row->SetValue("STATE_CLASS", css);
        row->ShowSection(c.rules.active ? "ACTIVE" : "INACTIVE");
    }
    if (coupons.empty()) page.ShowSection(before ? "NO_MORE" : "EMPTY");
    if (more) page.SetValueAndShowSection("NEXT_BEFORE", std::to_string(coupons.back().id), "HAS_MORE");
    return ctx.render(view);
}

// ---- the form ----

struct CouponForm {
    FormState state;
    store::NewCoupon coupon;
};

std::optional<Cents> money_field(FormState& f, const std::string& name, bool required, Cents min,
                                 const std::string& message) {
    const std::string& text = f.values[name];
    if (text.empty()) {
        if (required) f.errors[name] = message;
        return std::nullopt;
    }
    const auto cents = parse_money(text);
    if (!cents || *cents < min || *cents > kMaxAmount) {
        f.errors[name] = message;
        return std::nullopt;
    }
    return cents;
}

std::optional<int> limit_field(FormState& f, const std::string& name) {
    const std::string& text = f.values[name];
    if (text.empty()) return std::nullopt;
    const auto n = parse_int(text, 1, kMaxLimit);
    if (!n) f.errors[name] = "Enter a whole number from 1, or leave it empty.";
    return n ? std::optional<int>(static_cast<int>(*n)) : std::nullopt;
}

std::optional<Time> time_field(FormState& f, const std::string& name) {
    const std::string& text = f.values[name];
    if (text.empty()) return std::nullopt;
    const auto t = parse_minutes(text);
    if (!t) f.errors[name] = "Enter a date and time such as 2026-12-01T09:00, or leave it empty.";
    return t;
}

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& piece : split_trimmed(text)) {
        std::string item = to_lower(piece);
        if (starts_with(item, "/books/")) item = item.substr(7);
        if (!item.empty() && std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
    }
    return out;
}

CouponForm read_coupon_form(Context& ctx, const std::vector<store::AdminCategory>& categories) {
    CouponForm form;
    FormState& f = form.state;
    auto& v = f.values;
    for (const char* name : {"code", "kind", "percent", "max_discount", "amount", "min_order", "scope", "books",
                             "usage_limit", "per_customer_limit", "starts", "ends"})
        v[name] = trim(ctx.req.field(name));
    store::NewCoupon& c = form.coupon;
    store::CouponRules& r = c.rules;

    c.code = v["code"] = store::Coupons::normalize_code(v["code"]);
    const bool code_ok = c.code.size() >= 3 && c.code.size() <= 40 &&
                         std::all_of(c.code.begin(), c.code.end(), [](char ch) {
                             return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
                         });
    if (!code_ok) f.errors["code"] = "Use 3 to 40 letters, digits, - or _.";

    const auto kind = store::parse_coupon_kind(v["kind"]);
    if (!kind) f.errors["kind"] = "Choose the kind of discount.";
    else r.kind = *kind;
    if (kind == pricing::CouponKind::Percent) {
        const auto bp = parse_money(v["percent"]);  // "12.5" -> 1250: the same two decimals as cents
        if (!bp || *bp < 100 || *bp > 10000) f.errors["percent"] = "Enter a percentage from 1 to 100, such as 15 or 12.5.";
        else r.percent_bp = *bp;
        r.max_discount = money_field(f, "max_discount", false, 1, "Enter an amount such as 20.00, or leave it empty.");
    }
    if (kind == pricing::CouponKind::Fixed)
        r.amount = money_field(f, "amount", true, 1, "Enter the amount off, such as 5.00.").value_or(0);
    r.min_order = money_field(f, "min_order", false, 0, "Enter an amount such as 25.00, or leave it empty.").value_or(0);

    const std::string& scope = v["scope"];
    if (scope == "books") {
        const auto slugs = split_list(v["books"]);
        const auto found = ctx.store.coupon_admin.books_by_slug(slugs);
        std::string missing;
        for (const auto& slug : slugs)
            if (std::none_of(found.begin(), found.end(), [&](const auto& b) { return b.second == slug; }))
                missing += (missing.empty() ? "" : ", ") + slug;
        if (slugs.empty()) f.errors["books"] = "List the books the coupon is for.";
        else if (!missing.empty()) f.errors["books"] = "No book has the address " + missing + ".";
        for (const auto& [id, slug] : found) c.book_ids.push_back(id);
    } else if (scope == "categories") {
        std::string chosen;
        for (const auto& text : ctx.req.all("category")) {
            const auto id = parse_int(text, 1, INT32_MAX);
            if (!id || !find_category(categories, *id)) continue;
            if (std::find(c.category_ids.begin(), c.category_ids.end(), *id) != c.category_ids.end()) continue;
            c.category_ids.push_back(*id);
            chosen += (chosen.empty() ? "" : ",") + std::to_string(*id);
        }
        v["categories"] = chosen;
        if (c.category_ids.empty()) f.errors["categories"] = "Tick the categories the coupon is for.";
    } else if (scope != "all") {
        f.errors["scope"] = "Choose what the coupon applies to.";
    }

    r.usage_limit = limit_field(f, "usage_limit");
    r.per_customer_limit = limit_field(f, "per_customer_limit");
    if (r.usage_limit && r.per_customer_limit && *r.per_customer_limit > *r.usage_limit)
        f.errors["per_customer_limit"] = "A customer cannot have more uses than the coupon has in total.";
    r.starts = time_field(f, "starts");
    r.ends = time_field(f, "ends");
    if (r.starts && r.ends && !(*r.starts < *r.ends)) f.errors["ends"] = "The end must come after the start.";
    return form;
}

FormState values_of(const store::Coupon& c, const store::CouponScope& scope) {
    FormState f;
    auto& v = f.values;
    const auto& r = c.rules;
    v["code"] = c.code;
    v["kind"] = store::coupon_kind_name(r.kind);
    if (r.kind == pricing::CouponKind::Percent) v["percent"] = format_basis_points(r.percent_bp);
    if (r.max_discount) v["max_discount"] = format_plain_amount(*r.max_discount);
    if (r.kind == pricing::CouponKind::Fixed) v["amount"] = format_plain_amount(r.amount);
    if (r.min_order > 0) v["min_order"] = format_plain_amount(r.min_order);
    v["scope"] = c.applies_to;
    for (const auto& [id, slug] : scope.books) v["books"] += (v["books"].empty() ? "" : ", ") + slug;
    for (const auto& [id, slug] : scope.categories) v["categories"] += (v["categories"].empty() ? "" : ",") + std::to_string(id);
    if (r.usage_limit) v["usage_limit"] = std::to_string(*r.usage_limit);
    if (r.per_customer_limit) v["per_customer_limit"] = std::to_string(*r.per_customer_limit);
    if (r.starts) v["starts"] = format_minutes(*r.starts);
    if (r.ends) v["ends"] = format_minutes(*r.ends);
    return f;
}

http::Response render_form(Context& ctx, const FormState& form, const std::vector<store::AdminCategory>& categories,
                           const store::Coupon* coupon, int status) {
    View view("admin/coupon_form.tpl", coupon ? "Coupon " + coupon->code : "A new coupon");
    view.status = status;
    add_admin_nav(view, "coupons");
    auto& page = view.page();
    page.SetValue("HEADING", coupon ? "Coupon " + coupon->code : "A new coupon");
    page.SetValue("ACTION", coupon ? "/admin/coupons/" + std::to_string(coupon->id) : "/admin/coupons");
    page.SetValue("SUBMIT", coupon ? "Save changes" : "Create the coupon");
    add_form_errors(page, form);
    add_field(page, "CODE_FIELD", kCodeField, form);
    add_select(page, "KIND_FIELD", kKindField, kKinds, form);
    add_field(page, "PERCENT_FIELD", kPercentField, form);
    add_field(page, "MAX_DISCOUNT_FIELD", kMaxDiscountField, form);
    add_field(page, "AMOUNT_FIELD", kAmountField, form);
    add_field(page, "MIN_ORDER_FIELD", kMinOrderField, form);
    add_select(page, "SCOPE_FIELD", kScopeField, kScopes, form);
    add_field(page, "BOOKS_FIELD", kBooksField, form);
    std::set<std::string> chosen;
    if (const auto it = form.values.find("categories"); it != form.values.end())
        for (auto& id : split_trimmed(it->second)) chosen.insert(std::move(id));
    for (const auto& n : category_walk(categories)) {
        auto* d = page.AddSectionDictionary("CATEGORY_OPTION");
        d->SetIntValue("ID", n.category->id);
        d->SetValue("LABEL", category_path(categories, *n.category));
        if (chosen.count(std::to_string(n.category->id))) d->ShowSection("CHECKED");
        if (!n.category->active) d->ShowSection("INACTIVE");
    }
    if (const auto e = form.errors.find("categories"); e != form.errors.end())
        page.SetValueAndShowSection("CATEGORIES_ERROR", e->second, "HAS_CATEGORIES_ERROR");
    add_field(page, "USAGE_LIMIT_FIELD", kUsageLimitField, form);
    add_field(page, "PER_CUSTOMER_FIELD", kPerCustomerField, form);
    add_field(page, "STARTS_FIELD", kStartsField, form);
    add_field(page, "ENDS_FIELD", kEndsField, form);
    if (coupon) {
        auto* d = page.AddSectionDictionary("EDITING");
        d->SetIntValue("ID", coupon->id);
        d->SetValue("USED", std::to_string(coupon->used_count));
        const auto [state, css] = state_of(*coupon, ctx.now());
        d->SetValue("STATE", state);
        d->SetValue("STATE_CLASS", css);
        d->ShowSection(coupon->rules.active ? "ACTIVE" : "INACTIVE");
        add_audit_table(*d, ctx.store.audit.for_subject("coupon", coupon->id, 20));
    }
    return ctx.render(view);
}

store::Coupon coupon_param(Context& ctx) {
    const auto c = ctx.store.coupons.find_by_id(path_id(ctx, "There is no coupon with that id."));
    if (!c) throw NotFound("There is no coupon with that id.");
    return *c;
}

http::Response show_new(Context& ctx) {
    FormState form;
    form.values = {{"kind", "percent"}, {"scope", "all"}};
    return render_form(ctx, form, ctx.store.category_admin.all(), nullptr, 200);
}

http::Response do_create(Context& ctx) {
    const auto categories = ctx.store.category_admin.all();
    CouponForm f = read_coupon_form(ctx, categories);
    if (f.state.errors.empty()) {
        try {
            const int64_t id = ctx.store.coupon_admin.create(ctx.require_user().id, f.coupon, ctx.now());
            return http::Response::see_other("/admin/coupons/" + std::to_string(id), "Coupon " + f.coupon.code + " created.");
        } catch (const Invalid& e) {
            f.state.errors = e.fields;
        }
    }
    return render_form(ctx, f.state, categories, nullptr, 422);
}

http::Response show_edit(Context& ctx) {
    const store::Coupon c = coupon_param(ctx);
    return render_form(ctx, values_of(c, ctx.store.coupon_admin.scope(c.id)), ctx.store.category_admin.all(), &c, 200);
}

http::Response do_update(Context& ctx) {
    const store::Coupon c = coupon_param(ctx);
    const auto categories = ctx.store.category_admin.all();
    CouponForm f = read_coupon_form(ctx, categories);
    if (f.state.errors.empty()) {
        try {
            ctx.store.coupon_admin.update(ctx.require_user().id, c.id, f.coupon, ctx.now());
            return http::Response::see_other("/admin/coupons/" + std::to_string(c.id), "Coupon " + f.coupon.code + " saved.");
        } catch (const Invalid& e) {
            f.state.errors = e.fields;
        }
    }
    return render_form(ctx, f.state, categories, &c, 422);
}

http::Response do_active(Context& ctx) {
    const store::Coupon c = coupon_param(ctx);
    const bool active = ctx.req.field("active") == "1";
    ctx.store.coupon_admin.set_active(ctx.require_user().id, c.id, active, ctx.now());
    const std::string back = ctx.req.field("back") == "edit" ? "/admin/coupons/" + std::to_string(c.id) : "/admin/coupons";
    return http::Response::see_other(back, "Coupon " + c.code + (active ? " is active again." : " is deactivated: it no longer applies."));
}

}  // namespace

void register_admin_coupon_routes(App& app) {
    app.add("GET", "/admin/coupons", {list_coupons, Access::Admin});
    app.add("GET", "/admin/coupons/new", {show_new, Access::Admin});
    app.add("POST", "/admin/coupons", {do_create, Access::Admin});
    app.add("GET", "/admin/coupons/{id}", {show_edit, Access::Admin});
    app.add("POST", "/admin/coupons/{id}", {do_update, Access::Admin});
    app.add("POST", "/admin/coupons/{id}/active", {do_active, Access::Admin});
}

}  // namespace bf::pages
