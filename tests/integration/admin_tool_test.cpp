// The admin tool against the real test database.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "harness.h"

using namespace bf::test;
namespace fs = std::filesystem;

namespace {

CommandResult admin(const std::string& args, const std::string& env = "") {
    return run_command(env + " " BOOKFAIR_ADMIN_BINARY " --config " + std::string(std::getenv("BOOKFAIR_CONFIG")) + " " +
                       args + " 2>&1");
}

fs::path copy_schema() {
    const fs::path dir = fs::temp_directory_path() / ("bookfair-schema-" + std::to_string(std::rand()));
    fs::create_directories(dir);
    for (const auto& f : fs::directory_iterator(BOOKFAIR_SOURCE_DIR "/schema")) fs::copy_file(f.path(), dir / f.path().filename());
    return dir;
}

}  // namespace

TEST(AdminTool, MigrateIsIdempotent) {
    config();
    const CommandResult r = admin("migrate");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("up to date"), std::string::npos) << r.output;
}

TEST(AdminTool, MigrateRefusesAnEditedAppliedFile) {
    const fs::path dir = copy_schema();
    std::ofstream(dir / "001_initial.sql", std::ios::app) << "\n-- an innocent-looking edit\n";
    const CommandResult r = admin("migrate", "BOOKFAIR_SCHEMA_DIR=" + dir.string());
    fs::remove_all(dir);
    EXPECT_NE(r.status, 0);
    EXPECT_NE(r.output.find("001_initial.sql was edited"), std::string::npos) << r.output;
}

TEST(AdminTool, CreateAdminGivesAnAccountWithTheAdminRole) {
    const std::string email = unique_email("admin");
    const CommandResult r = admin("create-admin --email " + email + " --name 'Test Admin' --password 'admin password'");
    ASSERT_EQ(r.status, 0) << r.output;
    HttpClient client;
    ASSERT_EQ(client.submit("/login", "/login", {{"email", email}, {"password", "admin password"}}).status, 303);
    const auto account = client.get("/account");
    EXPECT_NE(account.body.find("Administrator"), std::string::npos);
    EXPECT_NE(account.body.find("href=\"/admin\""), std::string::npos);
    // Running it again is safe and keeps one account.
    EXPECT_EQ(admin("create-admin --email " + email + " --name 'Test Admin' --password 'admin password'").status, 0);
    auto db = connect_db();
    EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM users WHERE email = ? AND role = 'admin'", email)->i64(0), 1);
}

TEST(AdminTool, CreateUserRefusesAShortPassword) {
    const CommandResult r = admin("create-user --email " + unique_email("short") + " --name X --password short --role customer");
    EXPECT_NE(r.status, 0);
    EXPECT_NE(r.output.find("at least 8"), std::string::npos) << r.output;
}
