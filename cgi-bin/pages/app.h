#pragma once
// What every worker thread shares, read-only once started: configuration, the
// clock, the signing key and the route table.
#include <functional>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/config.h"
#include "core/crypto.h"
#include "http/csrf.h"
#include "http/parse.h"
#include "http/request_log.h"
#include "http/response.h"
#include "http/router.h"
#include "store/store.h"
#include "store/view_counter.h"

namespace bf::pages {

class Context;

// Who may use a route; the dispatcher enforces it before the handler runs.
enum class Access { Public, User, Author, Admin };

struct Route {
    std::function<http::Response(Context&)> handle;
    Access access = Access::Public;
    bool csrf = true;  // POSTs must carry the visitor's CSRF token
    // A POST without a valid token is also accepted when the browser says it comes from one of our
    // own pages (Sec-Fetch-Site or Origin): cacheable pages (the book page's add-to-cart form) carry
    // no token, since a token needs a cookie and a cookie would make the page uncacheable.
    bool guest_same_origin = false;
};

class App {
public:
    explicit App(const Config& config);

    // Reads the body with `read`, parses, routes and answers one request.
    http::Response serve(http::Env env, const std::function<size_t(char*, size_t)>& read, store::Store& store) const;

    const Config& config() const { return config_; }
    const Clock& clock() const { return *clock_; }
    const crypto::Signer& signer() const { return signer_; }
    const http::Csrf& csrf() const { return csrf_; }
    const std::string& base_url() const { return base_url_; }
    const std::string& static_version() const { return static_version_; }
    const std::string& uploads_dir() const { return uploads_dir_; }
    // Book page views, counted here and flushed to the database by web_main's background thread.
    store::ViewCounter& views() const { return views_; }

    // Each route's method, pattern and access rule.
    struct RouteInfo {
        std::string method, pattern;
        Access access;
    };
    std::vector<RouteInfo> routes() const;

    void add(const std::string& method, const std::string& pattern, Route route) {
        router_.add(method, pattern, std::move(route));
    }

private:
    http::Response answer(http::Env env, const std::function<size_t(char*, size_t)>& read, store::Store& store,
                          http::RequestOutcome& outcome) const;
    http::Response dispatch(http::Request& req, store::Store& store, http::RequestOutcome& outcome) const;
    http::Response route(Context& ctx, http::RequestOutcome& outcome) const;

    Config config_;
    std::unique_ptr<Clock> clock_;
    crypto::Signer signer_;
    http::Csrf csrf_;
    std::string base_url_;
    std::string static_version_;
    std::string uploads_dir_;
    mutable store::ViewCounter views_;
    http::BodyLimits limits_;
    http::Router<Route> router_;
};

// Registers every area's routes (one function per area, in routes.cpp).
void register_routes(App& app);

}  // namespace bf::pages
