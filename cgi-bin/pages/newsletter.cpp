// Mailing-list choices: the one-click unsubscribe link in every digest (no login: the signed
// token says who and which list) and the checkboxes on the account page.
#include "core/errors.h"
#include "core/unsubscribe.h"
#include "pages/context.h"

namespace bf::pages {
namespace {

const char* list_title(const std::string& list) {
    return list == unsubscribe::kNewsletter ? "the daily email of new books" : "your daily and monthly sales emails";
}

unsubscribe::Subscription subscription_from(Context& ctx) {
    const auto s = unsubscribe::open_token(ctx.app.signer(), ctx.req.param("token"));
    if (!s) throw NotFound("This unsubscribe link is not valid. You can choose your emails on your account page.");
    return *s;
}

// GET /unsubscribe/{token}: what the link does, with the button (mail scanners prefetch GETs).
http::Response show_unsubscribe(Context& ctx) {
    const auto s = subscription_from(ctx);
    const auto subscribed = ctx.store.mail.subscribed(s.user_id, s.list);
    if (!subscribed) throw NotFound("This unsubscribe link belongs to an account that no longer exists.");
    View view("mail/unsubscribe.tpl", "Your emails");
    auto& page = view.page();
    page.SetValue("TOKEN", ctx.req.param("token"));
    page.SetValue("LIST", list_title(s.list));
    page.ShowSection(*subscribed ? "SUBSCRIBED" : "UNSUBSCRIBED");
    return ctx.render(view);
}

// POST /unsubscribe/{token}: the button on that page, or a mail client's one-click request
// (RFC 8058: body "List-Unsubscribe=One-Click", no cookies, so no CSRF token: the signed
// token is the authority). "subscribe=1" undoes it.
http::Response do_unsubscribe(Context& ctx) {
    const auto s = subscription_from(ctx);
    const bool subscribe = ctx.req.field("subscribe") == "1";
    if (!ctx.store.mail.set_subscribed(s.user_id, s.list, subscribe, ctx.now()))
        throw NotFound("This unsubscribe link belongs to an account that no longer exists.");
    const std::string what = std::string(subscribe ? "You will receive " : "You will no longer receive ") +
                             list_title(s.list) + ".";
    if (ctx.req.field("List-Unsubscribe") == "One-Click") return http::Response::text(200, what + "\n");
    return http::Response::see_other("/unsubscribe/" + ctx.req.param("token"), what);
}

// POST /account/emails: the checkboxes on the account page.
http::Response save_email_choices(Context& ctx) {
    const auto& user = ctx.require_user();
    ctx.store.mail.set_subscribed(user.id, unsubscribe::kNewsletter, ctx.req.field("newsletter") == "1", ctx.now());
    if (user.role == "author" || user.role == "admin")
        ctx.store.mail.set_subscribed(user.id, unsubscribe::kAuthorDigests, ctx.req.field("author_digests") == "1",
                                      ctx.now());
    return http::Response::see_other("/account", "Your email choices are saved.");
}

}  // namespace

void register_newsletter_routes(App& app) {
    app.add("GET", "/unsubscribe/{token}", {show_unsubscribe});
    app.add("POST", "/unsubscribe/{token}", {do_unsubscribe, Access::Public, false});
    app.add("POST", "/account/emails", {save_email_choices, Access::User});
}

}  // namespace bf::pages
