#pragma once
// What integration tests share: an HTTP client with its own cookie jar talking to
// the real nginx, direct access to the test database, and control of the clock.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/time.h"
#include "db/connection.h"

namespace bf::test {

struct HttpResponse {
    long status = 0;
    std::string body;
    std::multimap<std::string, std::string> headers;  // lower-case names
    std::string header(const std::string& name) const;
    std::vector<std::string> set_cookies() const;
};

class HttpClient {
public:
    HttpClient();
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    HttpResponse get(const std::string& path);
    HttpResponse post_form(const std::string& path, const std::vector<std::pair<std::string, std::string>>& fields);
    HttpResponse request(const std::string& method, const std::string& path, const std::string& body = "",
                         const std::string& content_type = "");
    // GETs `page`, then posts the form with the CSRF token found on it.
    HttpResponse submit(const std::string& page, const std::string& action,
                        std::vector<std::pair<std::string, std::string>> fields);
    std::string cookie(const std::string& name) const;
    void set_cookie(const std::string& name, const std::string& value);
    // Sends "Name: value" with every later request (e.g. an Origin header, as a browser would).
    void add_header(const std::string& line) { extra_headers_.push_back(line); }
    // The client address the shop sees (the test nginx trusts X-Forwarded-For from 127.0.0.1):
    // each client starts with an address of its own, as separate people have.
    void set_address(const std::string& address) { address_ = address; }
    const std::string& address() const { return address_; }

private:
    void* curl_;
    std::string address_;
    std::vector<std::string> extra_headers_;
};

std::string base_url();
const Config& config();
std::unique_ptr<db::Connection> connect_db();
std::string csrf_from(const std::string& html);
std::string unique_email(const std::string& prefix);
// A unique slug-safe word for names and codes ("t4821-7"): unique across runs against one database too.
std::string unique_word(const std::string& prefix);
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields);
struct CommandResult {
    int status = 0;
    std::string output;  // stdout (and stderr when the command redirects it)
};
// Runs a shell command and collects what it prints.
CommandResult run_command(const std::string& command);

// Runs scripts/testenv-ctl with a command (db-stop, db-start, ...); fails the test on error.
void stack_control(const std::string& command);
// Stops the stack's mailer for a test and starts it again however the test ends.
struct MailerPaused {
    MailerPaused() { stack_control("mailer-stop"); }
    ~MailerPaused() { stack_control("mailer-start"); }
};
// Moves the application's clock to real time plus `seconds` (both worker and mailer read it).
void set_clock_offset(long long seconds);
// The application's clock as the worker and the mailer read it (real time plus the offset).
bf::Time stack_now();
// Polls `condition` until it holds or `timeout` passes; true when it held.
bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout);
// Waits until the search index has applied every change logged so far (bookfair-indexer drains
// the change log within moments); fails the test when the log stops shrinking for a minute.
void wait_for_search_index();
// The newest link (path and query after base_url()) in the text of the newest outbox message of
// `kind` to `email`, waiting up to `timeout` for one to be queued (the mailer queues reset links
// within a second); "" when none came.
std::string mailed_link(const std::string& email, const std::string& kind,
                        std::chrono::milliseconds timeout = std::chrono::seconds(15));
// Signs up through the site with password "correct horse" (no login: the answer is the same for
// taken addresses); returns the email.
std::string sign_up(HttpClient& client, const std::string& role = "customer", const std::string& name = "Test Reader",
                    const std::string& email = "");
// Opens the confirmation link mailed to `email` in `client` and presses its button: confirms the
// address and logs the account in (status of the confirmation, 303 when it worked).
long confirm_email(HttpClient& client, const std::string& email);
// Registers a fresh account through the site, confirms its address from the mailed link and so logs
// it in; returns its email.
std::string register_user(HttpClient& client, const std::string& role = "customer",
                          const std::string& name = "Test Reader");

}  // namespace bf::test
