// A server of the stack that dies is started again by its supervisor (scripts/supervise), and the
// site answers again without anyone's help.
#include <gtest/gtest.h>

#include <fstream>

#include "harness.h"

using namespace bf::test;
using namespace std::chrono_literals;

namespace {

long server_pid(const std::string& name) {
    std::ifstream in(std::string(std::getenv("BOOKFAIR_TEST_ENV")) + "/run/" + name + ".pid");
    long pid = 0;
    in >> pid;
    return pid;
}

// Kills NAME with SIGKILL and waits until a new process of it runs and the site answers /healthz.
void expect_comes_back(const std::string& name) {
    const long before = server_pid(name);
    ASSERT_GT(before, 0) << name;
    stack_control(name + "-kill9");
    EXPECT_TRUE(wait_until([&] {
        const long now = server_pid(name);
        return now > 0 && now != before;
    }, 60s)) << name << " was not started again";
    // curl, since the harness's client counts a refused connection (nginx coming back) as a failure.
    EXPECT_TRUE(wait_until([&] {
        return run_command("curl -s -o /dev/null -w '%{http_code}' " + base_url() + "/healthz").output == "200";
    }, 60s)) << "after killing " << name;
}

}  // namespace

TEST(Supervisor, EachServerKilledWithSigkillComesBackByItself) {
    for (const std::string name : {"web", "nginx", "mariadb", "mailer"}) expect_comes_back(name);
    // And the site works end to end again: a page that needs a session and the database.
    HttpClient client;
    register_user(client);
    EXPECT_EQ(client.get("/account").status, 200);
}
