// Digital editions (issue #19) through real nginx and MariaDB: uploads checked by content, buying ebooks
// alone, print alone and mixed, the signed download link, the daily cap, refunds, the personal EPUB,
// and that nginx (not the worker) sends the bytes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "admin_fixtures.h"
#include "core/crypto.h"
#include "ebook_fixtures.h"
#include "store/store.h"

using namespace bf::test;

namespace {

struct Reader {
    std::unique_ptr<bf::db::Connection> db = connect_db();
    HttpClient client;
    Buyer buyer;
    explicit Reader(const std::string& name = "Ebook Reader") : buyer(create_buyer(*db, name)) {
        log_in_as(client, *db, buyer.id);
    }
    int64_t count(const std::string& sql, int64_t arg) { return db->query_one(sql, arg)->i64(0); }
};

// Buys the book's ebook alone; returns the order number.
std::string buy_ebook(Reader& r, int64_t book_id) {
    EXPECT_EQ(add_ebook_to_cart(r.client, book_id).status, 303);
    const std::string number = buy_cart_of_ebooks(r.client);
    EXPECT_FALSE(number.empty());
    return number;
}

// Runs a Python check with Debian's python3 (zipfile and ElementTree: a real ZIP reader and XML parser).
CommandResult python(const std::string& script, const std::string& file) {
    const std::string path = std::filesystem::temp_directory_path() / ("bf-check-" + bf::crypto::random_token(6) + ".py");
    std::ofstream(path) << script;
    auto r = run_command("/usr/bin/python3 " + path + " " + file + " 2>&1");
    std::filesystem::remove(path);
    return r;
}

std::string save_temp(const std::string& bytes, const std::string& ext) {
    const std::string path = std::filesystem::temp_directory_path() / ("bf-dl-" + bf::crypto::random_token(6) + "." + ext);
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

// The worker process's bytes read so far (rchar: every read(2), sockets and files alike).
long long worker_rchar() {
    const std::string stack = std::filesystem::path(ebooks_dir()).parent_path();
    std::ifstream pidfile(stack + "/run/web.pid");
    long pid = 0;
    pidfile >> pid;
    std::ifstream io("/proc/" + std::to_string(pid) + "/io");
    std::string key;
    long long value = -1;
    while (io >> key >> value)
        if (key == "rchar:") return value;
    return -1;
}

const char* kCheckEpub = R"PY(
import sys, zipfile, xml.etree.ElementTree as ET
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None, "a damaged entry"
first = z.infolist()[0]
assert first.filename == "mimetype", first.filename
assert first.compress_type == zipfile.ZIP_STORED, "mimetype is compressed"
assert z.read("mimetype") == b"application/epub+zip"
container = ET.fromstring(z.read("META-INF/container.xml"))
ns = {"c": "urn:oasis:names:tc:opendocument:xmlns:container"}
opf_path = container.find(".//c:rootfile", ns).get("full-path")
opf = ET.fromstring(z.read(opf_path))
dc = "{http://purl.org/dc/elements/1.1/}"
rights = [e.text for e in opf.iter(dc + "rights")]
titles = [e.text for e in opf.iter(dc + "title")]
page = ET.fromstring(z.read("OEBPS/title.xhtml"))
line = [e.text for e in page.iter("{http://www.w3.org/1999/xhtml}p") if e.get("class") == "bookfair-licence"]
print("RIGHTS=" + "|".join(rights))
print("TITLE=" + "|".join(titles))
print("PAGE=" + "|".join(line))
)PY";

}  // namespace

