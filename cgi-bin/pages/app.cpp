#include "pages/app.h"

#include <sys/stat.h>

#include <chrono>

#include "core/errors.h"
#include "core/log.h"
#include "core/metrics.h"
#include "core/templates.h"
#include "emails/order_notices.h"
#include "core/text.h"
#include "http/request_log.h"
#include "pages/context.h"
#include "pages/readers.h"
#include "search/searcher.h"
#include "store/session_cache.h"

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

constexpr const char* kDatabaseGone = "We cannot reach our database right now. Please try again in a moment.";
constexpr const char* kOurFault = "Something went wrong on our side. Nothing was changed; please try again.";
constexpr const char* kBusy = "We are very busy right now and could not finish that. Nothing was changed; please try again.";

// Whether an error means the database cannot be reached (rather than a statement it refused). A Galera
// node outside the primary component refuses everything: the same for the visitor.
bool database_unreachable(const db::Error& e) {
    return e.is_connection_lost() || e.is_node_not_ready() || e.code() >= 2000;
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

// Requests that ended in a database error: the server unreachable (503) or another failure (500).
constexpr const char* kDbUnavailableErrors = "bookfair_db_unavailable_errors_total";
constexpr const char* kDbUnavailableHelp = "Requests answered 503 because the database could not be reached.";
constexpr const char* kDbErrors = "bookfair_db_errors_total";
constexpr const char* kDbErrorsHelp = "Requests that failed with any other database error (500).";

void count_db_error(const db::Error& e) {
    if (database_unreachable(e))
        metrics::registry().count(kDbUnavailableErrors, kDbUnavailableHelp);
    else
        metrics::registry().count(kDbErrors, kDbErrorsHelp);
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
    limits_.ebook_bytes = static_cast<size_t>(config.get_int("max_ebook_bytes", 64 << 20));
    templates::set_root(config.get("templates_dir", "templates"));
    search::set_index_root(config.get("search_index_dir"));
    templates::set_shop_identity(config);
    emails::install_order_notices(config);
    store::session_cache().set_max_age_ms(config.get_int("session_cache_ms", 1000));
    crypto::set_max_concurrent_password_hashes(static_cast<int>(config.get_int("password_hash_slots", 2)));
    register_routes(*this);
    metrics::registry().count(kDbUnavailableErrors, kDbUnavailableHelp, 0);
    metrics::registry().count(kDbErrors, kDbErrorsHelp, 0);
    db::count_transaction_retries(0);
}

std::vector<App::RouteInfo> App::routes() const {
    std::vector<RouteInfo> out;
    for (const auto& r : router_.list()) out.push_back({r.method, r.pattern, r.handler->access});
    return out;
}

// Counts the request in flight while it lives.
struct InFlight {
    InFlight() { metrics::registry().request_started(); }
    ~InFlight() { metrics::registry().request_finished(); }
};

http::Response App::serve(http::Env env, const std::function<size_t(char*, size_t)>& read,
                          store::Store& store) const {
    const auto started = std::chrono::steady_clock::now();
    const std::string id = http::request_id(env);
    const log::RequestScope log_scope(id);
    const InFlight in_flight;
    http::RequestOutcome outcome;
    const auto method = env.find("REQUEST_METHOD");
    outcome.method = method == env.end() ? "-" : method->second;

    http::Response response = answer(std::move(env), read, store, outcome);

    response.header("X-Request-Id", id);
    outcome.status = response.status;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    metrics::registry().observe_request(outcome.method, outcome.route, outcome.status, seconds);
    log::request(http::request_log_fields(id, outcome, seconds));
    return response;
}

http::Response App::answer(http::Env env, const std::function<size_t(char*, size_t)>& read, store::Store& store,
                           http::RequestOutcome& outcome) const {
    try {
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
        return dispatch(req, store, outcome);
    } catch (const std::exception& e) {
        // Not even a page without the database could be rendered (templates unreadable?). A worker
        // thread must never see an exception (it would end the process), so the answer is plain text.
        log::error(std::string("no page could be rendered: ") + e.what());
        http::Response r = http::Response::text(500, "Something went wrong on our side. Please try again.\n");
        add_security_headers(r);
        return r;
    }
}

// Routes the request to its handler, or answers the error it ran into with a page.
http::Response App::route(Context& ctx, http::RequestOutcome& outcome) const {
    http::Request& req = ctx.req;
    try {
        // One address per page: "/login/" would reach the handler of "/login" past nginx's limits.
        if (!http::is_canonical_path(req.path)) {
            if (req.method != "GET" && req.method != "HEAD") throw NotFound();
            http::Response moved;
            moved.status = 308;
            moved.header("Location", http::canonical_path(req.path) +
                                         (req.query_string.empty() ? "" : "?" + req.query_string));
            add_security_headers(moved);
            return moved;
        }
        const auto match = router_.match(req.method, req.path);
        if (!match.handler) {
            if (!match.allowed.empty()) throw MethodNotAllowed(match.allowed);
            throw NotFound();
        }
        req.path_params = match.params;
        outcome.route = match.pattern;
        ctx.load_session();
        if (!allowed(match.handler->access, ctx.user())) throw Forbidden("This page is not part of your account's role.");
        if (req.method == "POST" && match.handler->csrf && !ctx.csrf_valid() &&
            !(match.handler->guest_same_origin && http::same_origin(req.env, http::origin_of(base_url_))))
            throw Forbidden("This form has expired or did not come from Bookfair. Go back, reload the page and try again.");
        return match.handler->handle(ctx);
    } catch (const Unauthorized&) {
        const std::string back = req.path + (req.query_string.empty() ? "" : "?" + req.query_string);
        return req.method == "GET"
                   ? http::Response::see_other("/login?next=" + url_encode(back), "Please log in to continue.", "error")
                   : error_page(ctx, 401, "Your session has ended. Please log in and try again.");
    } catch (const MethodNotAllowed& e) {
        http::Response response = error_page(ctx, 405, e.what());
        response.header("Allow", e.allow);
        return response;
    } catch (const TooManyRequests& e) {
        http::Response response = error_page(ctx, 429, e.what());
        response.header("Retry-After", std::to_string(e.retry_after_seconds));
        return response;
    } catch (const HttpError& e) {
        return error_page(ctx, e.status, e.what());
    } catch (const Invalid& e) {
        return error_page(ctx, 400, e.fields.empty() ? "Some input was not valid." : e.fields.begin()->second);
    } catch (const db::Error& e) {
        // The route, not the path: a path may carry a token.
        const std::string node = ctx.store.db.node_name();
        log::error(req.method + " " + outcome.route + ": database error " + std::to_string(e.code()) + ": " + e.what() +
                   (node.empty() ? "" : " (database node " + node + ")"));
        count_db_error(e);
        // Still conflicting after every retry (a deadlock, or a Galera certification conflict): a busy
        // moment, not a fault; the transaction rolled back whole.
        if (e.is_deadlock_or_lock_timeout()) {
            http::Response response = error_page(ctx, 503, kBusy);
            response.header("Retry-After", "1");
            return response;
        }
        if (!database_unreachable(e)) return error_page(ctx, 500, kOurFault);
        ctx.database_lost();
        return error_page(ctx, 503, kDatabaseGone);
    } catch (const std::exception& e) {
        log::error(req.method + " " + outcome.route + ": " + e.what());
        return error_page(ctx, 500, kOurFault);
    }
}

http::Response App::dispatch(http::Request& req, store::Store& store, http::RequestOutcome& outcome) const {
    Context ctx(*this, req, store);
    http::Response response;
    try {
        response = route(ctx, outcome);
    } catch (const std::exception& e) {
        // The error page itself failed: the database went away between the handler and the page (its
        // cart count). One more page that asks the database nothing; the worker lives on.
        log::error(req.method + " " + outcome.route + ": error page failed: " + e.what());
        const auto* db_error = dynamic_cast<const db::Error*>(&e);
        ctx.database_lost();
        response = db_error && database_unreachable(*db_error) ? error_page(ctx, 503, kDatabaseGone)
                                                               : error_page(ctx, 500, kOurFault);
    }

    if (ctx.user()) outcome.user_id = ctx.user()->id;
    // A request that may have changed what the session shows (its cart count, say): the next one reads it afresh.
    if (req.method != "GET" && req.method != "HEAD") {
        ctx.forget_cached_session();
        forget_visitor_data();
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
