#pragma once
// One request in progress: the request, the store, the visitor's session and the
// cookies to send back. Handlers read and act through it.
#include <optional>
#include <string>
#include <vector>

#include "http/request.h"
#include "http/response.h"
#include "pages/app.h"
#include "pages/view.h"
#include "store/store.h"

namespace bf::pages {

inline constexpr const char* kSessionCookie = "bf_session";
inline constexpr const char* kAnonCookie = "bf_anon";
inline constexpr const char* kFlashCookie = "bf_flash";

class Context {
public:
    Context(const App& app, http::Request& req, store::Store& store);

    const App& app;
    http::Request& req;
    store::Store& store;
    Time now() const { return req.now; }

    // Loads the session named by the cookie, with the user and the cart count (one query; none
    // without a cookie).
    void load_session();
    const std::optional<store::SessionUser>& user() const { return user_; }
    const store::SessionUser& require_user() const;  // throws Unauthorized
    std::optional<int64_t> session_id() const { return session_id_; }
    // A session row for a visitor who needs one (login, a guest cart).
    int64_t ensure_session();
    // Logs the visitor in: the session keeps its id (and cart) but gets a new token.
    void log_in(int64_t user_id);
    void log_out();
    // Drops this process's cached copy of the session the request came with.
    void forget_cached_session();

    // The token forms carry; binds to the session, or to an anonymous cookie it sets.
    std::string csrf_token();
    bool csrf_valid() const;

    http::Response render(View& view);
    // The database went away mid-request: the error page is rendered without asking it anything more.
    void database_lost() { database_lost_ = true; }
    void set_cookie(http::Cookie cookie);
    const std::vector<http::Cookie>& cookies() const { return cookies_; }
    // The message the previous request left for this page, if any.
    void take_flash(std::string& kind, std::string& message);

private:
    std::string csrf_binding() const;
    void set_session_cookie(const std::string& token);

    std::optional<store::SessionUser> user_;
    std::optional<int64_t> session_id_;
    std::optional<int> cart_items_;  // read with the session; reset when the session changes
    bool database_lost_ = false;
    std::string session_token_;
    std::string anon_token_;
    std::vector<http::Cookie> cookies_;
};

using Response = http::Response;

// The path parameter `name` ({id} by default) as a positive number; NotFound with `message` otherwise.
int64_t path_id(Context& ctx, const std::string& message, const char* name = "id");
// A keyset page marker (`before`, `after`) from the query string: nullopt when absent, BadRequest when
// it is not a number.
std::optional<int64_t> page_marker(Context& ctx, const std::string& field);

}  // namespace bf::pages
