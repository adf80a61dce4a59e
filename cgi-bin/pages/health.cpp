// GET /healthz: 200 when the database answers, 503 when it does not.
#include "pages/context.h"

namespace bf::pages {
namespace {

http::Response healthz(Context& ctx) {
    http::Response r = ctx.store.healthy() ? http::Response::text(200, "ok\n")
                                           : http::Response::text(503, "database unavailable\n");
    r.header("Cache-Control", "no-store");
    return r;
}

}  // namespace

void register_health_routes(App& app) { app.add("GET", "/healthz", {healthz}); }

}  // namespace bf::pages
