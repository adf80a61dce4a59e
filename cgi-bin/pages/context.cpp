#include "pages/context.h"

#include "core/crypto.h"
#include "core/errors.h"
#include "core/templates.h"
#include "core/text.h"
#include "core/time.h"

namespace bf::pages {
namespace {

constexpr int64_t kTouchEverySeconds = 600;  // slide session expiry at most every 10 minutes

// The names layout.tpl fills on every page, with their ctemplate ids.
const templates::Name kTitle("TITLE"), kStaticVersion("STATIC_VERSION"), kYear("YEAR"), kSearchQuery("SEARCH_QUERY"),
    kLoggedIn("LOGGED_IN"), kUserName("USER_NAME"), kIsAuthor("IS_AUTHOR"), kIsAdmin("IS_ADMIN"),
    kLoggedOut("LOGGED_OUT"), kCartCount("CART_COUNT"), kCartCountText("CART_COUNT_TEXT"), kHasCartItems("HAS_CART_ITEMS"), kCsrfToken("CSRF_TOKEN"),
    kFlash("FLASH"), kFlashKind("FLASH_KIND"), kFlashMessage("FLASH_MESSAGE"), kDescription("DESCRIPTION"),
    kOgType("OG_TYPE"), kOgUrl("OG_URL"), kOgImage("OG_IMAGE");

constexpr const char* kShopDescription =
    "Bookfair: books sold by the people who write them. Fiction, poetry and non-fiction straight from their authors.";

// The page's address for previews and search engines: absolute, without the query.
std::string absolute(const std::string& base_url, const std::string& path_or_url) {
    return starts_with(path_or_url, "http://") || starts_with(path_or_url, "https://") ? path_or_url
                                                                                       : base_url + path_or_url;
}

}  // namespace

Context::Context(const App& a, http::Request& r, store::Store& s) : app(a), req(r), store(s) {}

void Context::load_session() {
    const std::string token = req.cookie(kSessionCookie);
    if (token.empty()) return;
    const auto session = store.sessions.find(crypto::sha256(token), now());
    if (!session) {
        set_cookie(http::Cookie{kSessionCookie, "", 0});  // stale cookie: forget it
        return;
    }
    session_id_ = session->id;
    session_token_ = token;
    user_ = session->user;
    cart_items_ = session->cart_items;
    if (session->last_seen < now().plus_seconds(-kTouchEverySeconds)) {
        store.sessions.touch(session->id, now());
        set_session_cookie(token);
    }
}

void Context::forget_cached_session() {
    const std::string token = req.cookie(kSessionCookie);
    if (!token.empty()) store.sessions.forget_cached(crypto::sha256(token));
}

const store::SessionUser& Context::require_user() const {
    if (!user_) throw Unauthorized();
    return *user_;
}

void Context::set_session_cookie(const std::string& token) {
    http::Cookie c{kSessionCookie, token, store::Sessions::kIdleDays * 86400};
    c.secure = req.https;
    set_cookie(c);
}

int64_t Context::ensure_session() {
    if (session_id_) return *session_id_;
    cart_items_.reset();
    session_token_ = crypto::random_token();
    session_id_ = store.sessions.create(crypto::sha256(session_token_), std::nullopt, now());
    set_session_cookie(session_token_);
    return *session_id_;
}

void Context::log_in(int64_t user_id) {
    // A fresh token on every login defeats session fixation; the row (and its cart) stays.
    const std::string token = crypto::random_token();
    cart_items_.reset();
    if (session_id_) store.sessions.log_in(*session_id_, crypto::sha256(token), user_id, now());
    else session_id_ = store.sessions.create(crypto::sha256(token), user_id, now());
    session_token_ = token;
    set_session_cookie(token);
}

void Context::log_out() {
    if (!session_token_.empty()) store.sessions.destroy(crypto::sha256(session_token_));
    session_id_.reset();
    session_token_.clear();
    user_.reset();
    cart_items_.reset();
    set_cookie(http::Cookie{kSessionCookie, "", 0});
}

std::string Context::csrf_binding() const {
    if (!session_token_.empty()) return "s|" + session_token_;
    const std::string anon = anon_token_.empty() ? req.cookie(kAnonCookie) : anon_token_;
    return anon.empty() ? "" : "a|" + anon;
}

std::string Context::csrf_token() {
    if (csrf_binding().empty()) {
        anon_token_ = crypto::random_token(24);
        http::Cookie c{kAnonCookie, anon_token_, -1};
        c.secure = req.https;
        set_cookie(c);
    }
    return app.csrf().token_for(csrf_binding());
}

bool Context::csrf_valid() const {
    std::string presented = req.field("_csrf");
    if (presented.empty()) presented = req.header("X-CSRF-Token");
    return app.csrf().check(csrf_binding(), presented);
}

void Context::set_cookie(http::Cookie cookie) {
    for (auto& c : cookies_)
        if (c.name == cookie.name) {
            c = std::move(cookie);
            return;
        }
    cookies_.push_back(std::move(cookie));
}

void Context::take_flash(std::string& kind, std::string& message) {
    const std::string sealed = req.cookie(kFlashCookie);
    if (sealed.empty()) return;
    set_cookie(http::Cookie{kFlashCookie, "", 0});
    std::string payload, decoded;
    if (!app.signer().open(sealed, payload) || !crypto::base64url_decode(payload, decoded)) return;
    const auto newline = decoded.find('\n');
    if (newline == std::string::npos) return;
    kind = decoded.substr(0, newline);
    message = decoded.substr(newline + 1);
}

http::Response Context::render(View& view) {
    auto& layout = view.layout();
    layout.SetValue(kTitle, view.title());
    layout.SetValue(kDescription, view.description.empty() ? kShopDescription : view.description);
    layout.SetValue(kOgType, view.og_type);
    layout.SetValue(kOgUrl, absolute(app.base_url(), req.path));
    layout.SetValue(kOgImage, absolute(app.base_url(), view.image.empty() ? "/static/img/logo-email.png" : view.image));
    layout.SetValue(kStaticVersion, app.static_version());
    layout.SetIntValue(kYear, to_civil(now()).year);
    layout.SetValue(kSearchQuery, req.path == "/books" ? req.field("q") : "");
    const bool personal = !view.shared;
    if (user_ && personal) {
        auto* u = layout.AddSectionDictionary(kLoggedIn);
        u->SetValue(kUserName, user_->display_name);
        if (user_->role == "author" || user_->role == "admin") u->ShowSection(kIsAuthor);
        if (user_->role == "admin") u->ShowSection(kIsAdmin);
    } else {
        layout.ShowSection(kLoggedOut);
    }
    // The cart link's count: a GET shows the count read with the session; after a POST (which may
    // have changed the cart) or a new session it is one indexed query; without a session (or a
    // database), none.
    const bool read_only = req.method == "GET" || req.method == "HEAD";
    const int in_cart = !personal                   ? 0
                        : cart_items_ && (read_only || database_lost_) ? *cart_items_
                        : database_lost_           ? 0
                        : user_                    ? store.carts.count({user_->id, std::nullopt}, now())
                        : session_id_              ? store.carts.count({std::nullopt, session_id_}, now())
                                                   : 0;
    layout.SetIntValue(kCartCount, in_cart);
    layout.SetValue(kCartCountText, count_of(in_cart, "item", "items"));
    if (in_cart > 0) layout.ShowSection(kHasCartItems);
    // Forms anywhere on the page (and the header's logout button) carry this token.
    if (personal && (user_ || session_id_ || view.has_form)) layout.SetTemplateGlobalValue(kCsrfToken, csrf_token());
    std::string kind, message;
    if (personal) take_flash(kind, message);
    if (!message.empty()) {
        auto* f = layout.AddSectionDictionary(kFlash);
        f->SetValue(kFlashKind, kind == "error" ? "error" : "success");
        f->SetValue(kFlashMessage, message);
    }
    http::Response r;
    r.status = view.status;
    r.body = templates::render("layout.tpl", layout);
    return r;
}

int64_t path_id(Context& ctx, const std::string& message, const char* name) {
    const auto id = parse_int(ctx.req.param(name), 1, INT64_MAX / 10);
    if (!id) throw NotFound(message);
    return *id;
}

std::optional<int64_t> page_marker(Context& ctx, const std::string& field) {
    const std::string text = ctx.req.field(field);
    if (text.empty()) return std::nullopt;
    const auto marker = parse_int(text, 0, INT64_MAX / 10);
    if (!marker) throw BadRequest("The page marker is not a number.");
    return marker;
}

}  // namespace bf::pages
