#include "pages/app.h"

#include <sys/stat.h>


#include "core/errors.h"
#include "core/log.h"
#include "core/templates.h"
#include "emails/order_notices.h"
#include "core/text.h"
#include "pages/context.h"

namespace bf::pages {
namespace {

// Changes whenever the stylesheet does, so browsers may cache static files for a long time.
std::string static_version_of(const std::string& static_dir) {
    struct stat st {};
    if (::stat((static_dir + "/css/site.css").c_str(), &st) != 0) return "1";
    return std::to_string(st.st_mtim.tv_sec);
}

const char* error_title(int status) {
    switch (status) {
        case 400: return "That request could not be understood";
        case 401: return "Please log in";
        case 403: return "Not allowed";
        case 404: return "Page not found";
        case 405: return "Wrong kind of request";
        case 409: return "That could not be done";
        case 410: return "Link expired";
        case 413: return "Too large";
        case 422: return "Please check what you asked for";
        case 429: return "Slow down, please";
        case 503: return "Back in a moment";
        default: return "Something went wrong";
    }
}

http::Response error_page(Context& ctx, int status, const std::string& message) {
    View view("errors/error.tpl", error_title(status));
    view.status = status;
    view.page().SetIntValue("STATUS", status);
    view.page().SetValue("HEADING", error_title(status));
    view.page().SetValue("MESSAGE", message);
    if (status == 401 || status == 403) view.page().ShowSection("SUGGEST_LOGIN");
    return ctx.render(view);
}

void add_security_headers(http::Response& r) {
    r.header("Content-Security-Policy",
             "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
             "base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
    r.header("X-Content-Type-Options", "nosniff");
    r.header("X-Frame-Options", "DENY");
    r.header("Referrer-Policy", "same-origin");
}

bool allowed(Access access, const std::optional<store::SessionUser>& user) {
    if (access == Access::Public) return true;
    if (!user) throw Unauthorized();
    if (access == Access::Author) return user->role == "author" || user->role == "admin";
    if (access == Access::Admin) return user->role == "admin";
    return true;
}

}  // namespace

App::App(const Config& config)
    : config_(config),
      clock_(make_clock(config.get("clock_file"))),
      signer_(crypto::read_secret_file(config.require("secret_file"))),
      csrf_(signer_),
      base_url_(config.get("base_url", "http://127.0.0.1:8080")),
      static_version_(static_version_of(config.get("static_dir", "static"))),
      uploads_dir_(config.get("uploads_dir", "var/uploads")) {
    limits_.form_bytes = static_cast<size_t>(config.get_int("max_form_bytes", 1 << 20));
    limits_.multipart_bytes = static_cast<size_t>(config.get_int("max_upload_bytes", 6 << 20));
    templates::set_root(config.get("templates_dir", "templates"));
    templates::set_shop_identity(config);
    emails::install_order_notices(config);
    crypto::set_max_concurrent_password_hashes(static_cast<int>(config.get_int("password_hash_slots", 2)));
    register_routes(*this);
}

std::vector<App::RouteInfo> App::routes() const {
    std::vector<RouteInfo> out;
    for (const auto& r : router_.list()) out.push_back({r.method, r.pattern, r.handler->access});
    return out;
}

http::Response App::serve(http::Env env, const std::function<size_t(char*, size_t)>& read,
                          store::Store& store) const {
    http::Request req;
    try {
        const std::string body = read_body(env, limits_, read);
        req = http::parse_request(env, body);
    } catch (const HttpError& e) {
        // The request could not be read: answer without touching the session or database.
        http::Request bare;
        bare.method = "GET";
        bare.env = std::move(env);
        bare.now = clock_->now();
        Context ctx(*this, bare, store);
        http::Response r = error_page(ctx, e.status, e.what());
        add_security_headers(r);
        return r;
    }
    req.now = clock_->now();
    return dispatch(req, store);
}

http::Response App::dispatch(http::Request& req, store::Store& store) const {
    Context ctx(*this, req, store);
    http::Response response;
    try {
        const auto match = router_.match(req.method, req.path);
        if (!match.handler) {
            if (!match.allowed.empty()) throw MethodNotAllowed(match.allowed);
            throw NotFound();
        }
        req.path_params = match.params;
        ctx.load_session();
        if (!allowed(match.handler->access, ctx.user())) throw Forbidden("This page is not part of your account's role.");
        if (req.method == "POST" && match.handler->csrf && !ctx.csrf_valid() &&
            !(match.handler->guest_same_origin && http::same_origin(req.env)))
            throw Forbidden("This form has expired or did not come from Bookfair. Go back, reload the page and try again.");
        response = match.handler->handle(ctx);
    } catch (const Unauthorized&) {
        const std::string back = req.path + (req.query_string.empty() ? "" : "?" + req.query_string);
        response = req.method == "GET"
                       ? http::Response::see_other("/login?next=" + url_encode(back), "Please log in to continue.", "error")
                       : error_page(ctx, 401, "Your session has ended. Please log in and try again.");
    } catch (const MethodNotAllowed& e) {
        response = error_page(ctx, 405, e.what());
        response.header("Allow", e.allow);
    } catch (const TooManyRequests& e) {
        response = error_page(ctx, 429, e.what());
        response.header("Retry-After", std::to_string(e.retry_after_seconds));
    } catch (const HttpError& e) {
        response = error_page(ctx, e.status, e.what());
    } catch (const Invalid& e) {
        response = error_page(ctx, 400, e.fields.empty() ? "Some input was not valid." : e.fields.begin()->second);
    } catch (const db::Error& e) {
        log::error(req.method + " " + req.path + ": database error " + std::to_string(e.code()) + ": " + e.what());
        response = e.is_connection_lost() || e.code() >= 2000
                       ? error_page(ctx, 503, "We cannot reach our database right now. Please try again in a moment.")
                       : error_page(ctx, 500, "Something went wrong on our side. Nothing was changed; please try again.");
    } catch (const std::exception& e) {
        log::error(req.method + " " + req.path + ": " + e.what());
        response = error_page(ctx, 500, "Something went wrong on our side. Nothing was changed; please try again.");
    }

    for (const auto& c : ctx.cookies()) response.cookies.push_back(c);
    if (!response.flash.empty()) {
        http::Cookie flash{kFlashCookie, signer_.seal(crypto::base64url_encode(response.flash_kind + "\n" + response.flash)), 120};
        flash.secure = req.https;
        response.cookies.push_back(flash);
    }
    // Anything personal must never be stored by a shared cache (nginx's microcache included). A page
    // rendered for everyone alike (View::shared) may say how long nginx keeps it (X-Accel-Expires).
    bool shared = false;
    for (const auto& h : response.headers) shared = shared || h.first == "X-Accel-Expires";
    if (!response.cookies.empty() || (ctx.session_id() && !shared)) response.header("Cache-Control", "private, no-store");
    add_security_headers(response);
    return response;
}

}  // namespace bf::pages
