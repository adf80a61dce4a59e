// The home page.
#include "pages/context.h"

namespace bf::pages {
namespace {

http::Response home(Context& ctx) {
    View view("home.tpl", "Bookfair: books from their authors");
    return ctx.render(view);
}

}  // namespace

void register_home_routes(App& app) { app.add("GET", "/", {home}); }

}  // namespace bf::pages
