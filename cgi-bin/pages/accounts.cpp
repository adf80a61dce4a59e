// Registration, login and logout, the account page, email verification and password reset.
#include "core/crypto.h"
#include "core/errors.h"
#include "core/login_challenge.h"
#include "core/text.h"
#include "emails/account_emails.h"
#include "pages/context.h"
#include "pages/emails.h"
#include "pages/validate.h"

namespace bf::pages {
namespace {

constexpr int64_t kVerifyTokenHours = 48;

const Field kEmailField{"email", "Email address", "email", "email", "", true, true, 254};
const Field kNameField{"display_name", "Display name", "text", "name", "Shown on your reviews and, for authors, on your books.", true, true, 100};
const Field kNewPasswordField{"password", "Password", "password", "new-password", "At least 8 characters.", true, false, 0};
const Field kPasswordField{"password", "Password", "password", "current-password", "", true, false, 0};

// A fresh single-use verification token for the user, stored as a hash and mailed in the same
// transaction; its link leads on to `next` once used.
void mail_verification(Context& ctx, const store::User& user, const std::string& next = "") {
    const std::string token = crypto::random_token();
    const std::string token_hash = crypto::sha256(token);
    ctx.store.accounts.issue_token(user.id, store::TokenPurpose::VerifyEmail,
                                   {token_hash, ctx.now().plus_hours(kVerifyTokenHours),
                                    verification_email(ctx.app, user.email, user.display_name, token, token_hash, next)},
                                   ctx.now());
}

std::string minutes_text(int64_t seconds) {
    const int64_t minutes = (seconds + 59) / 60;
    return minutes <= 1 ? "a minute" : std::to_string(minutes) + " minutes";
}

// ---- register ---------------------------------------------------------------

http::Response register_form(Context& ctx, const FormState& form) {
    View view("accounts/register.tpl", "Create your account");
    view.has_form = true;
    view.status = form.errors.empty() ? 200 : 422;
    auto& page = view.page();
    add_form_errors(page, form);
    add_field(page, "EMAIL_FIELD", kEmailField, form);
    add_field(page, "NAME_FIELD", kNameField, form);
    add_field(page, "PASSWORD_FIELD", kNewPasswordField, form);
    const auto role = form.values.find("role");
    page.ShowSection(role != form.values.end() && role->second == "author" ? "ROLE_AUTHOR" : "ROLE_CUSTOMER");
    if (form.values.count("newsletter")) page.ShowSection("NEWSLETTER_CHECKED");
    const auto next = form.values.find("next");
    if (next != form.values.end() && !next->second.empty())
        page.SetValueAndShowSection("NEXT", next->second, "HAS_NEXT");
    const auto error = form.errors.find("role");
    if (error != form.errors.end()) page.SetValueAndShowSection("ROLE_ERROR", error->second, "HAS_ROLE_ERROR");
    return ctx.render(view);
}

// /register?role=author (the home page's "Sell your book") starts as an author; ?next= from the login
// page comes along, so signing up on the way to checkout ends at checkout.
http::Response show_register(Context& ctx) {
    if (ctx.user()) return http::Response::see_other(safe_next(ctx.req.field("next")));
    FormState form;
    if (ctx.req.field("role") == "author") form.values["role"] = "author";
    form.values["next"] = ctx.req.field("next");
    return register_form(ctx, form);
}

http::Response do_register(Context& ctx) {
    FormState form;
    const std::string email = normalize_email(ctx.req.field("email"));
    const std::string name = trim(ctx.req.field("display_name"));
    const std::string password = ctx.req.field("password");
    const std::string role = ctx.req.field("role").empty() ? "customer" : ctx.req.field("role");
    const bool newsletter = ctx.req.field("newsletter") == "1";
    form.values = {{"email", email}, {"display_name", name}, {"role", role}, {"next", ctx.req.field("next")}};
    if (newsletter) form.values["newsletter"] = "1";
    if (auto e = check_email(email); !e.empty()) form.errors["email"] = e;
    if (auto e = check_display_name(name); !e.empty()) form.errors["display_name"] = e;
    if (auto e = check_password(password); !e.empty()) form.errors["password"] = e;
    if (role != "customer" && role != "author") form.errors["role"] = "Choose reader or author.";
    if (!form.errors.empty()) return register_form(ctx, form);
    // Each sign-up weighs a password (argon2id, 64 MiB): a limit of its own, whatever nginx lets through.
    const store::ThrottlePolicy per_address{
        static_cast<int>(ctx.app.config().get_int("signups_per_address_per_hour", store::kRegisterPolicy.limit)), 3600};
    const auto admission = ctx.store.throttle.count("register", ctx.req.remote_addr, per_address, ctx.now());
    if (!admission.admitted)
        throw TooManyRequests("Too many new accounts from your address. Please try again in " +
                                  minutes_text(admission.retry_after_seconds) + ".",
                              static_cast<int>(admission.retry_after_seconds));

    // The answer never says whether the address is taken (#12.8): a new address gets its account and a
    // confirmation link, a taken one changes nothing and its owner is told by email; both weigh the
    // password and end on the same page. The account is used once the link is opened, so nobody gets
    // in with an address they cannot read.
    const std::string token = crypto::random_token();
    const std::string token_hash = crypto::sha256(token);
    const std::string next = safe_next(form.values["next"]);
    const store::MailedToken verification{
        token_hash, ctx.now().plus_hours(kVerifyTokenHours),
        verification_email(ctx.app, email, name, token, token_hash, next == "/" ? "" : next)};
    const std::string base_url = ctx.app.base_url();
    ctx.store.accounts.create({email, name, role, crypto::hash_password(password), newsletter}, verification,
                              [&](const store::User& owner, const std::string& dedupe_key) {
                                  return emails::signup_attempt_notice(base_url, owner.email, owner.display_name,
                                                                       dedupe_key);
                              },
                              ctx.now());
    return http::Response::see_other("/register/check-email", "We sent a message to " + email +
                                                                  ". Open the link in it to finish creating your account.");
}

// Where every sign-up ends: what to do next, and what to do when no email arrives.
http::Response show_check_email(Context& ctx) {
    View view("accounts/check_email.tpl", "Check your email");
    return ctx.render(view);
}

// ---- login and logout -------------------------------------------------------

// The login form, with the wait token when the throttle asks the next attempt to wait.
struct LoginForm {
    LoginForm(FormState f) : form(std::move(f)) {}  // NOLINT: a plain form converts
    FormState form;
    std::string challenge;
    int64_t wait_seconds = 0;
};

std::string seconds_text(int64_t seconds) {
    if (seconds < 120) return std::to_string(seconds) + " seconds";
    return minutes_text(seconds);
}

http::Response login_form(Context& ctx, const LoginForm& login, int status) {
    const FormState& form = login.form;
    View view("accounts/login.tpl", "Log in");
    view.has_form = true;
    view.status = status;
    auto& page = view.page();
    add_form_errors(page, form);
    add_field(page, "EMAIL_FIELD", kEmailField, form);
    add_field(page, "PASSWORD_FIELD", kPasswordField, form);
    const auto next = form.values.find("next");
    page.SetValue("NEXT", next == form.values.end() ? "" : next->second);
    if (next != form.values.end() && !next->second.empty())
        page.SetValue("REGISTER_URL", "/register?next=" + url_encode(next->second));
    else page.SetValue("REGISTER_URL", "/register");
    const auto general = form.errors.find("");
    if (general != form.errors.end()) page.SetValueAndShowSection("LOGIN_ERROR", general->second, "HAS_LOGIN_ERROR");
    if (!login.challenge.empty()) {
        auto* wait = page.AddSectionDictionary("CHALLENGE");
        wait->SetValue("TOKEN", login.challenge);
        wait->SetIntValue("SECONDS", login.wait_seconds);
        wait->SetValue("WAIT", seconds_text(login.wait_seconds));
    }
    return ctx.render(view);
}

http::Response show_login(Context& ctx) {
    if (ctx.user()) return http::Response::see_other(safe_next(ctx.req.field("next")));
    FormState form;
    form.values["next"] = ctx.req.field("next");
    return login_form(ctx, {form}, 200);
}

// Verifying against a real hash even for unknown emails keeps the answer time the same.
const std::string& dummy_hash() {
    static const std::string hash = crypto::hash_password(crypto::random_token());
    return hash;
}

http::Response do_login(Context& ctx) {
    FormState form;
    const std::string email = normalize_email(ctx.req.field("email"));
    const std::string password = ctx.req.field("password");
    form.values = {{"email", email}, {"next", ctx.req.field("next")}};
    if (email.empty()) form.errors["email"] = "Enter your email address.";
    if (password.empty()) form.errors["password"] = "Enter your password.";
    if (!form.errors.empty()) return login_form(ctx, {form}, 422);

    // The attempt is counted before the password is weighed (one locked step), so parallel guesses
    // on one account from one address never get more than the pair's allowance weighed. Past it, an
    // attempt is weighed only when it brings back the wait token the form was given, after its wait
    // (core/login_challenge.h): the throttle slows and challenges instead of locking anyone out.
    auto& throttle = ctx.store.throttle;
    const std::string& address = ctx.req.remote_addr;
    const std::string pair = email + "\n" + address;
    const auto user = ctx.store.accounts.find_by_email(email);
    const auto user_id = user ? std::optional<int64_t>(user->id) : std::nullopt;
    const auto admission = throttle.admit_login(email, address, user_id, ctx.now());
    // The next attempt from this pair needs a token when it would pass the allowance.
    const auto challenge_next = [&](LoginForm& f) {
        const int over = admission.attempts + 1 - admission.limit;
        if (over < 1) return;
        f.wait_seconds = login_challenge::wait_seconds(over);
        f.challenge = login_challenge::issue(ctx.app.signer(), pair, admission.attempts,
                                             ctx.now().plus_seconds(f.wait_seconds));
    };
    if (!admission.admitted) {
        const auto verdict =
            login_challenge::judge(ctx.app.signer(), ctx.req.field("challenge"), pair, admission.attempts, ctx.now());
        if (verdict != login_challenge::Verdict::Accepted) {
            LoginForm challenged{form};
            challenge_next(challenged);
            challenged.form.errors[""] =
                std::string(verdict == login_challenge::Verdict::TooEarly ? "That was before the wait was over. " : "") +
                "There have been too many attempts to log in to this account from here, so this form now asks you "
                "to wait between tries: wait " + seconds_text(challenged.wait_seconds) +
                ", then enter your password and press Log in. Or reset your password.";
            auto response = login_form(ctx, challenged, 429);
            response.header("Retry-After", std::to_string(challenged.wait_seconds));
            return response;
        }
    }

    const auto hash = user ? ctx.store.accounts.password_hash(user->id) : std::nullopt;
    const bool password_ok = crypto::verify_password(hash ? *hash : dummy_hash(), password) && hash;
    // A deactivated account answers as a wrong password does: the form never confirms a password.
    if (!password_ok || !user->active) {
        if (!password_ok) throttle.login_failed(email, address, user_id, ctx.now());
        LoginForm failed{form};
        challenge_next(failed);
        failed.form.errors[""] = "That email and password do not match an account." +
                                 (failed.challenge.empty() ? std::string()
                                                           : " Before the next try from here, wait " +
                                                                 seconds_text(failed.wait_seconds) + ".");
        return login_form(ctx, failed, 422);
    }
    throttle.login_succeeded(email, address, user->id, ctx.now());
    // An account is used once its address is confirmed (a sign-up never tells whether an address is
    // taken, so a password alone must not open an account for an address its holder cannot read).
    if (!user->email_verified) {
        mail_verification(ctx, *user, ctx.req.field("next"));
        form.errors[""] = "Please confirm your email address first: we sent a new link to " + user->email +
                          ". Open it to log in.";
        return login_form(ctx, {form}, 403);
    }
    const auto guest_session = ctx.session_id();
    ctx.log_in(user->id);
    if (guest_session) ctx.store.carts.merge_guest_cart(*guest_session, user->id, ctx.now());  // the guest's cart joins
    return http::Response::see_other(safe_next(ctx.req.field("next")), "Welcome back, " + user->display_name + ".");
}

http::Response do_logout(Context& ctx) {
    ctx.log_out();
    return http::Response::see_other("/", "You have been logged out. See you soon!");
}

// ---- account page and verification -------------------------------------------

http::Response show_account(Context& ctx) {
    const auto& session_user = ctx.require_user();
    const auto user = ctx.store.accounts.find(session_user.id);
    if (!user) throw NotFound();
    View view("accounts/account.tpl", "Your account");
    auto& page = view.page();
    page.SetValue("NAME", user->display_name);
    page.SetValue("EMAIL", user->email);
    page.SetValue("ROLE", user->role == "customer" ? "Reader" : user->role == "author" ? "Author" : "Administrator");
    page.SetValue("MEMBER_SINCE", format_human(user->created));
    page.ShowSection(user->email_verified ? "VERIFIED" : "UNVERIFIED");
    if (user->newsletter) page.ShowSection("NEWSLETTER_ON");
    if (user->role == "author" || user->role == "admin") {
        page.ShowSection("IS_AUTHOR");
        if (ctx.store.mail.subscribed(user->id, "author-digests").value_or(false)) page.ShowSection("AUTHOR_DIGESTS_ON");
    }
    if (user->role == "admin") page.ShowSection("IS_ADMIN");
    return ctx.render(view);
}

http::Response resend_verification(Context& ctx) {
    const auto user = ctx.store.accounts.find(ctx.require_user().id);
    if (!user) throw NotFound();
    // From the checkout or a sale's page the person goes back there, and so does the link.
    const std::string next = ctx.req.field("next").empty() ? "/account" : safe_next(ctx.req.field("next"));
    if (user->email_verified) return http::Response::see_other(next, "Your email is already confirmed.");
    mail_verification(ctx, *user, next == "/account" ? "" : next);
    return http::Response::see_other(next, "We sent a new confirmation link to " + user->email +
                                               ". Open it, then come back here.");
}

[[noreturn]] void expired_link() {
    throw Gone("This link has expired or was already used. You can ask for a new one from your account page.");
}

http::Response show_verify(Context& ctx) {
    if (!ctx.store.accounts.token_owner(store::TokenPurpose::VerifyEmail, crypto::sha256(ctx.req.param("token")),
                                        ctx.now()))
        expired_link();
    // A button, not an instant GET: mail scanners that prefetch links must not use the token up.
    View view("accounts/verify.tpl", "Confirm your email");
    view.has_form = true;
    view.page().SetValue("TOKEN", ctx.req.param("token"));
    if (!ctx.req.field("next").empty()) view.page().SetValue("NEXT", safe_next(ctx.req.field("next")));
    return ctx.render(view);
}

// The link reached the address, so it logs its account in (a new account's first login); a session
// of another account is left as it is.
http::Response do_verify(Context& ctx) {
    const auto owner = ctx.store.accounts.verify_email(crypto::sha256(ctx.req.param("token")), ctx.now());
    if (!owner) expired_link();
    const std::string next = ctx.req.field("next").empty() ? "/account" : safe_next(ctx.req.field("next"));
    if (!ctx.user()) {
        const auto user = ctx.store.accounts.find(*owner);
        if (!user || !user->active) return http::Response::see_other("/login", "Thank you, your email address is confirmed.");
        const auto guest_session = ctx.session_id();
        ctx.log_in(*owner);
        if (guest_session) ctx.store.carts.merge_guest_cart(*guest_session, *owner, ctx.now());
        return http::Response::see_other(next, "Welcome to Bookfair, " + user->display_name +
                                                   "! Your email address is confirmed.");
    }
    return http::Response::see_other(ctx.user()->id == *owner ? next : "/account",
                                     "Thank you, your email address is confirmed.");
}

// ---- password reset ------------------------------------------------------------

http::Response forgot_form(Context& ctx, const FormState& form) {
    View view("accounts/forgot.tpl", "Reset your password");
    view.has_form = true;
    view.status = form.errors.empty() ? 200 : 422;
    add_form_errors(view.page(), form);
    add_field(view.page(), "EMAIL_FIELD", kEmailField, form);
    return ctx.render(view);
}

http::Response show_forgot(Context& ctx) { return forgot_form(ctx, FormState{}); }

http::Response do_forgot(Context& ctx) {
    FormState form;
    const std::string email = normalize_email(ctx.req.field("email"));
    form.values["email"] = email;
    if (auto e = check_email(email); !e.empty()) {
        form.errors["email"] = e;
        return forgot_form(ctx, form);
    }
    // Quietly limited, per address asked for and per client: past the limit nothing more is mailed.
    // Within it the request is recorded for the mailer, which looks the address up: the answer does
    // the same work, and so takes the same time, whether or not an account has the address (#12.8).
    auto& throttle = ctx.store.throttle;
    const bool within_limits =
        throttle.count("reset-email", email, store::kResetEmailPolicy, ctx.now()).admitted &&
        throttle.count("reset-address", ctx.req.remote_addr, store::kResetAddressPolicy, ctx.now()).admitted;
    if (within_limits) ctx.store.accounts.request_reset(email, ctx.now());
    // The same answer either way, so the form does not reveal who has an account.
    return http::Response::see_other("/login", "If an account exists for " + email +
                                                   ", we are sending it a link to choose a new password.");
}

http::Response reset_form(Context& ctx, const FormState& form) {
    View view("accounts/reset.tpl", "Choose a new password");
    view.has_form = true;
    view.status = form.errors.empty() ? 200 : 422;
    add_form_errors(view.page(), form);
    add_field(view.page(), "PASSWORD_FIELD", kNewPasswordField, form);
    view.page().SetValue("TOKEN", ctx.req.param("token"));
    return ctx.render(view);
}

// A used or expired reset link: the person is logged out and forgot their password, so the way on
// is a new link, not the account page.
http::Response expired_reset_link(Context& ctx) {
    View view("errors/error.tpl", "This link has expired");
    view.status = 410;
    auto& page = view.page();
    page.SetIntValue("STATUS", 410);
    page.SetValue("HEADING", "This link has expired");
    page.SetValue("MESSAGE", "Password reset links work once, for a limited time. Ask for a new one and use the newest email.");
    auto* next = page.AddSectionDictionary("NEXT_STEP");
    next->SetValue("URL", "/password/forgot");
    next->SetValue("LABEL", "Ask for a new link");
    return ctx.render(view);
}

http::Response show_reset(Context& ctx) {
    if (!ctx.store.accounts.token_owner(store::TokenPurpose::ResetPassword, crypto::sha256(ctx.req.param("token")),
                                        ctx.now()))
        return expired_reset_link(ctx);
    return reset_form(ctx, FormState{});
}

http::Response do_reset(Context& ctx) {
    FormState form;
    const std::string password = ctx.req.field("password");
    if (auto e = check_password(password); !e.empty()) {
        form.errors["password"] = e;
        return reset_form(ctx, form);
    }
    const std::string token_hash = crypto::sha256(ctx.req.param("token"));
    if (!ctx.store.accounts.token_owner(store::TokenPurpose::ResetPassword, token_hash, ctx.now()))
        return expired_reset_link(ctx);
    if (!ctx.store.accounts.reset_password(token_hash, crypto::hash_password(password), ctx.now(),
                                           password_changed_notice(ctx.app)))
        return expired_reset_link(ctx);
    return http::Response::see_other("/login", "Your password has been changed. Please log in with the new one.");
}

}  // namespace

void register_account_routes(App& app) {
    app.add("GET", "/register", {show_register});
    app.add("POST", "/register", {do_register});
    app.add("GET", "/register/check-email", {show_check_email});
    app.add("GET", "/login", {show_login});
    app.add("POST", "/login", {do_login});
    app.add("POST", "/logout", {do_logout});
    app.add("GET", "/account", {show_account, Access::User});
    app.add("POST", "/account/verification", {resend_verification, Access::User});
    app.add("GET", "/verify-email/{token}", {show_verify});
    app.add("POST", "/verify-email/{token}", {do_verify});
    app.add("GET", "/password/forgot", {show_forgot});
    app.add("POST", "/password/forgot", {do_forgot});
    app.add("GET", "/password/reset/{token}", {show_reset});
    app.add("POST", "/password/reset/{token}", {do_reset});
}

}  // namespace bf::pages
