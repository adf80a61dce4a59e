#include "harness.h"

#include <curl/curl.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <random>
#include <regex>
#include <thread>

#include "core/clock.h"
#include "core/text.h"

namespace bf::test {
namespace {

std::string env_or_fail(const char* name) {
    const char* v = std::getenv(name);
    if (!v || !*v) {
        std::fprintf(stderr, "%s is not set: run integration tests through scripts/test\n", name);
        std::abort();
    }
    return v;
}

size_t on_body(char* data, size_t size, size_t n, void* user) {
    static_cast<std::string*>(user)->append(data, size * n);
    return size * n;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
    const std::string line(data, size * n);
    const auto colon = line.find(':');
    if (colon != std::string::npos)
        static_cast<std::multimap<std::string, std::string>*>(user)->emplace(to_lower(line.substr(0, colon)),
                                                                            trim(line.substr(colon + 1)));
    return size * n;
}

struct CurlGlobal {
    CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

}  // namespace

std::string HttpResponse::header(const std::string& name) const {
    const auto it = headers.find(to_lower(name));
    return it == headers.end() ? "" : it->second;
}

std::vector<std::string> HttpResponse::set_cookies() const {
    std::vector<std::string> out;
    const auto range = headers.equal_range("set-cookie");
    for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
    return out;
}

HttpClient::HttpClient() {
    static CurlGlobal global;
    curl_ = curl_easy_init();
    curl_easy_setopt(curl_, CURLOPT_COOKIEFILE, "");  // in-memory cookie jar
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 60L);
    static std::mutex random_mutex;
    static std::mt19937 random(std::random_device{}());
    unsigned n;
    {
        std::lock_guard<std::mutex> lock(random_mutex);
        n = random() & 0xFFFFFF;  // 16 million addresses: two clients of one suite hardly ever share one
    }
    address_ = "10." + std::to_string(n >> 16) + "." + std::to_string((n >> 8) & 255) + "." + std::to_string(n & 255);
}

HttpClient::~HttpClient() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

HttpResponse HttpClient::request(const std::string& method, const std::string& path, const std::string& body,
                                 const std::string& content_type) {
    CURL* c = static_cast<CURL*>(curl_);
    HttpResponse r;
    const std::string url = base_url() + path;
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method == "GET" ? nullptr : method.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(c, CURLOPT_NOBODY, method == "HEAD" ? 1L : 0L);
    struct curl_slist* headers = nullptr;
    if (method != "GET" && method != "HEAD") {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
        headers = curl_slist_append(headers, ("Content-Type: " +
                                              (content_type.empty() ? "application/x-www-form-urlencoded" : content_type)).c_str());
        headers = curl_slist_append(headers, "Expect:");
    }
    for (const auto& line : extra_headers_) headers = curl_slist_append(headers, line.c_str());
    headers = curl_slist_append(headers, ("X-Forwarded-For: " + address_).c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &r.headers);
    const CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK) {
        ADD_FAILURE() << method << " " << path << ": " << curl_easy_strerror(rc);
        return r;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    return r;
}

HttpResponse HttpClient::get(const std::string& path) { return request("GET", path); }

HttpResponse HttpClient::post_form(const std::string& path,
                                   const std::vector<std::pair<std::string, std::string>>& fields) {
    return request("POST", path, form_encode(fields));
}

HttpResponse HttpClient::submit(const std::string& page, const std::string& action,
                                std::vector<std::pair<std::string, std::string>> fields) {
    const HttpResponse form = get(page);
    fields.emplace_back("_csrf", csrf_from(form.body));
    return post_form(action, fields);
}

std::string HttpClient::cookie(const std::string& name) const {
    struct curl_slist* list = nullptr;
    curl_easy_getinfo(static_cast<CURL*>(curl_), CURLINFO_COOKIELIST, &list);
    std::string value;
    for (auto* p = list; p; p = p->next) {
        // Netscape format: domain, flag, path, secure, expiry, name, value (tab separated).
        std::vector<std::string> parts;
        std::string line = p->data;
        size_t start = 0, tab;
        while ((tab = line.find('\t', start)) != std::string::npos) {
            parts.push_back(line.substr(start, tab - start));
            start = tab + 1;
        }
        parts.push_back(line.substr(start));
        if (parts.size() >= 7 && parts[5] == name) value = parts[6];
    }
    curl_slist_free_all(list);
    return value;
}

void HttpClient::set_cookie(const std::string& name, const std::string& value) {
    const std::string line = "Set-Cookie: " + name + "=" + value + "; Path=/";
    curl_easy_setopt(static_cast<CURL*>(curl_), CURLOPT_COOKIELIST, line.c_str());
}

std::string base_url() {
    static const std::string url = env_or_fail("BOOKFAIR_TEST_URL");
    return url;
}

const Config& config() {
    static const Config c = Config::load(env_or_fail("BOOKFAIR_CONFIG"));
    return c;
}

std::unique_ptr<db::Connection> connect_db() {
    return std::make_unique<db::Connection>(db::DbConfig::from(config()));
}

std::string csrf_from(const std::string& html) {
    static const std::regex re("name=\"_csrf\" value=\"([^\"]+)\"");
    std::smatch m;
    return std::regex_search(html, m, re) ? m[1].str() : "";
}

std::string unique_email(const std::string& prefix) {
    static std::atomic<int> counter{0};
    static const unsigned salt = std::random_device{}();
    return prefix + "+" + std::to_string(salt) + "-" + std::to_string(++counter) + "@example.com";
}

std::string unique_word(const std::string& prefix) {
    static const unsigned salt = std::random_device{}() % 100000;
    static std::atomic<int> n{0};
    return prefix + std::to_string(salt) + "-" + std::to_string(++n);
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string out;
    for (const auto& [k, v] : fields) out += (out.empty() ? "" : "&") + url_encode(k) + "=" + url_encode(v);
    return out;
}

CommandResult run_command(const std::string& command) {
    CommandResult r;
    FILE* p = popen(command.c_str(), "r");
    if (!p) {
        r.status = -1;
        return r;
    }
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
    r.status = pclose(p);
    return r;
}

void stack_control(const std::string& command) {
    const std::string cmd = env_or_fail("BOOKFAIR_TEST_CTL") + " " + command;
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

namespace {
// Mail the stack queued while a test had moved the clock ahead carries that future's created_at and
// next_attempt_at: once the clock is back it would wait (weeks, for some tests) in the queue and be
// the "oldest" of its class for the tests after. A real clock never jumps back like this.
void bring_back_mail_queued_in_the_future() {
    const auto db = connect_db();
    const bf::Time now = stack_now();
    db->exec("UPDATE outbox SET created_at = LEAST(created_at, ?), next_attempt_at = LEAST(next_attempt_at, ?)"
             " WHERE status = 'pending' AND created_at > ?",
             now, now, now);
}
}  // namespace

void set_clock_offset(long long seconds) {
    const std::string path = config().require("clock_file");
    long long before = 0;
    std::ifstream(path) >> before;
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp);
        out << seconds << "\n";
    }
    std::rename(tmp.c_str(), path.c_str());  // atomic: readers see the old or the new offset
    if (seconds < before) bring_back_mail_queued_in_the_future();
}