TEST(Ebooks, UploadsAreCheckedByContentAndAReplacementRaisesTheVersion) {
    auto db = connect_db();
    const int64_t author = create_author(*db, "Upload Author");
    HttpClient client;
    log_in_as(client, *db, author);
    const Ebook e = create_ebook(*db, 699, false, author);
    const std::string page = "/dashboard/books/" + std::to_string(e.book_id) + "/ebook";
    ASSERT_EQ(client.get(page).status, 200);
    const std::string files = page + "/files";

    // A PNG renamed to .epub, and to .pdf: refused by what it is, nothing stored.
    auto r = upload(client, page, files, {{"format", "epub"}}, "file", "novel.epub", make_png());
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("not an EPUB"), std::string::npos) << r.body.substr(0, 2000);
    r = upload(client, page, files, {{"format", "pdf"}}, "file", "novel.pdf", make_png());
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("not a PDF"), std::string::npos);
    // A ZIP that is not an EPUB (its first entry is not the mimetype).
    r = upload(client, page, files, {{"format", "epub"}}, "file", "novel.epub", make_zip());
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("first entry must be the file"), std::string::npos);
    EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM edition_files WHERE book_id = ?", e.book_id)->i64(0), 0);

    // A real EPUB, a real PDF and a sample pass.
    const std::string epub = make_epub("Upload Test");
    r = upload(client, page, files, {{"format", "epub"}}, "file", "novel.epub", epub);
    ASSERT_EQ(r.status, 303) << r.body.substr(0, 2000);
    // Above the 6 MiB of a cover: the upload path alone takes up to max_ebook_bytes.
    r = upload(client, page, files, {{"format", "pdf"}}, "file", "novel.pdf", make_pdf(7 << 20));
    ASSERT_EQ(r.status, 303) << r.body.substr(0, 500);
    r = upload(client, page, files, {{"format", "pdf"}, {"is_sample", "1"}}, "file", "sample.pdf", make_pdf(500));
    ASSERT_EQ(r.status, 303);
    r = upload(client, page, files, {{"format", "zip"}}, "file", "extras.zip", make_zip());
    ASSERT_EQ(r.status, 303) << "a ZIP of extras";
    const auto first = db->query_one("SELECT id, version, stored_name, size_bytes FROM edition_files"
                                     " WHERE book_id = ? AND format = 'epub'", e.book_id);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->i64(1), 1);
    EXPECT_EQ(first->i64(3), static_cast<int64_t>(epub.size()));
    const std::string first_path = ebooks_dir() + "/" + first->str(2);
    EXPECT_TRUE(std::filesystem::exists(first_path));
    EXPECT_EQ(db->query_one("SELECT COUNT(*) FROM edition_files WHERE book_id = ?", e.book_id)->i64(0), 4);

    // Replacing the EPUB: the same row, version 2, a new stored file, the old one gone.
    r = upload(client, page, files, {{"format", "epub"}}, "file", "novel-2.epub", make_epub("Upload Test, revised"));
    ASSERT_EQ(r.status, 303);
    EXPECT_NE(client.get(page).body.find("version 2"), std::string::npos);
    const auto second = db->query_one("SELECT id, version, stored_name FROM edition_files WHERE book_id = ? AND format = 'epub'",
                                      e.book_id);
    EXPECT_EQ(second->i64(0), first->i64(0));
    EXPECT_EQ(second->i64(1), 2);
    EXPECT_NE(second->str(2), first->str(2));
    EXPECT_FALSE(std::filesystem::exists(first_path));

    // Another author may not upload to this book.
    HttpClient other;
    log_in_as(other, *db, create_author(*db, "Other Author"));
    EXPECT_EQ(upload(other, "/dashboard/books", files, {{"format", "pdf"}}, "file", "x.pdf", make_pdf()).status, 403);
}

