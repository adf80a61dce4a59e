#include <gtest/gtest.h>

#include "core/crypto.h"
#include "db/migrations.h"

using namespace bf::db;

namespace {

MigrationFile file(int version, const std::string& sql) {
    return MigrationFile{version, std::to_string(version) + "_x.sql", sql, migration_checksum(sql)};
}

}  // namespace

TEST(Migrations, FileNamesGiveVersions) {
    EXPECT_EQ(migration_version("001_initial.sql"), 1);
    EXPECT_EQ(migration_version("012_catalog.sql"), 12);
    EXPECT_EQ(migration_version("initial.sql"), 0);
    EXPECT_EQ(migration_version("001_initial.sql.bak"), 0);
    EXPECT_EQ(migration_version("001initial.sql"), 0);
}

TEST(Migrations, ChecksumIsSha256OfTheBytes) {
    bf::crypto::init();
    EXPECT_EQ(migration_checksum("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_NE(migration_checksum("CREATE TABLE a (x INT);"), migration_checksum("CREATE TABLE a (x INT); "));
}

TEST(Migrations, PlanAppliesOnlyNewFilesInOrder) {
    const std::vector<MigrationFile> files{file(1, "a"), file(2, "b"), file(3, "c")};
    const auto pending = plan_migrations(files, {{1, migration_checksum("a")}});
    ASSERT_EQ(pending.size(), 2u);
    EXPECT_EQ(pending[0].version, 2);
    EXPECT_EQ(pending[1].version, 3);
    EXPECT_TRUE(plan_migrations(files, {{1, migration_checksum("a")}, {2, migration_checksum("b")},
                                        {3, migration_checksum("c")}}).empty());
}

TEST(Migrations, EditedAppliedFileIsRefused) {
    const std::vector<MigrationFile> files{file(1, "a changed"), file(2, "b")};
    EXPECT_THROW(plan_migrations(files, {{1, migration_checksum("a")}}), std::runtime_error);
}

TEST(Migrations, MissingAppliedFileOrDuplicateVersionIsRefused) {
    EXPECT_THROW(plan_migrations({file(2, "b")}, {{1, migration_checksum("a")}}), std::runtime_error);
    EXPECT_THROW(plan_migrations({file(1, "a"), file(1, "b")}, {}), std::runtime_error);
}
