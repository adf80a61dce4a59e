#pragma once
// Schema migrations: schema/NNN_name.sql files applied in order and recorded,
// with a checksum, in schema_migrations. An applied file that changed is refused.
#include <map>
#include <string>
#include <vector>

namespace bf::db {

class Connection;

struct MigrationFile {
    int version = 0;
    std::string name;      // "001_initial.sql"
    std::string sql;
    std::string checksum;  // hex SHA-256 of the file's bytes
};

// Parses "001_initial.sql" into its version; returns 0 for names that are not migrations.
int migration_version(const std::string& file_name);
std::string migration_checksum(const std::string& sql);
std::vector<MigrationFile> read_migrations(const std::string& dir);

// Pure planning step: given the files and what was applied (version -> checksum),
// returns the files still to apply, in order. Throws std::runtime_error when an applied
// file was edited or removed, or two files share a version.
std::vector<MigrationFile> plan_migrations(const std::vector<MigrationFile>& files,
                                           const std::map<int, std::string>& applied);

// Applies what the plan says; returns the names applied.
std::vector<std::string> apply_migrations(Connection& db, const std::string& dir, int64_t now_us);

}  // namespace bf::db