TEST(Ebooks, AnOrderOfEbooksAloneSkipsTheAddressAndHoldsNoStock) {
    Reader r;
    const Ebook e = create_ebook(*r.db, 699);
    const int stock = book_stock(*r.db, e.book_id);
    ASSERT_EQ(add_ebook_to_cart(r.client, e.book_id).status, 303);
    // Adding it again keeps one licence in the cart.
    ASSERT_EQ(add_ebook_to_cart(r.client, e.book_id).status, 303);
    const auto page = r.client.get("/checkout");
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.body.find("name=\"line1\""), std::string::npos) << "no address form";
    EXPECT_EQ(page.body.find("name=\"shipping_method\""), std::string::npos) << "no shipping method";
    const auto placed = r.client.post_form("/checkout", {{"_csrf", csrf_from(page.body)},
                                                         {"idempotency_key", idempotency_key_from(page.body)}});
    ASSERT_EQ(placed.status, 303) << placed.body.substr(0, 2000);
    const auto o = r.db->query_one("SELECT subtotal_cents, shipping_cents, total_cents, ship_line1, id FROM orders"
                                   " WHERE user_id = ?", r.buyer.id);
    EXPECT_EQ(o->i64(0), 699);
    EXPECT_EQ(o->i64(1), 0) << "nothing ships";
    EXPECT_EQ(o->str(3), "");
    const auto item = r.db->query_one("SELECT edition, quantity, backordered_quantity FROM order_items WHERE order_id = ?",
                                      o->i64(4));
    EXPECT_EQ(item->str(0), "digital");
    EXPECT_EQ(item->i64(1), 1);
    EXPECT_EQ(book_stock(*r.db, e.book_id), stock) << "an ebook takes no stock";
    EXPECT_EQ(r.client.get("/library").body.find("The Harbour"), std::string::npos) << "not before payment";

    const auto paid = pay(r.client, payment_ref(placed), kCardSuccess);
    ASSERT_EQ(paid.status, 303);
    EXPECT_EQ(book_stock(*r.db, e.book_id), stock);
    EXPECT_EQ(book_sell_count(*r.db, e.book_id), 1) << "a sale is a sale";
    EXPECT_EQ(r.count("SELECT COUNT(*) FROM ebook_licences WHERE user_id = ? AND revoked_at IS NULL", r.buyer.id), 1);
    const auto library = r.client.get("/library");
    ASSERT_EQ(library.status, 200);
    EXPECT_NE(library.body.find("/library/files/" + std::to_string(e.epub_file)), std::string::npos);
    EXPECT_NE(library.body.find("/library/files/" + std::to_string(e.pdf_file)), std::string::npos);
    EXPECT_NE(library.body.find("10 of 10 downloads left today"), std::string::npos) << "the cap is said on the page";
    // Owned: the ebook cannot go in the cart again.
    EXPECT_EQ(add_ebook_to_cart(r.client, e.book_id).status, 409);
    // Delivered at once: the buyer cannot cancel it for a refund after downloading (the shop can refund).
    const std::string number = order_number_from(paid);
    const auto order_page = r.client.get("/orders/" + number);
    EXPECT_EQ(order_page.body.find("Cancel this order"), std::string::npos);
    const auto cancel = r.client.post_form("/orders/" + number + "/cancel",
                                           {{"_csrf", csrf_from(order_page.body)}, {"confirm", "1"}});
    EXPECT_EQ(cancel.status, 409);
    EXPECT_EQ(order_status(*r.db, number), "paid");
    EXPECT_EQ(r.count("SELECT COUNT(*) FROM ebook_licences WHERE user_id = ? AND revoked_at IS NULL", r.buyer.id), 1);
}

