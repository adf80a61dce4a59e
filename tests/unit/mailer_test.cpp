// The mailer's pure parts: MIME building, error classification, backoff, rate spacing,
// digest periods, unsubscribe tokens.
#include <curl/curl.h>
#include <gtest/gtest.h>

#include "core/crypto.h"
#include "core/templates.h"
#include "core/unsubscribe.h"
#include "mailer/digests.h"
#include "mailer/mailer.h"
#include "mailer/mime.h"
#include "mailer/scheduler.h"

using namespace bf;
using namespace bf::mailer;

namespace {

Time at(int y, int mo, int d, int h = 0, int mi = 0) { return from_civil(CivilTime{y, mo, d, h, mi, 0, 0}); }

std::string decode_qp(const std::string& qp) {
    std::string out;
    for (size_t i = 0; i < qp.size(); ++i) {
        if (qp[i] == '=' && i + 2 < qp.size() + 1 && qp.compare(i, 3, "=\r\n") == 0) {
            i += 2;
        } else if (qp[i] == '=') {
            out += static_cast<char>(std::stoi(qp.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += qp[i];
        }
    }
    return out;
}

}  // namespace

TEST(Mime, QuotedPrintableKeepsLinesShortAndRoundTrips) {
    const std::string text = "Caf\xc3\xa9 = caf\xc3\xa9 \n" + std::string(200, 'x') + "\n.leading dot\nend  ";
    const std::string qp = quoted_printable(text);
    size_t start = 0;
    while (start < qp.size()) {
        const size_t end = qp.find("\r\n", start);
        const size_t len = (end == std::string::npos ? qp.size() : end) - start;
        EXPECT_LE(len, 76u) << qp.substr(start, len);
        if (end == std::string::npos) break;
        start = end + 2;
    }
    EXPECT_NE(qp.find("Caf=C3=A9 =3D"), std::string::npos);
    EXPECT_NE(qp.find("=2Eleading"), std::string::npos) << "no bare dot at a line start";
    EXPECT_NE(qp.find("end =20"), std::string::npos) << "trailing space encoded";
    EXPECT_EQ(qp.find('\n', 0), qp.find("\r\n")+1) << "CRLF line ends";
    std::string crlf_text = text;
    size_t pos = 0;
    while ((pos = crlf_text.find('\n', pos)) != std::string::npos) {
        crlf_text.replace(pos, 1, "\r\n");
        pos += 2;
    }
    EXPECT_EQ(decode_qp(qp), crlf_text);
}

TEST(Mime, HeadersEncodeNonAsciiAndDropLineBreaks) {
    EXPECT_EQ(encode_header("Your receipt"), "Your receipt");
    const std::string encoded = encode_header("Les Mis\xc3\xa9rables \xe2\x80\x94 your receipt, with a long tail of words to split");
    EXPECT_EQ(encoded.rfind("=?UTF-8?B?", 0), 0u);
    EXPECT_NE(encoded.find("\r\n =?UTF-8?B?"), std::string::npos) << "long values fold into several words";
    size_t start = 0;
    while (start < encoded.size()) {
        size_t end = encoded.find("\r\n ", start);
        EXPECT_LE((end == std::string::npos ? encoded.size() : end) - start, 75u);
        if (end == std::string::npos) break;
        start = end + 3;
    }
    EXPECT_EQ(header_safe("evil\r\nBcc: x@y"), "evilBcc: x@y");
    EXPECT_EQ(encode_header("a =?x?= b").rfind("=?UTF-8?B?", 0), 0u);
}

TEST(Mime, MessageHasBothPartsAndTheListHeaders) {
    MimeMessage m{"Bookfair <no-reply@bookfair.test>", "ada@example.com", "New books", "Hello\n", "<p>Hello</p>\n",
                  "<7.abc@bookfair.test>", at(2026, 11, 22, 13, 58), std::string("https://b.test/unsubscribe/t"),
                  "=_bf_1234"};
    const std::string mime = build_mime(m);
    EXPECT_NE(mime.find("From: Bookfair <no-reply@bookfair.test>\r\n"), std::string::npos);
    EXPECT_NE(mime.find("Date: Sun, 22 Nov 2026 13:58:00 +0000\r\n"), std::string::npos);
    EXPECT_NE(mime.find("Message-ID: <7.abc@bookfair.test>\r\n"), std::string::npos);
    EXPECT_NE(mime.find("List-Unsubscribe: <https://b.test/unsubscribe/t>\r\n"), std::string::npos);
    EXPECT_NE(mime.find("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"), std::string::npos);
    EXPECT_NE(mime.find("Content-Type: multipart/alternative; boundary=\"=_bf_1234\""), std::string::npos);
    const size_t text = mime.find("Content-Type: text/plain; charset=UTF-8");
    const size_t html = mime.find("Content-Type: text/html; charset=UTF-8");
    ASSERT_NE(text, std::string::npos);
    ASSERT_NE(html, std::string::npos);
    EXPECT_LT(text, html) << "plain text first, the richest part last";
    EXPECT_NE(mime.find("--=_bf_1234--\r\n"), std::string::npos);
    m.list_unsubscribe.reset();
    EXPECT_EQ(build_mime(m).find("List-Unsubscribe"), std::string::npos);
}

TEST(Mime, AddressesAndDomains) {
    EXPECT_EQ(address_of("Bookfair <no-reply@bookfair.test>"), "no-reply@bookfair.test");
    EXPECT_EQ(address_of("plain@x.io"), "plain@x.io");
    EXPECT_EQ(domain_of("no-reply@bookfair.test"), "bookfair.test");
    EXPECT_EQ(domain_of("nobody"), "localhost");
}

TEST(Smtp, FailuresAreClassified) {
    EXPECT_EQ(classify(CURLE_OK, 250, "").outcome, SendOutcome::Sent);
    const auto refused = classify(CURLE_COULDNT_CONNECT, 0, "Couldn't connect to server");
    EXPECT_EQ(refused.outcome, SendOutcome::Temporary);
    EXPECT_TRUE(refused.server_unreachable);
    const auto busy = classify(CURLE_SEND_ERROR, 451, "Failed sending data");
    EXPECT_EQ(busy.outcome, SendOutcome::Temporary);
    EXPECT_FALSE(busy.server_unreachable);
    EXPECT_NE(busy.error.find("451"), std::string::npos);
    EXPECT_EQ(classify(CURLE_SEND_ERROR, 550, "").outcome, SendOutcome::Permanent);
    const auto auth = classify(CURLE_LOGIN_DENIED, 535, "Login denied");
    EXPECT_EQ(auth.outcome, SendOutcome::Temporary) << "our credentials, not the message";
    EXPECT_TRUE(auth.server_unreachable);
}

TEST(Mailer, BackoffDoublesUpToTheCap) {
    EXPECT_EQ(backoff_seconds(1, 60, 3600), 60);
    EXPECT_EQ(backoff_seconds(2, 60, 3600), 120);
    EXPECT_EQ(backoff_seconds(4, 60, 3600), 480);
    EXPECT_EQ(backoff_seconds(10, 60, 3600), 3600);
    EXPECT_EQ(backoff_seconds(1000, 60, 3600), 3600);
}

TEST(Mailer, SendIntervalKeepsUnderTheLimit) {
    EXPECT_EQ(send_interval_us(0), 0);
    EXPECT_EQ(send_interval_us(600), 101'000);  // 100 ms plus the 1% margin
    EXPECT_GE(send_interval_us(100) * 100, 60'000'000) << "never more than 100 in a minute";
}

TEST(Mailer, HousekeepingRunsWhenDueAndAfterTheClockWentBack) {
    const Time t = from_civil({2026, 11, 22, 12, 0, 0, 0});
    EXPECT_TRUE(task_due(t, Time{}, 15)) << "never run";
    EXPECT_FALSE(task_due(t, t.plus_seconds(15), 15));
    EXPECT_TRUE(task_due(t.plus_seconds(15), t.plus_seconds(15), 15));
    // Run at +15 days, then the clock is set back: without this the sweep would wait 15 days.
    EXPECT_TRUE(task_due(t, t.plus_days(15).plus_seconds(15), 15));
}

TEST(Mailer, BulkMailsShareOfTheRateLeavesTheReserveFree) {
    // 120 a minute with 25% kept for transactional mail: bulk mail alone sends at most 90 a minute.
    EXPECT_EQ(send_interval_us(120, 75), 673'334);
    EXPECT_GE(send_interval_us(120, 75) * 90, 60'000'000);
    EXPECT_LT(send_interval_us(120, 75) * 89, 60'000'000) << "but not much less";
    EXPECT_EQ(send_interval_us(120, 100), send_interval_us(120));
    EXPECT_EQ(send_interval_us(120, 0), 0);
}

TEST(Mailer, MessageIdIsStablePerRowAndDiffersBetweenRows) {
    crypto::init();
    crypto::Signer signer(std::string(32, 'k'));
    EXPECT_EQ(message_id(42, signer, "bookfair.test"), message_id(42, signer, "bookfair.test"));
    EXPECT_NE(message_id(42, signer, "bookfair.test"), message_id(43, signer, "bookfair.test"));
    EXPECT_EQ(message_id(42, signer, "bookfair.test").rfind("<42.", 0), 0u);
}

TEST(Schedule, DailyPeriodsAreDueAtTheHourAfterTheDayEnds) {
    const ScheduleSpec spec{"author-daily", Cadence::Daily, 0, 7, 7};
    // Before 07:00 on the 22nd the newest due day is the 20th; from 07:00 it is the 21st.
    auto due = due_periods(spec, std::nullopt, at(2026, 11, 22, 6, 59));
    ASSERT_EQ(due.size(), 1u);
    EXPECT_EQ(due[0].label, "2026-11-20");
    due = due_periods(spec, std::nullopt, at(2026, 11, 22, 7, 0));
    ASSERT_EQ(due.size(), 1u);
    EXPECT_EQ(due[0].label, "2026-11-21");
    EXPECT_EQ(due[0].start, at(2026, 11, 21));
    EXPECT_EQ(due[0].end, at(2026, 11, 22));
    // Done through the 21st: nothing more until the next day's hour.
    EXPECT_TRUE(due_periods(spec, at(2026, 11, 21), at(2026, 11, 23, 6)).empty());
    EXPECT_EQ(due_periods(spec, at(2026, 11, 21), at(2026, 11, 23, 7)).size(), 1u);
}

TEST(Schedule, MissedDaysAreCaughtUpWithinTheBound) {
    const ScheduleSpec spec{"author-daily", Cadence::Daily, 0, 7, 7};
    auto due = due_periods(spec, at(2026, 11, 18), at(2026, 11, 22, 8));
    ASSERT_EQ(due.size(), 3u);
    EXPECT_EQ(due[0].label, "2026-11-19");
    EXPECT_EQ(due[2].label, "2026-11-21");
    due = due_periods(spec, at(2026, 10, 1), at(2026, 11, 22, 8));
    ASSERT_EQ(due.size(), 7u) << "a long outage sends the last week only";
    EXPECT_EQ(due.back().label, "2026-11-21");
    // A clock moved back leaves progress ahead of now: nothing is due, nothing replayed.
    EXPECT_TRUE(due_periods(spec, at(2026, 12, 5), at(2026, 11, 22, 8)).empty());
}

TEST(Schedule, ReaderDayRunsFromHourToHour) {
    const ScheduleSpec spec{"reader-daily", Cadence::Daily, 8, 0, 7};
    auto due = due_periods(spec, std::nullopt, at(2026, 11, 22, 8, 0));
    ASSERT_EQ(due.size(), 1u);
    EXPECT_EQ(due[0].start, at(2026, 11, 21, 8));
    EXPECT_EQ(due[0].end, at(2026, 11, 22, 8));
    EXPECT_TRUE(due_periods(spec, at(2026, 11, 21, 8), at(2026, 11, 23, 7, 59)).empty());
}

TEST(Schedule, MonthlyPeriodsAreDueOnTheFirst) {
    const ScheduleSpec spec{"author-monthly", Cadence::Monthly, 0, 7, 2};
    auto due = due_periods(spec, std::nullopt, at(2027, 1, 1, 7));
    ASSERT_EQ(due.size(), 1u);
    EXPECT_EQ(due[0].label, "2026-12");
    EXPECT_EQ(due[0].start, at(2026, 12, 1));
    EXPECT_EQ(due[0].end, at(2027, 1, 1));
    EXPECT_TRUE(due_periods(spec, at(2026, 12, 1), at(2027, 1, 31, 23)).empty());
    EXPECT_EQ(due_periods(spec, at(2026, 12, 1), at(2027, 2, 1, 7)).at(0).label, "2027-01");
}

TEST(Unsubscribe, TokensNameUserAndListAndRejectTampering) {
    crypto::init();
    crypto::Signer signer(std::string(32, 'k'));
    const std::string token = unsubscribe::make_token(signer, 42, unsubscribe::kNewsletter);
    const auto s = unsubscribe::open_token(signer, token);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->user_id, 42);
    EXPECT_EQ(s->list, "newsletter");
    std::string tampered = token;
    tampered.replace(tampered.find("42"), 2, "43");
    EXPECT_FALSE(unsubscribe::open_token(signer, tampered));
    EXPECT_FALSE(unsubscribe::open_token(signer, signer.seal("unsub:42:everything")));
    EXPECT_FALSE(unsubscribe::open_token(signer, signer.seal("csrf:42:newsletter")));
    EXPECT_EQ(unsubscribe::link("http://b.test", signer, 42, "newsletter"), "http://b.test/unsubscribe/" + token);
}

// One digest dictionary serves a page of readers: each message must carry its own reader's name and
// unsubscribe link, never the reader's before it.
TEST(ReaderDigest, EachReaderGetsTheirOwnNameAndLinkFromTheSharedDictionary) {
    crypto::init();
    templates::set_root("templates");  // tests run in the source tree
    const crypto::Signer signer(std::string(32, 'k'));
    const Period day = period_containing(ScheduleSpec{"reader-daily", Cadence::Daily, 8, 0, 7}, at(2026, 12, 7, 12));
    const std::vector<store::NewBook> books{{7, "Winter Light", "winter-light", "Ada Writer", 1999, "USD"},
                                            {8, "Tide & Stone", "tide-and-stone", "Bo Author", 2500, "EUR"}};
    ReaderDigest digest(books, day, "http://b.test", signer);
    const auto first = digest.to({41, "rita@b.test", "Rita Reader"});
    const auto second = digest.to({42, "sam@b.test", "Sam <Second>"});
    for (const auto* m : {&first, &second}) {
        EXPECT_NE(m->text.find("Winter Light"), std::string::npos) << m->text;
        EXPECT_NE(m->html.find("Tide &amp; Stone"), std::string::npos) << m->html;
    }
    EXPECT_EQ(first.list_unsubscribe, unsubscribe::link("http://b.test", signer, 41, unsubscribe::kNewsletter));
    EXPECT_EQ(second.list_unsubscribe, unsubscribe::link("http://b.test", signer, 42, unsubscribe::kNewsletter));
    EXPECT_NE(second.text.find(*second.list_unsubscribe), std::string::npos);
    EXPECT_EQ(second.text.find(*first.list_unsubscribe), std::string::npos) << "the first reader's link";
    EXPECT_NE(second.html.find("Sam &lt;Second&gt;"), std::string::npos) << second.html;
    EXPECT_EQ(second.html.find("Rita"), std::string::npos);
    EXPECT_EQ(second.dedupe_key, "reader-daily:42:" + day.label);
}
