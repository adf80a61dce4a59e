// Paying authors through the site: the author's royalties page under the test clock (pending, then
// payable once the hold ends), the statement page, its CSV and the statement email showing the same
// figures; bank details validated, masked and confirmed by the emailed link; an admin's payout run,
// its bank CSV and confirmation; and the companion process's monthly run and statement email.
#include <gtest/gtest.h>

#include <regex>

#include "admin_fixtures.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/templates.h"
#include "ledger_fixtures.h"
#include "mailer/payouts.h"

using namespace bf::test;
using bf::Cents;

namespace {

struct ClockReset {
    ~ClockReset() { set_clock_offset(0); }
};

// The value of data-figure="NAME" (the first after `from`).
int64_t figure(const std::string& html, const std::string& name) {
    const std::string marker = "data-figure=\"" + name + "\" data-value=\"";
    const auto at = html.find(marker);
    if (at == std::string::npos) return INT64_MIN;
    return std::stoll(html.substr(at + marker.size(), 24));
}

// The cents of a statement line ("Closing balance") in the first statement table of a page.
int64_t line_cents(const std::string& html, const std::string& label) {
    const auto at = html.find("<th scope=\"row\">" + label + "</th>");
    if (at == std::string::npos) return INT64_MIN;
    const std::string marker = "data-cents=\"";
    const auto c = html.find(marker, at);
    return std::stoll(html.substr(c + marker.size(), 24));
}

std::string this_month(bf::Time t) { return bf::format_date(t).substr(0, 7); }

class FixedClock : public bf::Clock {
public:
    explicit FixedClock(bf::Time t) : t_(t) {}
    bf::Time now() const override { return t_; }
    void set(bf::Time t) { t_ = t; }

private:
    bf::Time t_;
};

}  // namespace

TEST(PayoutPages, RoyaltiesMoveFromPendingToPayableWithTheTestClock) {
    ClockReset reset;
    auto db = connect_db();
    bf::store::Store store(*db);
    const bf::Time now = bf::SystemClock().now();
    const int64_t author = create_author(*db, "Clock Author");
    const int64_t book = create_book(*db, {2500, std::nullopt, 50, false, "published", std::nullopt, "Clockwork Tides", author});
    paid_order_at(store, create_buyer(*db).id, {{book, 2}}, now);  // royalty 3,500
    HttpClient client;
    log_in_as(client, *db, author);

    auto page = client.get("/dashboard/payouts");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_EQ(figure(page.body, "pending"), 3500);
    EXPECT_EQ(figure(page.body, "payable"), 0);
    EXPECT_NE(page.body.find("Add your <a href=\"/account/payout\">bank details</a>"), std::string::npos);

    set_clock_offset(15 * 86400);
    page = client.get("/dashboard/payouts");
    EXPECT_EQ(figure(page.body, "pending"), 0) << "the 14-day refund window has passed";
    EXPECT_EQ(figure(page.body, "payable"), 3500);
    set_clock_offset(0);

    // The month on the royalties page, the statement page, its CSV and the email: the same figures.
    const std::string month = this_month(now);
    page = client.get("/dashboard/payouts");
    const auto statement = client.get("/dashboard/statements/" + month);
    ASSERT_EQ(statement.status, 200) << statement.body;
    EXPECT_NE(statement.body.find("Clockwork Tides"), std::string::npos);
    for (const char* label : {"Sales", "Commission", "Closing balance"})
        EXPECT_EQ(line_cents(page.body, label), line_cents(statement.body, label)) << label;
    EXPECT_EQ(line_cents(statement.body, "Sales"), 5000);
    EXPECT_EQ(line_cents(statement.body, "Commission"), -1500);
    EXPECT_EQ(line_cents(statement.body, "Closing balance"), 3500);
    const auto csv = client.get("/dashboard/statements/" + month + "/csv");
    EXPECT_EQ(csv.status, 200);
    EXPECT_NE(csv.body.find(month + ",USD,Closing balance,,,,,,,35.00\r\n"), std::string::npos) << csv.body;
    EXPECT_NE(csv.body.find(",Clockwork Tides,50.00,0.00,-15.00,35.00,35.00\r\n"), std::string::npos) << csv.body;
    bf::CivilTime c = bf::to_civil(now);
    c.day = 1, c.hour = c.minute = c.second = c.micros = 0;
    const bf::Time start = bf::from_civil(c);
    const bf::mailer::Period period{start, start.plus_days(bf::days_in_month(c.year, c.month)), month};
    const bf::crypto::Signer signer(bf::crypto::read_secret_file(config().get("secret_file")));
    bf::templates::set_root(config().require("templates_dir"));
    const auto email = bf::mailer::author_statement_email({author, "a@example.com", "Clock Author"},
                                                          store.ledger.statements(author, period.start, period.end), period,
                                                          base_url(), signer);
    EXPECT_NE(email.text.find("Closing balance: $35.00"), std::string::npos) << email.text;
    EXPECT_NE(email.text.find("Clockwork Tides: sales $50.00, refunds $0.00, commission $15.00, royalty $35.00"),
              std::string::npos) << email.text;

    EXPECT_EQ(client.get("/dashboard/statements/2026-13").status, 404);
    HttpClient reader;
    log_in_as(reader, *db, create_buyer(*db).id);
    EXPECT_EQ(reader.get("/dashboard/payouts").status, 403) << "authors only";
}

