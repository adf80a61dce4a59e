// The session cache's promise (README, "Sessions"): each worker process keeps a copy of a session for
// at most one second on the application's clock. A logout, password change, deactivation or role
// change takes effect at once in the process that made it, and within that second in every other.
// Here the stack's worker (reached through nginx) makes each change while a second worker process,
// started by the test and reached over FastCGI directly, holds a copy of the same session.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>

#include "admin_fixtures.h"
#include "fcgi_client.h"
#include "harness.h"

using namespace bf::test;

namespace {

std::string socket_path() {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir && *dir ? dir : "/tmp") + "/bookfair-second-worker-" + std::to_string(::getpid()) + ".sock";
}

struct ClockReset {
    ~ClockReset() { set_clock_offset(0); }
};

class SessionCache : public ::testing::Test {
protected:
    std::unique_ptr<bf::db::Connection> db = connect_db();
    ExtraWorker other{socket_path()};
    ClockReset clock_reset;

    // The status of GET path in the second process, with the session token as the cookie.
    long there(const std::string& path, const std::string& token) const {
        return other.get(path, "bf_session=" + token).status;
    }
    // The status of GET path in the stack's worker, from a fresh client holding the token.
    static long here(const std::string& path, const std::string& token) {
        HttpClient client;
        client.set_cookie("bf_session", token);
        return client.get(path).status;
    }
    // A second later on the application's clock: every copy read before now has aged out.
    static void one_second_later() { set_clock_offset(1); }

    // A fresh customer's session, read (and so kept) by both processes on `path`, which answers `status`.
    struct Session {
        int64_t user_id;
        std::string token;
    };
    Session kept_in_both(const std::string& path, long status) {
        const Buyer buyer = create_buyer(*db);
        HttpClient reader;
        const std::string token = log_in_as(reader, *db, buyer.id);
        EXPECT_EQ(there(path, token), status);
        EXPECT_EQ(reader.get(path).status, status);
        return {buyer.id, token};
    }
    // The admin console's form for a user: POST /admin/users/{id}/{what} with one field.
    static long admin_sets(AdminConsole& console, int64_t user_id, const std::string& what,
                           const std::pair<std::string, std::string>& field) {
        const auto list = console.admin.get("/admin/users");
        return console.admin.post_form("/admin/users/" + std::to_string(user_id) + "/" + what,
                                       {{"_csrf", csrf_from(list.body)}, field})
            .status;
    }
};

}  // namespace

TEST_F(SessionCache, LogoutEndsTheSessionAtOnceHereAndWithinASecondInTheOtherProcess) {
    const Buyer buyer = create_buyer(*db);
    HttpClient reader;
    const std::string token = log_in_as(reader, *db, buyer.id);
    ASSERT_EQ(there("/account", token), 200);
    ASSERT_EQ(reader.get("/account").status, 200);

    ASSERT_EQ(reader.submit("/account", "/logout", {}).status, 303);
    EXPECT_EQ(here("/account", token), 303) << "logged out in the process that made the change, at once";
    one_second_later();
    EXPECT_EQ(there("/account", token), 303) << "logged out in the other process within a second";
}

TEST_F(SessionCache, PasswordChangeEndsOtherSessionsAtOnceHereAndWithinASecondInTheOtherProcess) {
    const Buyer buyer = create_buyer(*db);
    HttpClient self, elsewhere;
    const std::string kept = log_in_as(self, *db, buyer.id);
    const std::string ended = log_in_as(elsewhere, *db, buyer.id);
    ASSERT_EQ(there("/account", ended), 200);
    ASSERT_EQ(elsewhere.get("/account").status, 200);

    const auto r = self.submit("/account/settings", "/account/settings/password",
                               {{"current_password", kBuyerPassword}, {"new_password", "a brand new password"}});
    ASSERT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(here("/account", ended), 303) << "the other session ended in this process at once";
    EXPECT_EQ(here("/account", kept), 200) << "the session that changed the password stays";
    one_second_later();
    EXPECT_EQ(there("/account", ended), 303) << "and in the other process within a second";
    EXPECT_EQ(there("/account", kept), 200);
}

TEST_F(SessionCache, DeactivationEndsSessionsAtOnceHereAndWithinASecondInTheOtherProcess) {
    AdminConsole console;
    const Session session = kept_in_both("/account", 200);
    ASSERT_EQ(admin_sets(console, session.user_id, "active", {"active", "0"}), 303);
    EXPECT_EQ(here("/account", session.token), 303) << "deactivated in the process that made the change, at once";
    one_second_later();
    EXPECT_EQ(there("/account", session.token), 303) << "and in the other process within a second";
}

TEST_F(SessionCache, RoleChangeTakesEffectAtOnceHereAndWithinASecondInTheOtherProcess) {
    AdminConsole console;
    const Session session = kept_in_both("/dashboard", 403);  // a customer has no dashboard
    ASSERT_EQ(admin_sets(console, session.user_id, "role", {"role", "author"}), 303);
    EXPECT_EQ(here("/dashboard", session.token), 200) << "an author at once in the process that made the change";
    one_second_later();
    EXPECT_EQ(there("/dashboard", session.token), 200) << "and in the other process within a second";

    // And back: the demotion closes the dashboard the same way.
    set_clock_offset(0);
    ASSERT_EQ(there("/dashboard", session.token), 200);
    ASSERT_EQ(admin_sets(console, session.user_id, "role", {"role", "customer"}), 303);
    EXPECT_EQ(here("/dashboard", session.token), 403);
    one_second_later();
    EXPECT_EQ(there("/dashboard", session.token), 403);
}
