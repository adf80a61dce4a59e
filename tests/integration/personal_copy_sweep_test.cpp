// The sweep of personal EPUB copies (issue #19), run by the stack's own mailer on its schedule: the test
// moves the injectable clock and waits for the condition. Copies of a replaced file, of a refunded order
// and of a file nobody downloaded for personal_copy_idle_days (30) go, row and file; a recently
// downloaded copy stays; files no row names go; the next download makes the copy again.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/crypto.h"
#include "ebook_fixtures.h"

using namespace bf::test;

namespace {

namespace fs = std::filesystem;

struct ClockReset {
    ~ClockReset() { set_clock_offset(0); }
};

struct Owner {
    HttpClient client;
    Buyer buyer;
    Ebook ebook;
    std::string order;
};

// A reader who bought the ebook and downloaded its EPUB once (so a personal copy exists).
void buy_and_download(bf::db::Connection& db, Owner& o) {
    o.buyer = create_buyer(db, "Sweep Reader");
    log_in_as(o.client, db, o.buyer.id);
    o.ebook = create_ebook(db, 500);
    ASSERT_EQ(add_ebook_to_cart(o.client, o.ebook.book_id).status, 303);
    o.order = buy_cart_of_ebooks(o.client);
    ASSERT_FALSE(o.order.empty());
    ASSERT_EQ(download(o.client, o.ebook.epub_file).status, 200);
}

std::optional<std::string> copy_of(bf::db::Connection& db, const Owner& o) {
    const auto r = db.query_one("SELECT stored_name FROM ebook_personal_copies WHERE user_id = ? AND file_id = ?", o.buyer.id,
                                o.ebook.epub_file);
    if (!r) return std::nullopt;
    return r->str(0);
}

bool on_disk(const std::string& name) { return fs::exists(ebooks_dir() + "/" + name); }

}  // namespace

TEST(PersonalCopySweep, TheMailerRemovesReplacedRefundedAndIdleCopiesAndTheNextDownloadRebuilds) {
    ClockReset reset;
    auto db = connect_db();
    Owner replaced, refunded, idle, recent;
    for (Owner* o : {&replaced, &refunded, &idle, &recent}) {
        buy_and_download(*db, *o);
        ASSERT_TRUE(copy_of(*db, *o)) << "the first download made a personal copy";
        ASSERT_TRUE(on_disk(*copy_of(*db, *o)));
    }
    const std::string replaced_copy = *copy_of(*db, replaced), refunded_copy = *copy_of(*db, refunded),
                      idle_copy = *copy_of(*db, idle), recent_copy = *copy_of(*db, recent);
    // The author replaced one file (its version rose); one order was refunded (its licence ended).
    db->exec("UPDATE edition_files SET version = version + 1 WHERE id = ?", replaced.ebook.epub_file);
    db->exec("UPDATE ebook_licences l JOIN orders o ON o.id = l.order_id SET l.revoked_at = ? WHERE o.number = ?", stack_now(),
             refunded.order);
    // A file no row names (a crash between a row's delete and its file's).
    const std::string orphan = "personal/" + std::to_string(idle.buyer.id) + "/orphan-" + bf::crypto::random_token(6) + ".epub";
    std::ofstream(ebooks_dir() + "/" + orphan) << "left behind";
    // The recent copy is downloaded 31 days on; the idle one never again.
    const long long days31 = 31LL * 86400;
    db->exec("INSERT INTO ebook_downloads (user_id, file_id, order_id, version, personal, downloaded_at)"
             " SELECT user_id, file_id, order_id, version, 1, ? FROM ebook_personal_copies WHERE stored_name = ?",
             stack_now().plus_seconds(days31), recent_copy);

    // The replaced and refunded copies go at the next sweep without moving time much: an hour on, the
    // mailer's hourly task is due.
    set_clock_offset(3700);
    ASSERT_TRUE(wait_until([&] { return !copy_of(*db, replaced) && !copy_of(*db, refunded); }, std::chrono::seconds(60)))
        << "the mailer swept the replaced and the refunded copies";
    EXPECT_FALSE(on_disk(replaced_copy));
    EXPECT_FALSE(on_disk(refunded_copy));
    EXPECT_TRUE(copy_of(*db, idle)) << "not idle for 30 days yet";
    EXPECT_TRUE(on_disk(idle_copy));

    // 31 days on: the idle copy and the orphan go; the recently downloaded copy stays.
    set_clock_offset(days31 + 3700 * 2);
    ASSERT_TRUE(wait_until([&] { return !copy_of(*db, idle) && !on_disk(orphan); }, std::chrono::seconds(60)));
    EXPECT_FALSE(on_disk(idle_copy));
    EXPECT_EQ(copy_of(*db, recent), recent_copy);
    EXPECT_TRUE(on_disk(recent_copy));

    // The next download makes the copy again (for the new version of the replaced file).
    HttpClient again;
    log_in_as(again, *db, idle.buyer.id);
    const auto epub = download(again, idle.ebook.epub_file);
    EXPECT_EQ(epub.status, 200);
    ASSERT_TRUE(copy_of(*db, idle));
    EXPECT_NE(*copy_of(*db, idle), idle_copy) << "a new build, under a name of its own";
    EXPECT_TRUE(on_disk(*copy_of(*db, idle)));
    EXPECT_NE(epub.body.find("META-INF/container.xml"), std::string::npos);
    HttpClient replaced_again;
    log_in_as(replaced_again, *db, replaced.buyer.id);
    EXPECT_EQ(download(replaced_again, replaced.ebook.epub_file).status, 200);
    EXPECT_EQ(db->query_one("SELECT version FROM ebook_personal_copies WHERE user_id = ? AND file_id = ?", replaced.buyer.id,
                            replaced.ebook.epub_file)->i64(0), 2);
    // The refunded reader has no licence: no download, no copy.
    HttpClient refunded_again;
    log_in_as(refunded_again, *db, refunded.buyer.id);
    EXPECT_EQ(download(refunded_again, refunded.ebook.epub_file).status, 403);
    EXPECT_FALSE(copy_of(*db, refunded));
}