TEST(Ebooks, PrintOnlyAndMixedOrdersAskForTheAddressAndShipThePrintedCopies) {
    Reader r;
    const Ebook e = create_ebook(*r.db, 500);
    const int64_t print = create_book(*r.db, {1200, std::nullopt, 5});
    // Print only: the address is asked for, as before.
    ASSERT_EQ(add_to_cart(r.client, print, 1).status, 303);
    auto page = r.client.get("/checkout");
    EXPECT_NE(page.body.find("name=\"line1\""), std::string::npos);
    auto refused = r.client.post_form("/checkout", {{"_csrf", csrf_from(page.body)},
                                                    {"idempotency_key", idempotency_key_from(page.body)},
                                                    {"address_choice", "new"}, {"shipping_method", "standard"}});
    EXPECT_EQ(refused.status, 422) << "a printed copy needs an address";

    // Mixed: the ebook of another book joins; the address and shipping stay.
    ASSERT_EQ(add_ebook_to_cart(r.client, e.book_id).status, 303);
    page = r.client.get("/checkout");
    EXPECT_NE(page.body.find("name=\"line1\""), std::string::npos);
    EXPECT_NE(page.body.find("your library"), std::string::npos);
    const auto placed = checkout(r.client);
    ASSERT_EQ(placed.status, 303) << placed.body.substr(0, 2000);
    const auto o = r.db->query_one("SELECT subtotal_cents, shipping_cents, total_cents, ship_line1, id FROM orders"
                                   " WHERE user_id = ?", r.buyer.id);
    EXPECT_EQ(o->i64(0), 1700);
    EXPECT_EQ(o->i64(1), 499) << "the printed copy ships";
    EXPECT_EQ(o->str(3), "1 Test Street");
    EXPECT_EQ(book_stock(*r.db, print), 4) << "the printed copy is held";
    ASSERT_EQ(pay(r.client, payment_ref(placed), kCardSuccess).status, 303);
    EXPECT_EQ(r.count("SELECT COUNT(*) FROM ebook_licences WHERE order_id = ?", o->i64(4)), 1);
    EXPECT_EQ(r.count("SELECT COUNT(*) FROM ebook_licences WHERE user_id = ? AND book_id = " + std::to_string(print),
                      r.buyer.id), 0);
    EXPECT_NE(r.client.get("/library").body.find("/library/files/" + std::to_string(e.epub_file)), std::string::npos);

    // One edition of a book per cart: the printed copy and the ebook of one book are refused together.
    ASSERT_EQ(add_to_cart(r.client, e.book_id, 1).status, 303);
    EXPECT_EQ(add_ebook_to_cart(r.client, e.book_id).status, 409);
}

TEST(Ebooks, CouponsAndFreeShippingApplyAsToday) {
    Reader r;
    const Ebook e = create_ebook(*r.db, 1000);
    const std::string code = "EB" + bf::crypto::hex_encode(bf::crypto::random_bytes(4));
    r.db->exec("INSERT INTO coupons (code, kind, percent_bp, created_at) VALUES (?, 'percent', 2000, ?)", code, stack_now());
    ASSERT_EQ(add_ebook_to_cart(r.client, e.book_id).status, 303);
    ASSERT_EQ(r.client.post_form("/cart/coupon", {{"_csrf", csrf_from(r.client.get("/cart").body)}, {"code", code}}).status, 303);
    ASSERT_FALSE(buy_cart_of_ebooks(r.client).empty());
    const auto o = r.db->query_one("SELECT subtotal_cents, discount_cents, shipping_cents, total_cents FROM orders"
                                   " WHERE user_id = ?", r.buyer.id);
    EXPECT_EQ(o->i64(1), 200);
    EXPECT_EQ(o->i64(2), 0);
    EXPECT_EQ(o->i64(3), 800);
}

TEST(Ebooks, ASignedLinkIsRefusedWhenExpiredAlteredOrUsedByAnotherAccount) {
    Reader r;
    const Ebook e = create_ebook(*r.db);
    buy_ebook(r, e.book_id);
    const std::string link = signed_link(r.client, e.pdf_file);
    ASSERT_EQ(link.rfind("/download/" + std::to_string(e.pdf_file) + "/", 0), 0u) << link;

    // Altered: another file, a later expiry, a changed MAC.
    const std::string tail = link.substr(link.find('/', 10));  // "/EXPIRES/MAC"
    EXPECT_EQ(r.client.get("/download/" + std::to_string(e.epub_file) + tail).status, 403);
    const auto mac_at = link.rfind('/');
    const long long expires = std::stoll(link.substr(link.find('/', 10) + 1, mac_at - link.find('/', 10) - 1));
    EXPECT_EQ(r.client.get("/download/" + std::to_string(e.pdf_file) + "/" + std::to_string(expires + 3600) +
                           link.substr(mac_at)).status, 403);
    std::string bad_mac = link;
    bad_mac.back() = bad_mac.back() == 'A' ? 'B' : 'A';
    EXPECT_EQ(r.client.get(bad_mac).status, 403);

    // Another account (who bought the same book): the link is not theirs.
    Reader other("Other Reader");
    buy_ebook(other, e.book_id);
    EXPECT_EQ(other.client.get(link).status, 403);
    // Logged out: to the login page.
    HttpClient stranger;
    EXPECT_EQ(stranger.get(link).status, 303);

    // The owner's link works now (nginx sends the bytes), and not once its time has passed.
    const auto ok = r.client.get(link);
    ASSERT_EQ(ok.status, 200);
    EXPECT_EQ(ok.body, e.pdf);
    set_clock_offset(301);
    const auto expired = r.client.get(link);
    set_clock_offset(0);
    EXPECT_EQ(expired.status, 410);
    EXPECT_NE(expired.body.find("expired"), std::string::npos);
}

