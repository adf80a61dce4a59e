// Every area adds its routes here, in one place.
#include "pages/app.h"

namespace bf::pages {

void register_health_routes(App& app);
void register_home_routes(App& app);
void register_account_routes(App& app);
void register_newsletter_routes(App& app);

void register_routes(App& app) {
    register_health_routes(app);
    register_home_routes(app);
    register_account_routes(app);
    register_newsletter_routes(app);
}

}  // namespace bf::pages