bf::Time stack_now() { return bf::OffsetFileClock(config().require("clock_file")).now(); }

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return condition();
}

void wait_for_search_index() {
    const auto db = connect_db();
    // Waits as long as the indexer makes progress (a loaded or sanitized machine drains thousands of
    // changes slowly); fails only when the change log stops shrinking for a minute.
    const auto pending = [&] {
        if (db->query_one("SELECT COUNT(*) FROM search_consumers")->i64(0) == 0) return INT64_MAX;
        return db->query_one("SELECT COUNT(*) FROM search_changes")->i64(0);
    };
    int64_t last = pending();
    while (last != 0) {
        int64_t now_pending = last;
        wait_until([&] { return (now_pending = pending()) < last; }, std::chrono::seconds(60));
        ASSERT_LT(now_pending, last) << "the search index stopped catching up with its change log ("
                                     << now_pending << " changes left)";
        last = now_pending;
    }
}

std::string mailed_link(const std::string& email, const std::string& kind, std::chrono::milliseconds timeout) {
    const auto db = connect_db();
    std::string link;
    wait_until(
        [&] {
            const auto row = db->query_one(
                "SELECT body_text FROM outbox WHERE recipient = ? AND kind = ? ORDER BY id DESC LIMIT 1", email, kind);
            if (!row) return false;
            const std::string body = row->str(0);
            const auto at = body.find(base_url() + "/");
            if (at == std::string::npos) return false;
            const auto end = body.find_first_of(" \r\n", at);
            link = body.substr(at + base_url().size(), end == std::string::npos ? std::string::npos : end - at - base_url().size());
            return true;
        },
        timeout);
    return link;
}

std::string sign_up(HttpClient& client, const std::string& role, const std::string& name, const std::string& email_in) {
    const std::string email = email_in.empty() ? unique_email(role) : email_in;
    const auto r = client.submit("/register", "/register",
                                 {{"email", email}, {"display_name", name}, {"password", "correct horse"}, {"role", role}});
    EXPECT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(r.header("location"), "/register/check-email");
    return email;
}

long confirm_email(HttpClient& client, const std::string& email) {
    const std::string link = mailed_link(email, "verify_email");
    EXPECT_EQ(link.rfind("/verify-email/", 0), 0u) << "no confirmation link mailed to " << email;
    if (link.empty()) return 0;
    const auto page = client.get(link);
    EXPECT_EQ(page.status, 200) << page.body;
    const auto path = link.substr(0, link.find('?'));
    const auto query = link.find("next=") == std::string::npos ? std::string() : link.substr(link.find("next=") + 5);
    std::vector<std::pair<std::string, std::string>> fields{{"_csrf", csrf_from(page.body)}};
    const auto r = client.request("POST", path, form_encode(fields) + (query.empty() ? "" : "&next=" + query),
                                  "application/x-www-form-urlencoded");
    return r.status;
}

std::string register_user(HttpClient& client, const std::string& role, const std::string& name) {
    const std::string email = sign_up(client, role, name);
    EXPECT_EQ(confirm_email(client, email), 303);
    return email;
}

}  // namespace bf::test
