// The admin console: role checks on every route, user management, the audit log.
#include <gtest/gtest.h>

#include <regex>

#include "core/crypto.h"
#include "core/text.h"
#include "db/connection.h"
#include "admin_fixtures.h"
#include "harness.h"
#include "pages/app.h"

using namespace bf::test;
using bf::pages::Access;

namespace {

// The worker's own route table, built from the same configuration.
std::vector<bf::pages::App::RouteInfo> routes_with(Access access) {
    bf::crypto::init();
    static const bf::pages::App app(config());
    std::vector<bf::pages::App::RouteInfo> out;
    for (const auto& r : app.routes())
        if (r.access == access) out.push_back(r);
    return out;
}

std::string concrete(const std::string& pattern) { return std::regex_replace(pattern, std::regex("\\{[^}]+\\}"), "1"); }

int64_t user_id(const std::string& email) {
    return connect_db()->query_one("SELECT id FROM users WHERE email = ?", email)->i64(0);
}

}  // namespace

TEST(Admin, EveryAdminRouteRefusesNonAdmins) {
    const auto routes = routes_with(Access::Admin);
    ASSERT_GE(routes.size(), 4u);
    HttpClient customer, author, anonymous;
    register_user(customer, "customer");
    register_user(author, "author");
    const std::string customer_token = csrf_from(customer.get("/account").body);
    const std::string author_token = csrf_from(author.get("/account").body);
    auto db = connect_db();
    const int64_t audit_before = db->query_one("SELECT COUNT(*) FROM audit_log")->i64(0);
    for (const auto& r : routes) {
        const std::string path = concrete(r.pattern);
        EXPECT_EQ(r.pattern.rfind("/admin", 0), 0u) << r.pattern << " is admin-only but lives outside /admin";
        if (r.method == "GET") {
            EXPECT_EQ(customer.get(path).status, 403) << path;
            EXPECT_EQ(author.get(path).status, 403) << path;
            EXPECT_EQ(anonymous.get(path).status, 303) << path << " sends visitors to log in";
        } else {
            EXPECT_EQ(customer.post_form(path, {{"_csrf", customer_token}, {"role", "admin"}, {"active", "0"}}).status, 403) << path;
            EXPECT_EQ(author.post_form(path, {{"_csrf", author_token}, {"role", "admin"}, {"active", "0"}}).status, 403) << path;
        }
    }
    EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM audit_log")->i64(0), audit_before) << "nothing changed";
}

TEST(Admin, EveryAuthorRouteRefusesReaders) {
    HttpClient customer;
    register_user(customer, "customer");
    const std::string token = csrf_from(customer.get("/account").body);
    for (const auto& r : routes_with(Access::Author)) {
        const std::string path = concrete(r.pattern);
        const long status = r.method == "GET" ? customer.get(path).status : customer.post_form(path, {{"_csrf", token}}).status;
        EXPECT_EQ(status, 403) << r.method << " " << path;
    }
}

TEST(Admin, ChangingARoleIsAuditedWithBeforeAndAfter) {
    HttpClient admin, reader;
    login_admin(admin);
    const std::string email = register_user(reader, "customer", "Future Author");
    const std::string page = "/admin/users?q=" + bf::url_encode(email);
    const auto list = admin.get(page);
    ASSERT_EQ(list.status, 200);
    EXPECT_NE(list.body.find("Future Author"), std::string::npos);
    const auto r = admin.post_form("/admin/users/" + std::to_string(user_id(email)) + "/role",
                                   {{"_csrf", csrf_from(list.body)}, {"role", "author"}});
    EXPECT_EQ(r.status, 303);
    auto db = connect_db();
    EXPECT_EQ(db->query_one("SELECT role FROM users WHERE email = ?", email)->str(0), "author");
    const auto audit = db->query_one(
        "SELECT action, before_state, after_state, actor_id IS NOT NULL FROM audit_log WHERE subject_id = ? ORDER BY id DESC LIMIT 1",
        user_id(email));
    ASSERT_TRUE(audit);
    EXPECT_EQ(audit->str(0), "user.role");
    EXPECT_EQ(audit->str(1), "{\"role\": \"customer\"}");
    EXPECT_EQ(audit->str(2), "{\"role\": \"author\"}");
    EXPECT_TRUE(audit->boolean(3));
    EXPECT_NE(admin.get("/admin/audit").body.find("user.role"), std::string::npos);
}

TEST(Admin, DeactivatedUserIsLoggedOutAndCannotLogIn) {
    HttpClient admin, reader;
    login_admin(admin);
    const std::string email = register_user(reader);
    ASSERT_EQ(reader.get("/account").status, 200);
    const auto list = admin.get("/admin/users");
    const auto r = admin.post_form("/admin/users/" + std::to_string(user_id(email)) + "/active",
                                   {{"_csrf", csrf_from(list.body)}, {"active", "0"}});
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(reader.get("/account").status, 303) << "the session ended";
    HttpClient again;
    const auto login = again.submit("/login", "/login", {{"email", email}, {"password", "correct horse"}});
    EXPECT_EQ(login.status, 422);
    EXPECT_EQ(login.body.find("deactivated"), std::string::npos) << "the answer does not confirm the password";
    EXPECT_NE(login.body.find("do not match"), std::string::npos);
}

TEST(Admin, AnAdminCannotDemoteThemselves) {
    HttpClient admin;
    const std::string email = login_admin(admin);
    const auto list = admin.get("/admin/users");
    const auto r = admin.post_form("/admin/users/" + std::to_string(user_id(email)) + "/role",
                                   {{"_csrf", csrf_from(list.body)}, {"role", "customer"}});
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(connect_db()->query_one("SELECT role FROM users WHERE email = ?", email)->str(0), "admin");
}

TEST(Admin, UnknownUserIs404) {
    HttpClient admin;
    login_admin(admin);
    const auto list = admin.get("/admin/users");
    EXPECT_EQ(admin.post_form("/admin/users/99999999/active", {{"_csrf", csrf_from(list.body)}, {"active", "0"}}).status, 404);
    EXPECT_EQ(admin.post_form("/admin/users/abc/active", {{"_csrf", csrf_from(list.body)}, {"active", "0"}}).status, 404);
}
