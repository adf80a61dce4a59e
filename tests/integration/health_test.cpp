// /healthz follows the database, and workers recover without a restart.
#include <gtest/gtest.h>

#include "harness.h"

using namespace bf::test;

TEST(Health, AnswersOkAndNamesEachPartWhileTheyRun) {
    HttpClient client;
    // The stack's mailer writes its heartbeat every 5 s.
    EXPECT_TRUE(wait_until([&] { return client.get("/healthz").body.rfind("ok\n", 0) == 0; }, std::chrono::seconds(20)));
    const auto r = client.get("/healthz");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body.rfind("ok\ndatabase: ok\nmailer: ok (last loop ", 0), 0u) << r.body;
}

TEST(Health, SaysDegradedWhenNoMailerWentRoundLately) {
    HttpClient client;
    auto db = connect_db();
    stack_control("mailer-stop");
    // The last heartbeat is now (an earlier test may have left one from a moved clock), then ten minutes pass.
    db->exec("DELETE FROM mailer_heartbeats");
    db->exec("INSERT INTO mailer_heartbeats (worker_id, beat_at) VALUES ('health-test', UTC_TIMESTAMP(6))");
    set_clock_offset(600);
    const auto r = client.get("/healthz");
    set_clock_offset(0);
    db->exec("DELETE FROM mailer_heartbeats WHERE worker_id = 'health-test'");
    stack_control("mailer-start");
    EXPECT_EQ(r.status, 200) << "the worker itself can serve";
    EXPECT_EQ(r.body.rfind("degraded\ndatabase: ok\nmailer: stale (last loop ", 0), 0u) << r.body;
}

TEST(Health, Answers503WithoutTheDatabaseAndRecoversAfterItReturns) {
    HttpClient client;
    const std::string email = register_user(client);
    ASSERT_EQ(client.get("/account").status, 200);

    stack_control("db-stop");
    // Every worker thread must notice, whichever one answers.
    for (int i = 0; i < 12; ++i) EXPECT_EQ(client.get("/healthz").status, 503);
    HttpClient monitor;  // no cookie, as a load balancer asks (with one, the session read fails first)
    EXPECT_EQ(monitor.get("/healthz").body, "down\ndatabase: down\nmailer: unknown (no database)\n");
    const auto page = client.get("/account");
    EXPECT_EQ(page.status, 503);
    EXPECT_NE(page.body.find("cannot reach our database"), std::string::npos);
    HttpClient anonymous;
    EXPECT_EQ(anonymous.get("/login").status, 200) << "pages that need no database still work";

    stack_control("db-start");
    EXPECT_TRUE(wait_until([&] { return client.get("/healthz").status == 200; }, std::chrono::seconds(20)));
    for (int i = 0; i < 12; ++i) EXPECT_EQ(client.get("/account").status, 200) << "request " << i;
}