TEST(Ebooks, DownloadsAreCountedAndCappedPerFilePerDay) {
    Reader r;
    const Ebook e = create_ebook(*r.db);
    const std::string number = buy_ebook(r, e.book_id);
    for (int i = 0; i < 10; ++i) {
        const auto d = download(r.client, e.pdf_file);
        ASSERT_EQ(d.status, 200) << "download " << i + 1;
        ASSERT_EQ(d.body, e.pdf);
    }
    const auto capped = download(r.client, e.pdf_file);
    EXPECT_EQ(capped.status, 429);
    EXPECT_FALSE(capped.header("retry-after").empty());
    EXPECT_NE(r.client.get("/library").body.find("limit reached today"), std::string::npos);
    // The other file has its own count; the log holds every download with its order.
    EXPECT_EQ(download(r.client, e.epub_file).status, 200);
    const int64_t order_id = r.db->query_one("SELECT id FROM orders WHERE number = ?", number)->i64(0);
    EXPECT_EQ(r.count("SELECT COUNT(*) FROM ebook_downloads WHERE order_id = ?", order_id), 11);
    // The admin sees them on the order.
    AdminConsole console;
    const auto admin_page = console.admin.get("/admin/orders/" + number);
    ASSERT_EQ(admin_page.status, 200);
    EXPECT_NE(admin_page.body.find("Ebook downloads"), std::string::npos);
    EXPECT_NE(admin_page.body.find("(personal copy)"), std::string::npos);
    // A new day (UTC) starts a new count.
    set_clock_offset(86400);
    const auto next_day = download(r.client, e.pdf_file);
    set_clock_offset(0);
    EXPECT_EQ(next_day.status, 200);
}

TEST(Ebooks, ARefundRemovesAccess) {
    Reader r;
    const Ebook e = create_ebook(*r.db);
    const std::string number = buy_ebook(r, e.book_id);
    const std::string link = signed_link(r.client, e.pdf_file);
    ASSERT_EQ(r.client.get(link).status, 200);
    const auto o = r.db->query_one("SELECT id, total_cents FROM orders WHERE number = ?", number);
    bf::store::Store store(*r.db);
    store.orders.refund(o->i64(0), {o->i64(1), false, {std::nullopt, true, "test refund"}}, stack_now());
    EXPECT_EQ(r.client.get(link).status, 403) << "a link handed out before the refund stops working";
    EXPECT_EQ(download(r.client, e.epub_file).status, 403);
    EXPECT_EQ(r.client.get("/library").body.find("/library/files/"), std::string::npos);
    // And the reader may buy it again.
    EXPECT_EQ(add_ebook_to_cart(r.client, e.book_id).status, 303);
}

TEST(Ebooks, ThePersonalEpubNamesTheBuyerAndStaysAValidEpub) {
    Reader r("Ada Lovelace-Byron");
    const Ebook e = create_ebook(*r.db);
    const std::string number = buy_ebook(r, e.book_id);
    const auto first = download(r.client, e.epub_file);
    ASSERT_EQ(first.status, 200);
    ASSERT_NE(first.body, e.epub) << "a personal copy, not the author's file";
    const std::string path = save_temp(first.body, "epub");
    const auto check = python(kCheckEpub, path);
    std::filesystem::remove(path);
    ASSERT_EQ(check.status, 0) << check.output;
    const std::string line = "Licensed to Ada Lovelace-Byron (order " + number + "). Please do not share this copy.";
    EXPECT_NE(check.output.find("RIGHTS=" + line), std::string::npos) << check.output;
    EXPECT_NE(check.output.find("PAGE=" + line), std::string::npos) << check.output;
    EXPECT_NE(check.output.find("TITLE=The Harbour Test"), std::string::npos) << check.output;
    // Made once: the second download is the same file, from the cache.
    const auto second = download(r.client, e.epub_file);
    EXPECT_EQ(second.body, first.body);
    EXPECT_EQ(r.count("SELECT COUNT(*) FROM ebook_personal_copies WHERE user_id = ?", r.buyer.id), 1);
    EXPECT_EQ(first.header("content-disposition").find("attachment"), 0u) << first.header("content-disposition");
}

