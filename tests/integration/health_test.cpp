// /healthz follows the database, and workers recover without a restart.
#include <gtest/gtest.h>

#include "harness.h"

using namespace bf::test;

TEST(Health, AnswersOkWhileTheDatabaseRuns) {
    HttpClient client;
    const auto r = client.get("/healthz");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "ok\n");
}

TEST(Health, Answers503WithoutTheDatabaseAndRecoversAfterItReturns) {
    HttpClient client;
    const std::string email = register_user(client);
    ASSERT_EQ(client.get("/account").status, 200);

    stack_control("db-stop");
    // Every worker thread must notice, whichever one answers.
    for (int i = 0; i < 12; ++i) EXPECT_EQ(client.get("/healthz").status, 503);
    const auto page = client.get("/account");
    EXPECT_EQ(page.status, 503);
    EXPECT_NE(page.body.find("cannot reach our database"), std::string::npos);
    HttpClient anonymous;
    EXPECT_EQ(anonymous.get("/login").status, 200) << "pages that need no database still work";

    stack_control("db-start");
    EXPECT_TRUE(wait_until([&] { return client.get("/healthz").status == 200; }, std::chrono::seconds(20)));
    for (int i = 0; i < 12; ++i) EXPECT_EQ(client.get("/account").status, 200) << "request " << i;
}
