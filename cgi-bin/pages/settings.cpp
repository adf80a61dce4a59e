// /account/settings (display name, password, email, closing the account) and the address book
// (/account/addresses). Email preferences (newsletter, digests) live on the account page's "email choices"
// form; the settings page links there.
#include "core/crypto.h"
#include "core/errors.h"
#include "core/text.h"
#include "pages/buying.h"
#include "pages/emails.h"
#include "pages/readers.h"
#include "pages/validate.h"

namespace bf::pages {
namespace {

constexpr int64_t kEmailChangeHours = 24;

const Field kNameField{"display_name", "Display name", "text", "name", "Shown on your reviews and shared wishlists.",
                       true, true, 100};
const Field kCurrentPasswordField{"current_password", "Current password", "password", "current-password", "", true,
                                  false, 0};
const Field kNewPasswordField{"new_password", "New password", "password", "new-password", "At least 8 characters.", true,
                              false, 0};
const Field kNewEmailField{"new_email", "New email address", "email", "email",
                           "We send a link there; the change takes effect when you open it.", true, true, 254};
const Field kEmailPasswordField{"email_password", "Your password", "password", "current-password", "", true, false, 0};
const Field kClosePasswordField{"close_password", "Your password", "password", "current-password", "", true, false, 0};

// Which of the settings page's forms a FormState belongs to.
enum class Part { None, Profile, Password, Email, Close };

bool password_matches(Context& ctx, const std::string& password) {
    const auto hash = ctx.store.accounts.password_hash(ctx.require_user().id);
    return hash && !password.empty() && crypto::verify_password(*hash, password);
}

http::Response settings_page(Context& ctx, Part part, const FormState& form) {
    const auto* user = &ctx.require_user();  // read with the session, this request
    View view("settings/settings.tpl", "Account settings");
    view.status = form.errors.empty() ? 200 : 422;
    auto& page = view.page();
    const FormState empty;
    auto state = [&](Part p) -> const FormState& { return p == part ? form : empty; };
    FormState profile = state(Part::Profile);
    if (!profile.values.count("display_name")) profile.values["display_name"] = user->display_name;
    add_field(page, "NAME_FIELD", kNameField, profile);
    add_field(page, "CURRENT_PASSWORD_FIELD", kCurrentPasswordField, state(Part::Password));
    add_field(page, "NEW_PASSWORD_FIELD", kNewPasswordField, state(Part::Password));
    add_field(page, "NEW_EMAIL_FIELD", kNewEmailField, state(Part::Email));
    add_field(page, "EMAIL_PASSWORD_FIELD", kEmailPasswordField, state(Part::Email));
    page.SetValue("EMAIL", user->email);
    if (const auto pending = ctx.store.accounts.pending_email_change_of(user->id, ctx.now()))
        page.SetValueAndShowSection("PENDING_EMAIL", pending->new_email, "HAS_PENDING_EMAIL");
    if (user->role == "customer") {
        auto* close = page.AddSectionDictionary("CAN_CLOSE");
        add_field(*close, "CLOSE_PASSWORD_FIELD", kClosePasswordField, state(Part::Close));
        const auto e = form.errors.find("confirm");
        if (part == Part::Close && e != form.errors.end())
            close->SetValueAndShowSection("CONFIRM_ERROR", e->second, "HAS_CONFIRM_ERROR");
    } else {
        page.ShowSection("CANNOT_CLOSE");
    }
    // One summary per form, next to it.
    const char* summary = part == Part::Profile ? "PROFILE_ERRORS"
                          : part == Part::Password ? "PASSWORD_ERRORS"
                          : part == Part::Email    ? "EMAIL_ERRORS"
                                                   : "CLOSE_ERRORS";
    if (part != Part::None && !form.errors.empty()) {
        auto* d = page.AddSectionDictionary(summary);
        add_form_errors(*d, form);
    }
    return ctx.render(view);
}

http::Response show_settings(Context& ctx) { return settings_page(ctx, Part::None, FormState{}); }

http::Response save_profile(Context& ctx) {
    FormState form;
    const std::string name = trim(ctx.req.field("display_name"));
    form.values["display_name"] = name;
    if (auto e = check_display_name(name); !e.empty()) {
        form.errors["display_name"] = e;
        return settings_page(ctx, Part::Profile, form);
    }
    ctx.store.accounts.set_display_name(ctx.require_user().id, name, ctx.now());
    return http::Response::see_other("/account/settings", "Your display name is now " + name + ".");
}

http::Response change_password(Context& ctx) {
    FormState form;
    const std::string current = ctx.req.field("current_password");
    const std::string fresh = ctx.req.field("new_password");
    if (current.empty()) form.errors["current_password"] = "Enter your current password.";
    else if (!password_matches(ctx, current)) form.errors["current_password"] = "That is not your current password.";
    if (auto e = check_password(fresh); !e.empty()) form.errors["new_password"] = e;
    else if (fresh == current) form.errors["new_password"] = "Choose a password different from the current one.";
    if (!form.errors.empty()) return settings_page(ctx, Part::Password, form);
    ctx.store.accounts.change_password(ctx.require_user().id, crypto::hash_password(fresh), ctx.session_id(), ctx.now(),
                                       password_changed_notice(ctx.app));
    return http::Response::see_other("/account/settings",
                                     "Your password is changed. You were logged out everywhere else.");
}

http::Response change_email(Context& ctx) {
    FormState form;
    const std::string email = normalize_email(ctx.req.field("new_email"));
    form.values["new_email"] = email;
    if (auto e = check_email(email); !e.empty()) form.errors["new_email"] = e;
    if (!password_matches(ctx, ctx.req.field("email_password")))
        form.errors["email_password"] = "Enter your current password to change your email.";
    if (!form.errors.empty()) return settings_page(ctx, Part::Email, form);
    const auto* user = &ctx.require_user();  // read with the session, this request
    const std::string token = crypto::random_token();
    const std::string token_hash = crypto::sha256(token);
    try {
        ctx.store.accounts.request_email_change(
            user->id, email,
            {token_hash, ctx.now().plus_hours(kEmailChangeHours),
             email_change_email(ctx.app, email, user->display_name, token, token_hash)},
            [&](const std::string& owner_name) { return address_in_use_notice(ctx.app, email, owner_name, token_hash); },
            ctx.now());
    } catch (const Invalid& e) {
        form.errors = e.fields;
        return settings_page(ctx, Part::Email, form);
    }
    return http::Response::see_other("/account/settings", "We sent a link to " + email +
                                                              ". Your email changes when you open it; until then "
                                                              "we keep using " + user->email + ".");
}

[[noreturn]] void expired_change() {
    throw Gone("This link has expired or was already used. You can ask for a new one on your settings page.");
}

http::Response show_confirm_email(Context& ctx) {
    const auto change = ctx.store.accounts.pending_email_change(crypto::sha256(ctx.req.param("token")), ctx.now());
    if (!change) expired_change();
    // A button, not an instant GET: mail scanners that prefetch links must not use the token up.
    View view("settings/confirm_email.tpl", "Confirm your new email");
    view.has_form = true;
    view.page().SetValue("TOKEN", ctx.req.param("token"));
    view.page().SetValue("NEW_EMAIL", change->new_email);
    return ctx.render(view);
}

http::Response do_confirm_email(Context& ctx) {
    const std::string token_hash = crypto::sha256(ctx.req.param("token"));
    const auto change = ctx.store.accounts.pending_email_change(token_hash, ctx.now());
    if (!change) expired_change();
    const auto user = ctx.store.accounts.find(change->user_id);
    if (!user) expired_change();
    try {
        if (!ctx.store.accounts.confirm_email_change(
                token_hash, email_changed_notice(ctx.app, user->email, user->display_name, change->new_email, token_hash),
                ctx.user() && ctx.user()->id == user->id ? ctx.session_id() : std::nullopt, ctx.now()))
            expired_change();
    } catch (const Invalid& e) {
        throw Conflict(e.fields.begin()->second);
    }
    return http::Response::see_other(ctx.user() ? "/account/settings" : "/login",
                                     "Your email address is now " + change->new_email + ".");
}

http::Response close_account(Context& ctx) {
    FormState form;
    if (!password_matches(ctx, ctx.req.field("close_password")))
        form.errors["close_password"] = "Enter your password to close your account.";
    if (ctx.req.field("confirm") != "close")
        form.errors["confirm"] = "Tick the box to confirm that you want to close your account.";
    if (!form.errors.empty()) return settings_page(ctx, Part::Close, form);
    ctx.store.accounts.close(ctx.require_user().id, ctx.now(), account_closed_notice(ctx.app));
    ctx.log_out();
    return http::Response::see_other("/", "Your account is closed and your personal details are removed. Goodbye!");
}

// ---- the address book ------------------------------------------------------------------

int64_t address_id(Context& ctx) { return path_id(ctx, "That address is not in your address book."); }

http::Response show_addresses(Context& ctx) {
    View view("settings/addresses.tpl", "Your addresses");
    auto& page = view.page();
    const auto addresses = ctx.store.addresses.list(ctx.require_user().id);
    if (addresses.empty()) page.ShowSection("NO_ADDRESSES");
    for (const auto& a : addresses) {
        auto* d = page.AddSectionDictionary("ADDRESS");
        d->SetIntValue("ID", a.id);
        const auto& f = a.fields;
        d->SetValue("NAME", f.full_name);
        d->SetValue("LINE1", f.line1);
        if (!f.line2.empty()) d->SetValueAndShowSection("LINE2", f.line2, "HAS_LINE2");
        d->SetValue("CITY_LINE", f.city + (f.region.empty() ? "" : ", " + f.region) + " " + f.postal_code);
        d->SetValue("COUNTRY", f.country);
        if (!f.phone.empty()) d->SetValueAndShowSection("PHONE", f.phone, "HAS_PHONE");
        d->ShowSection(a.default_shipping ? "DEFAULT_SHIPPING" : "NOT_DEFAULT_SHIPPING");
        d->ShowSection(a.default_billing ? "DEFAULT_BILLING" : "NOT_DEFAULT_BILLING");
    }
    if (static_cast<int>(addresses.size()) < store::Addresses::kMaxPerUser) page.ShowSection("CAN_ADD");
    return ctx.render(view);
}

http::Response address_form(Context& ctx, FormState& form, std::optional<int64_t> id) {
    View view("settings/address_form.tpl", id ? "Edit address" : "New address");
    view.status = form.errors.empty() ? 200 : 422;
    auto& page = view.page();
    page.SetValue("HEADING", id ? "Edit address" : "New address");
    page.SetValue("ACTION", id ? "/account/addresses/" + std::to_string(*id) : "/account/addresses");
    if (!id) {
        auto* d = page.AddSectionDictionary("IS_NEW");
        if (form.values["make_default"] == "1") d->ShowSection("DEFAULT_CHECKED");
    }
    add_form_errors(page, form);
    if (const auto e = form.errors.find("address"); e != form.errors.end())
        page.SetValueAndShowSection("BOOK_ERROR", e->second, "HAS_BOOK_ERROR");
    add_address_fields(page, form);
    return ctx.render(view);
}

http::Response new_address(Context& ctx) {
    FormState form;
    return address_form(ctx, form, std::nullopt);
}

http::Response create_address(Context& ctx) {
    FormState form;
    const auto input = read_address_fields(ctx, form);
    form.values["make_default"] = ctx.req.field("make_default") == "1" ? "1" : "";
    try {
        ctx.store.addresses.create(ctx.require_user().id, input, form.values["make_default"] == "1", ctx.now());
    } catch (const Invalid& e) {
        form.errors = e.fields;
        return address_form(ctx, form, std::nullopt);
    }
    return http::Response::see_other("/account/addresses", "The address is saved.");
}

http::Response edit_address(Context& ctx) {
    const auto a = ctx.store.addresses.find(ctx.require_user().id, address_id(ctx));
    if (!a) throw NotFound("That address is not in your address book.");
    FormState form;
    const auto& f = a->fields;
    form.values = {{"full_name", f.full_name}, {"line1", f.line1},         {"line2", f.line2},     {"city", f.city},
                   {"region", f.region},       {"postal_code", f.postal_code}, {"country", f.country}, {"phone", f.phone}};
    return address_form(ctx, form, a->id);
}

http::Response update_address(Context& ctx) {
    const int64_t id = address_id(ctx);
    FormState form;
    const auto input = read_address_fields(ctx, form);
    try {
        ctx.store.addresses.update(ctx.require_user().id, id, input);
    } catch (const Invalid& e) {
        form.errors = e.fields;
        return address_form(ctx, form, id);
    }
    return http::Response::see_other("/account/addresses", "The address is updated.");
}

http::Response make_default(Context& ctx) {
    const int64_t id = address_id(ctx);
    const std::string kind = ctx.req.field("kind");
    if (kind == "billing") ctx.store.addresses.set_default_billing(ctx.require_user().id, id);
    else ctx.store.addresses.set_default_shipping(ctx.require_user().id, id);
    return http::Response::see_other("/account/addresses", kind == "billing" ? "Billing will use this address."
                                                                              : "Orders will ship here unless you choose otherwise.");
}

http::Response delete_address(Context& ctx) {
    const bool removed = ctx.store.addresses.remove(ctx.require_user().id, address_id(ctx));
    return http::Response::see_other("/account/addresses", removed ? "The address is deleted." : "That address was already gone.");
}

}  // namespace

void register_settings_routes(App& app) {
    app.add("GET", "/account/settings", {show_settings, Access::User});
    app.add("POST", "/account/settings/profile", {save_profile, Access::User});
    app.add("POST", "/account/settings/password", {change_password, Access::User});
    app.add("POST", "/account/settings/email", {change_email, Access::User});
    app.add("POST", "/account/settings/close", {close_account, Access::User});
    app.add("GET", "/account/email/confirm/{token}", {show_confirm_email});
    app.add("POST", "/account/email/confirm/{token}", {do_confirm_email});
    app.add("GET", "/account/addresses", {show_addresses, Access::User});
    app.add("GET", "/account/addresses/new", {new_address, Access::User});
    app.add("POST", "/account/addresses", {create_address, Access::User});
    app.add("GET", "/account/addresses/{id}/edit", {edit_address, Access::User});
    app.add("POST", "/account/addresses/{id}", {update_address, Access::User});
    app.add("POST", "/account/addresses/{id}/default", {make_default, Access::User});
    app.add("POST", "/account/addresses/{id}/delete", {delete_address, Access::User});
}

}  // namespace bf::pages
