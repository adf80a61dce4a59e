#pragma once
// The database settings of a configuration: db_socket, or db_host and db_port; db_user,
// db_password and db_name.
#include "core/config.h"
#include "db/connection.h"

namespace bf::db {

// Without `with_database` the connection opens no database (to create it, say).
DbConfig settings_from(const Config& c, bool with_database = true);

}  // namespace bf::db
