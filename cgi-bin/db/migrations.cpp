#include "db/migrations.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/crypto.h"
#include "db/connection.h"

namespace bf::db {

int migration_version(const std::string& file_name) {
    size_t digits = 0;
    while (digits < file_name.size() && std::isdigit(static_cast<unsigned char>(file_name[digits]))) ++digits;
    if (digits == 0 || digits > 6 || digits >= file_name.size() || file_name[digits] != '_') return 0;
    if (file_name.size() < 4 || file_name.compare(file_name.size() - 4, 4, ".sql") != 0) return 0;
    return std::stoi(file_name.substr(0, digits));
}

std::string migration_checksum(const std::string& sql) { return crypto::hex_encode(crypto::sha256(sql)); }

std::vector<MigrationFile> read_migrations(const std::string& dir) {
    std::vector<MigrationFile> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        const int version = migration_version(name);
        if (version == 0) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream buffer;
        buffer << in.rdbuf();
        files.push_back(MigrationFile{version, name, buffer.str(), migration_checksum(buffer.str())});
    }
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
    return files;
}

std::vector<MigrationFile> plan_migrations(const std::vector<MigrationFile>& files,
                                           const std::map<int, std::string>& applied) {
    std::map<int, const MigrationFile*> by_version;
    for (const auto& f : files)
        if (!by_version.emplace(f.version, &f).second)
            throw std::runtime_error("two migration files share version " + std::to_string(f.version));
    for (const auto& [version, checksum] : applied) {
        const auto it = by_version.find(version);
        if (it == by_version.end())
            throw std::runtime_error("migration " + std::to_string(version) + " was applied but its file is gone");
        if (it->second->checksum != checksum)
            throw std::runtime_error("migration " + it->second->name +
                                     " was edited after it was applied; add a new migration instead");
    }
    std::vector<MigrationFile> pending;
    for (const auto& [version, file] : by_version)
        if (!applied.count(version)) pending.push_back(*file);
    return pending;
}

std::vector<std::string> apply_migrations(Connection& db, const std::string& dir, int64_t now_us) {
    db.execute_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INT PRIMARY KEY, name VARCHAR(200) NOT NULL, checksum CHAR(64) NOT NULL,"
        " applied_at DATETIME(6) NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
    std::map<int, std::string> applied;
    for (const auto& row : db.query("SELECT version, checksum FROM schema_migrations"))
        applied[static_cast<int>(row.i64(0))] = row.str(1);
    std::vector<std::string> names;
    for (const auto& file : plan_migrations(read_migrations(dir), applied)) {
        db.execute_script(file.sql);
        db.exec("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                file.version, file.name, file.checksum, Time{now_us});
        names.push_back(file.name);
    }
    return names;
}

}  // namespace bf::db