TEST(PayoutPages, BankDetailsAreCheckedMaskedAndConfirmedByEmail) {
    auto db = connect_db();
    const int64_t author = create_author(*db, "Banking Author");
    HttpClient client;
    log_in_as(client, *db, author);
    auto r = client.submit("/account/payout", "/account/payout", {{"account_name", "B. Author"}, {"iban", "DE89 3704 0044 0532 0130 01"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("check digits do not match"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("DE89 3704 0044 0532 0130 01"), std::string::npos) << "the input is kept";
    r = client.submit("/account/payout", "/account/payout", {{"account_name", "B. Author"}, {"iban", "DE89 3704 0044 0532 0130 00"}});
    ASSERT_EQ(r.status, 303) << r.body;
    const auto mail = db->query_one("SELECT o.body_text FROM outbox o JOIN users u ON u.email = o.recipient"
                                    " WHERE u.id = ? AND o.kind = 'payout_details_confirm'", author);
    ASSERT_TRUE(mail);
    std::smatch m;
    const std::string text = mail->str(0);
    ASSERT_TRUE(std::regex_search(text, m, std::regex("/account/payout/confirm/([A-Za-z0-9_-]+)"))) << text;
    EXPECT_EQ(text.find("DE89370400440532013000"), std::string::npos) << "the email shows the IBAN masked";
    auto page = client.get("/account/payout");
    EXPECT_NE(page.body.find("waits for you to follow the link"), std::string::npos);
    EXPECT_EQ(page.body.find("Your royalties go to"), std::string::npos) << "not before the link";
    const std::string link = "/account/payout/confirm/" + m[1].str();
    EXPECT_EQ(client.get(link).status, 200);
    r = client.submit(link, link, {});
    EXPECT_EQ(r.status, 303) << r.body;
    page = client.get("/account/payout");
    EXPECT_NE(page.body.find("DE89 **** **** 3000"), std::string::npos) << page.body;
    EXPECT_EQ(page.body.find("DE89370400440532013000"), std::string::npos) << "never in full";
    EXPECT_EQ(client.submit(link, link, {}).status, 410) << "a link works once";
}

TEST(PayoutPages, AnAdminRunsPayoutsDownloadsTheBankFileAndConfirms) {
    AdminConsole c;
    bf::store::Store store(*c.db);
    const bf::Time now = bf::SystemClock().now();
    const int64_t author = create_author(*c.db, "Run Author");
    c.db->exec("INSERT INTO author_payout_details (author_id, account_name, iban, confirmed_at) VALUES (?, ?, ?, ?)", author,
               "Run, Author", "GB82WEST12345698765432", now);
    const int64_t book = create_book(*c.db, {4000, std::nullopt, 50, false, "published", std::nullopt, "", author});
    paid_order_at(store, create_buyer(*c.db).id, {{book, 1}}, now.plus_days(-20));  // royalty 2,800, payable

    const auto form = c.admin.get("/admin/payouts");
    ASSERT_EQ(form.status, 200) << form.body;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(form.body, m, std::regex("name=\"idempotency_key\" value=\"([^\"]+)\"")));
    const std::vector<std::pair<std::string, std::string>> fields{
        {"_csrf", csrf_from(form.body)}, {"idempotency_key", m[1].str()}, {"minimum", "20.00"}};
    auto r = c.admin.post_form("/admin/payouts/runs", fields);
    ASSERT_EQ(r.status, 303) << r.body;
    const std::string run = r.header("location");
    r = c.admin.post_form("/admin/payouts/runs", fields);
    EXPECT_EQ(r.header("location"), run) << "a double submit is the same run";
    const auto payouts = store.payouts.author_payouts(author, 5);
    ASSERT_EQ(payouts.size(), 1u) << "paid once";
    EXPECT_EQ(payouts[0].amount, 2800);

    const auto csv = c.admin.get(run + "/csv");
    EXPECT_EQ(csv.status, 200);
    EXPECT_NE(csv.body.find("beneficiary_name,iban,amount,currency,reference\r\n"), std::string::npos);
    EXPECT_NE(csv.body.find("\"Run, Author\",GB82WEST12345698765432,28.00,USD,Bookfair royalties P" +
                            std::to_string(payouts[0].id) + "\r\n"),
              std::string::npos) << csv.body;
    const auto page = c.admin.get(run);
    EXPECT_NE(page.body.find("GB82 **** **** 5432"), std::string::npos);
    r = c.admin.submit(run, run + "/confirm", {});
    EXPECT_EQ(r.status, 303);
    EXPECT_EQ(store.payouts.author_payouts(author, 5)[0].status, "paid");

    // Terms: a start in the past is refused with a message; a future one is listed as scheduled.
    r = c.admin.submit("/admin/payouts/terms", "/admin/payouts/terms",
                       {{"author", std::to_string(author)}, {"rate", "12.5"}, {"fixed", ""},
                        {"effective_from", bf::format_minutes(now.plus_days(-1))}, {"note", ""}});
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("never backwards"), std::string::npos);
    r = c.admin.submit("/admin/payouts/terms", "/admin/payouts/terms",
                       {{"author", std::to_string(author)}, {"rate", "12.5"}, {"fixed", "0.25"},
                        {"effective_from", bf::format_minutes(now.plus_days(3))}, {"note", "Pages test"}});
    EXPECT_EQ(r.status, 303) << r.body;
    EXPECT_EQ(store.ledger.terms_for(author, now.plus_days(4)).rate_bp, 1250);
    EXPECT_EQ(store.ledger.terms_for(author, now.plus_days(4)).fixed_per_unit, 25);
    const auto check = check_ledger();
    EXPECT_EQ(check.status, 0) << check.output;
}

TEST(PayoutPages, TheCompanionRunsTheMonthOnceAndMailsStatements) {
    auto db = connect_db();
    bf::store::Store store(*db);
    const bf::Time now = bf::SystemClock().now();
    const int64_t author = create_author(*db, "Monthly Author");
    db->exec("INSERT INTO author_payout_details (author_id, account_name, iban, confirmed_at) VALUES (?, 'M', ?, ?)", author,
             "NL91ABNA0417164300", now);
    const int64_t book = create_book(*db, {3000, std::nullopt, 50, false, "published", std::nullopt, "", author});
    // A sale far ahead, so that its month's run is this test's own (schedules of test-only names);
    // the month follows the author's id, so a repeated run has a month of its own too.
    bf::CivilTime c = bf::to_civil(now.plus_days(3000 + (author % 600) * 31));
    c.day = 1, c.hour = c.minute = c.second = c.micros = 0;
    const bf::Time month_start = bf::from_civil(c);
    paid_order_at(store, create_buyer(*db).id, {{book, 1}}, month_start.plus_days(2));  // royalty 2,100
    const std::string tag = std::to_string(author);
    const bf::royalty::PayoutSettings settings;  // 14 days' hold, 20.00 minimum
    const bf::mailer::ScheduleSpec runs{"payout-run-" + tag, bf::mailer::Cadence::Monthly, 0, 6, 1};
    const bf::mailer::ScheduleSpec statements{"author-statement-" + tag, bf::mailer::Cadence::Monthly, 0, 7, 2};
    store.mail.mark_schedule_done(runs.name, month_start.plus_days(-1), now);
    store.mail.mark_schedule_done(statements.name, month_start.plus_days(-1), now);
    FixedClock clock(month_start);
    bf::templates::set_root(config().require("templates_dir"));
    const bf::crypto::Signer signer(bf::crypto::read_secret_file(config().get("secret_file")));
    bf::mailer::Scheduler scheduler(store, clock, base_url(), signer);
    scheduler.add(runs, bf::mailer::payout_run_producer(settings));
    scheduler.add(statements, bf::mailer::produce_author_statements);

    // The 1st of the next month at 06:00 and 07:00, each hour twice.
    const bf::Time next = month_start.plus_days(bf::days_in_month(c.year, c.month));
    for (int hour : {6, 6, 7, 7}) {
        clock.set(next.plus_hours(hour));
        scheduler.run();
    }
    const std::string label = bf::format_date(month_start).substr(0, 7);
    const auto paid = store.payouts.author_payouts(author, 5);
    ASSERT_EQ(paid.size(), 1u) << "one run for the month, run once";
    EXPECT_EQ(paid[0].amount, 2100);
    EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM payout_runs WHERE run_key = ?", "monthly-" + label)->i64(0), 1);
    const auto mail = db->query("SELECT body_text FROM outbox WHERE dedupe_key = ?",
                                "author-statement:" + tag + ":" + label);
    ASSERT_EQ(mail.size(), 1u);
    // The run happened in the next month: this month's statement shows the sale and no payout yet.
    EXPECT_NE(mail[0].str(0).find("Sales: $30.00"), std::string::npos) << mail[0].str(0);
    EXPECT_NE(mail[0].str(0).find("Closing balance: $21.00"), std::string::npos) << mail[0].str(0);
    const auto after = store.ledger.statements(author, next, next.plus_days(28));
    ASSERT_EQ(after.size(), 1u);
    EXPECT_EQ(after[0].opening, 2100);
    EXPECT_EQ(after[0].payouts, 2100);
    EXPECT_EQ(after[0].closing, 0);
}