TEST(Ebooks, NginxSendsTheBytesAndTheWorkerNeverReadsTheFile) {
    Reader r;
    constexpr size_t kSize = 24 << 20;
    const Ebook e = create_ebook(*r.db, 699, true, std::nullopt, kSize);
    buy_ebook(r, e.book_id);
    const std::string link = signed_link(r.client, e.pdf_file);
    const long long before = worker_rchar();
    ASSERT_GE(before, 0) << "cannot read the worker's /proc/PID/io";
    const auto d = r.client.get(link);
    const long long read = worker_rchar() - before;
    ASSERT_EQ(d.status, 200);
    ASSERT_EQ(d.body.size(), e.pdf.size());
    EXPECT_TRUE(d.body == e.pdf);
    EXPECT_LT(read, static_cast<long long>(kSize / 20)) << "the worker read " << read << " bytes for a " << kSize
                                                        << "-byte download";
    EXPECT_TRUE(d.header("x-accel-redirect").empty()) << "nginx consumes the header";
    EXPECT_EQ(d.header("accept-ranges"), "bytes") << "nginx's static module answered";
    EXPECT_FALSE(d.header("etag").empty());
    // A resume: a range request answered 206 with exactly those bytes, and not counted again.
    r.client.add_header("Range: bytes=1000-1999");
    const auto part = r.client.get(link);
    EXPECT_EQ(part.status, 206);
    EXPECT_EQ(part.body, e.pdf.substr(1000, 1000));
    EXPECT_EQ(r.count("SELECT COUNT(*) FROM ebook_downloads WHERE user_id = ?", r.buyer.id), 1);
}

TEST(Ebooks, TheFilesAreNotReachableFromOutside) {
    Reader r;
    const Ebook e = create_ebook(*r.db);
    const auto name = r.db->query_one("SELECT stored_name FROM edition_files WHERE id = ?", e.pdf_file)->str(0);
    EXPECT_EQ(r.client.get("/_ebooks/" + name).status, 404) << "the internal location answers only X-Accel-Redirect";
    EXPECT_EQ(r.client.get("/uploads/../ebooks/" + name).status / 100, 4);
    // Before buying: the library's link leads to a refusal.
    EXPECT_EQ(download(r.client, e.pdf_file).status, 403);
}

TEST(Ebooks, ASampleIsForEveryoneAndTheBookPageOffersTheEbook) {
    auto db = connect_db();
    const Ebook e = create_ebook(*db, 450);
    const std::string sample = make_pdf(700);
    const int64_t sample_id = add_edition_file(*db, e.book_id, "pdf", sample, true);
    HttpClient visitor;
    const auto got = visitor.get("/samples/" + std::to_string(sample_id));
    ASSERT_EQ(got.status, 200);
    EXPECT_EQ(got.body, sample);
    EXPECT_EQ(visitor.get("/samples/" + std::to_string(e.pdf_file)).status, 404) << "a full file is no sample";
    const auto slug = db->query_one("SELECT slug FROM books WHERE id = ?", e.book_id)->str(0);
    const auto page = visitor.get("/books/" + slug);
    EXPECT_NE(page.body.find("Add the ebook to cart"), std::string::npos);
    EXPECT_NE(page.body.find("$4.50"), std::string::npos);
    EXPECT_NE(page.body.find("/samples/" + std::to_string(sample_id)), std::string::npos);
}
