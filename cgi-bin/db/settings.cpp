#include "db/settings.h"

namespace bf::db {

DbConfig settings_from(const Config& c, bool with_database) {
    DbConfig d;
    d.socket = c.get("db_socket");
    d.host = c.get("db_host", "127.0.0.1");
    d.port = static_cast<unsigned>(c.get_int("db_port", 3306));
    d.user = c.get("db_user", "root");
    d.password = c.get("db_password");
    if (with_database) d.database = c.require("db_name");
    return d;
}

}  // namespace bf::db
