// The catalogue through real nginx, the worker and MariaDB: search, filters, sorts, keyset
// pages, drafts, authors' rights, covers, escaping, caching, views and the EXPLAIN of every query.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <set>

#include "core/clock.h"
#include "core/text.h"
#include "catalog_fixtures.h"
#include "harness.h"
#include "store/catalog_seed.h"
#include "store/store.h"

using namespace bf::test;
using bf::store::BookInput;
using bf::store::BookSort;

namespace {

bf::Time now() { return bf::SystemClock().now(); }

// Registers an author through the site and answers their user id.
int64_t register_author(HttpClient& client, CatalogDb& c, const std::string& name = "Site Author") {
    const std::string email = register_user(client, "author", name);
    return c.db->query_one("SELECT id FROM users WHERE email = ?", email)->i64(0);
}

std::string multipart(const std::string& boundary, const std::vector<std::pair<std::string, std::string>>& fields,
                      const std::string& file_name, const std::string& file_type, const std::string& file_data) {
    std::string body;
    for (const auto& [k, v] : fields)
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"cover\"; filename=\"" + file_name +
            "\"\r\nContent-Type: " + file_type + "\r\n\r\n" + file_data + "\r\n--" + boundary + "--\r\n";
    return body;
}

std::vector<std::pair<std::string, std::string>> book_fields(const std::string& title, const std::string& category) {
    return {{"title", title},          {"description", "Written for a test."}, {"category", category},
            {"language", "en"},        {"price", "12.50"},                      {"currency", "USD"},
            {"stock", "7"},            {"stock_seen", "0"},                     {"low_stock_threshold", "3"},
            {"tags", "testing, forms"}};
}

// A real 1x1 PNG.
const std::string kPng = std::string(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01"
    "\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0d\x49\x44\x41\x54\x78\x9c\x63\xf8\xcf\xc0\xf0"
    "\x1f\x00\x05\x00\x01\xff\x89\x99\x3d\x1d\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
    70);

// An author signed up through the site, on the new-book form: a category to file under and the
// form's CSRF token.
struct AuthorAtTheBookForm {
    CatalogDb c;
    HttpClient author;
    std::string category, token;
    AuthorAtTheBookForm() {
        register_author(author, c);
        category = c.category_slug(c.category());
        token = csrf_from(author.get("/dashboard/books/new").body);
    }
};

// A real, small file system (tmpfs with a size limit) mounted over a folder for one test, and
// unmounted again however the test ends. scripts/test unmounts one left by a killed test.
class SmallDisk {
public:
    SmallDisk(std::filesystem::path dir, size_t kilobytes) : dir_(std::move(dir)) {
        std::filesystem::create_directories(dir_);
        const auto r = run_command("mount -t tmpfs -o size=" + std::to_string(kilobytes) + "k,mode=0755 bookfair-small-disk '" +
                                   dir_.string() + "' 2>&1");
        mounted_ = r.status == 0;
        EXPECT_TRUE(mounted_) << "mount failed (the test needs root and tmpfs): " << r.output;
    }
    ~SmallDisk() {
        if (mounted_) EXPECT_EQ(run_command("umount '" + dir_.string() + "' 2>&1").status, 0);
    }
    SmallDisk(const SmallDisk&) = delete;
    SmallDisk& operator=(const SmallDisk&) = delete;
    bool mounted() const { return mounted_; }

    // Fills the disk with one file until the file system refuses more, then gives `leave_bytes` back.
    void fill(size_t leave_bytes = 0) {
        {
            std::ofstream filler(filler_path(), std::ios::binary | std::ios::trunc);
            const std::string block(4096, 'x');
            while (filler.write(block.data(), block.size())) {}
        }
        const auto size = std::filesystem::file_size(filler_path());
        std::filesystem::resize_file(filler_path(), size > leave_bytes ? size - leave_bytes : 0);
    }
    void make_room() { std::filesystem::remove(filler_path()); }
    // Every file on the disk but the filler.
    std::vector<std::string> files() const {
        std::vector<std::string> names;
        for (const auto& e : std::filesystem::directory_iterator(dir_))
            if (e.path() != filler_path()) names.push_back(e.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }

private:
    std::filesystem::path filler_path() const { return dir_ / "filler"; }
    std::filesystem::path dir_;
    bool mounted_ = false;
};

}  // namespace

TEST(Catalog, SearchFindsATitleWordATagAndAPrefix) {
    CatalogDb c;
    const std::string title_word = unique_word(), tag_word = unique_word();
    BookInput in = titled("The " + title_word + " Orchard");
    in.tags = {tag_word, "gardening"};
    const std::string slug = c.book(c.author(), c.category(), in);
    wait_for_search_index();
    HttpClient client;
    EXPECT_TRUE(contains(slugs_on(client.get("/books?q=" + title_word).body), slug));
    EXPECT_TRUE(contains(slugs_on(client.get("/books?q=" + bf::to_upper(tag_word)).body), slug)) << "by a tag";
    EXPECT_TRUE(contains(slugs_on(client.get("/books?q=" + title_word.substr(0, 6)).body), slug)) << "by a prefix";
    const auto none = client.get("/books?q=" + title_word + "+" + unique_word());
    EXPECT_TRUE(slugs_on(none.body).empty()) << "every word is required";
    EXPECT_NE(none.body.find("No books"), std::string::npos);
}

TEST(Catalog, HostileSearchStringsAnswer200) {
    std::string junk;
    const std::string alphabet = "+-<>()~*\"@'%;\\/ éß漢\t";
    for (int i = 0; i < 1000; ++i) junk += alphabet[static_cast<size_t>(i * 7) % alphabet.size()];
    while (!bf::is_valid_utf8(junk)) junk.pop_back();
    const std::vector<std::string> hostile = {
        "\"",  "\"unterminated phrase", "+-><()~*:\"\"@", "' OR 1=1 --", "*", "+", "-a -b -c", "(((((", "a*b*c*",
        "\\",  "@3 \"x y\"@4",         "%", "NULL", "<script>alert(1)</script>", junk, std::string(1000, '*'),
        std::string(1000, 'x')};
    HttpClient client;
    for (const auto& q : hostile) {
        const auto r = client.get("/books?q=" + bf::url_encode(q));
        EXPECT_EQ(r.status, 200) << q.substr(0, 60);
        EXPECT_NE(r.body.find("results__count"), std::string::npos) << q.substr(0, 60);
        EXPECT_EQ(r.body.find("<script>alert(1)</script>"), std::string::npos);
    }
    EXPECT_EQ(client.get("/books?after=not-a-cursor&sort=price_asc").status, 200);
    EXPECT_EQ(client.get("/books?min=abc&max=-5&sort=nonsense&lang=xx&category=none").status, 200);
}

TEST(Catalog, FiltersAndEverySortOrder) {
    CatalogDb c;
    const int64_t parent = c.category(), child = c.category(parent), author = c.author();
    const std::string word = unique_word();
    const bf::Time t = now();
    BookInput a = titled("Alpha " + word, 1000, 50);
    BookInput b = titled("Beta", 2000, 0);
    b.sale_price = 1500;
    b.tags = {word};
    BookInput d = titled("Delta", 3000, 8);
    d.language = "fr";
    d.subtitle = word;
    const std::string sa = c.book(author, parent, a, t.plus_seconds(-30));
    const std::string sb = c.book(author, child, b, t.plus_seconds(-20));
    const std::string sd = c.book(author, parent, d, t.plus_seconds(-10));
    c.db->exec("UPDATE books SET sell_count = ?, rating_avg = ?, rating_count = 3 WHERE slug = ?", 5, "4.50", sa);
    c.db->exec("UPDATE books SET sell_count = ?, rating_avg = ?, rating_count = 3 WHERE slug = ?", 50, "3.20", sb);
    c.db->exec("UPDATE books SET sell_count = ?, rating_avg = ?, rating_count = 3 WHERE slug = ?", 20, "4.90", sd);
    wait_for_search_index();

    HttpClient client;
    const std::string in_parent = "/books?category=" + c.category_slug(parent);
    auto list = [&](const std::string& url) { return slugs_on(client.get(url).body); };
    using V = std::vector<std::string>;
    EXPECT_EQ(list(in_parent + "&sort=newest"), (V{sd, sb, sa})) << "subcategories included";
    EXPECT_EQ(list("/books?category=" + c.category_slug(child)), (V{sb}));
    EXPECT_EQ(list(in_parent + "&min=12&max=25"), (V{sb})) << "the sale price is what counts";
    EXPECT_EQ(list(in_parent + "&min=25&max=12"), (V{sb})) << "a range given the wrong way round still finds";
    EXPECT_NE(client.get(in_parent + "&min=25&max=12").body.find("the other way round"), std::string::npos)
        << "and says so";
    EXPECT_EQ(list(in_parent + "&stock=1&sort=newest"), (V{sd, sa}));
    EXPECT_EQ(list(in_parent + "&lang=fr"), (V{sd}));
    EXPECT_EQ(list(in_parent + "&sort=price_asc"), (V{sa, sb, sd}));
    EXPECT_EQ(list(in_parent + "&sort=price_desc"), (V{sd, sb, sa}));
    EXPECT_EQ(list(in_parent + "&sort=bestselling"), (V{sb, sd, sa}));
    EXPECT_EQ(list(in_parent + "&sort=rating"), (V{sd, sa, sb}));
    EXPECT_EQ(list(in_parent + "&q=" + word + "&sort=relevance"), (V{sa, sb, sd})) << "title 4, tag 2, subtitle 1";
    const auto page = client.get(in_parent + "&q=" + word);
    EXPECT_NE(page.body.find("3 books"), std::string::npos);
    EXPECT_NE(page.body.find("value=\"relevance\" selected"), std::string::npos) << "a search sorts by relevance";
}

TEST(Catalog, PagesReturnEveryBookOnceWhileBooksAreAdded) {
    CatalogDb c;
    const int64_t category = c.category(), author = c.author();
    const std::string slug = c.category_slug(category);
    const bf::Time t = now();
    std::set<std::string> originals;
    for (int i = 0; i < 45; ++i) {
        BookInput in = titled("Paged " + std::to_string(i), 1000 + (i * 37 % 45) * 100);
        originals.insert(c.book(author, category, in, t.plus_seconds(-1000 + i)));
    }
    c.db->exec("UPDATE books b JOIN (SELECT id FROM books WHERE category_id = ?) x ON x.id = b.id"
               " SET b.sell_count = (b.id * 7) % 40", category);
    HttpClient client;
    int added = 0;
    for (const char* sort : {"newest", "price_asc", "price_desc", "bestselling"}) {
        std::map<std::string, int> seen;
        std::string url = "/books?category=" + slug + "&sort=" + sort;
        int pages = 0;
        while (!url.empty() && pages < 10) {
            const auto r = client.get(url);
            ASSERT_EQ(r.status, 200);
            for (const auto& s : slugs_on(r.body)) ++seen[s];
            url = next_link(r.body);
            ++pages;
            // Books land in the middle of every order between two page loads.
            ++added;
            BookInput in = titled("Inserted " + std::to_string(added), 1000 + (added % 45) * 100);
            const std::string s = c.book(author, category, in, t.plus_seconds(-1000 + added % 45));
            c.db->exec("UPDATE books SET sell_count = ? WHERE slug = ?", added % 40, s);
        }
        EXPECT_GE(pages, 3) << sort;
        for (const auto& o : originals) EXPECT_EQ(seen[o], 1) << sort << ": " << o;
        for (const auto& [s, n] : seen) EXPECT_EQ(n, 1) << sort << ": " << s << " shown twice";
    }
}

TEST(Catalog, PreviousPageLinksWalkBackToTheSamePages) {
    CatalogDb c;
    const int64_t category = c.category(), author = c.author();
    const std::string word = unique_word();
    const bf::Time t = now();
    for (int i = 0; i < 50; ++i) {
        BookInput in = titled((i % 3 ? "Story " : word + " ") + std::to_string(i), 1000 + (i * 13 % 50) * 100);
        in.tags = {word};
        c.book(author, category, in, t.plus_seconds(-1000 + i));
    }
    wait_for_search_index();
    HttpClient client;
    for (const std::string list : {"/books?category=" + c.category_slug(category) + "&sort=price_asc",
                                   "/books?q=" + word + "&sort=relevance", "/books?q=" + word + "&sort=newest"}) {
        // Forward to the last page, then back through the rel="prev" links: the same pages, in reverse.
        std::vector<std::vector<std::string>> forward;
        std::string url = list, back;
        while (!url.empty() && forward.size() < 10) {
            const auto r = client.get(url);
            ASSERT_EQ(r.status, 200) << url;
            forward.push_back(slugs_on(r.body));
            EXPECT_EQ(page_link(r.body, "prev").empty(), forward.size() == 1) << "a previous link from page 2 on: " << url;
            EXPECT_NE(r.body.find("50 books"), std::string::npos) << url;
            url = next_link(r.body);
            back = page_link(r.body, "prev");
        }
        ASSERT_EQ(forward.size(), 3u) << list;
        url = back;
        for (size_t page = forward.size() - 1; page-- > 0;) {
            ASSERT_FALSE(url.empty()) << list << " page " << page;
            const auto r = client.get(url);
            EXPECT_EQ(slugs_on(r.body), forward[page]) << list << " page " << page;
            url = page_link(r.body, "prev");
        }
        EXPECT_TRUE(url.empty()) << "the first page has no previous page: " << list;
    }
}

TEST(Catalog, DraftsAndArchivedBooksAreHidden) {
    CatalogDb c;
    HttpClient author;
    register_author(author, c);
    const std::string word = unique_word();
    auto created = author.submit("/dashboard/books/new", "/dashboard/books",
                                 book_fields("Draft " + word, c.category_slug(c.category())));
    ASSERT_EQ(created.status, 303) << created.body;
    const std::string edit = created.header("location");
    const auto row = c.db->query_one("SELECT slug, status FROM books WHERE title = ?", "Draft " + word);
    ASSERT_TRUE(row);
    EXPECT_EQ(row->str(1), "draft");
    HttpClient reader;
    EXPECT_EQ(reader.get("/books/" + row->str(0)).status, 404);
    EXPECT_TRUE(slugs_on(reader.get("/books?q=" + word).body).empty());

    const auto publish = author.submit("/dashboard/books", edit + "/status", {{"action", "publish"}});
    EXPECT_EQ(publish.status, 303);
    EXPECT_EQ(reader.get("/books/" + row->str(0)).status, 200);
    EXPECT_EQ(author.submit("/dashboard/books", edit + "/status", {{"action", "archive"}}).status, 303);
    // nginx may serve the published page from its microcache for up to a second.
    EXPECT_TRUE(wait_until([&] { return reader.get("/books/" + row->str(0)).status == 404; }, std::chrono::seconds(3)));
    EXPECT_TRUE(slugs_on(reader.get("/books?q=" + word + "&sort=newest").body).empty());
}

TEST(Catalog, AnotherAuthorsBookIs403AndUnchanged) {
    CatalogDb c;
    HttpClient owner, other;
    register_author(owner, c, "Owner");
    register_author(other, c, "Other");
    const std::string title = "Mine " + unique_word();
    const auto created = owner.submit("/dashboard/books/new", "/dashboard/books", book_fields(title, c.category_slug(c.category())));
    ASSERT_EQ(created.status, 303);
    const std::string edit = created.header("location");
    EXPECT_EQ(other.get(edit).status, 403);
    auto fields = book_fields("Stolen", c.category_slug(c.category()));
    EXPECT_EQ(other.submit("/dashboard/books/new", edit, fields).status, 403);
    EXPECT_EQ(other.submit("/dashboard/books/new", edit + "/status", {{"action", "publish"}}).status, 403);
    const auto row = c.db->query_one("SELECT title, status FROM books WHERE title = ?", title);
    ASSERT_TRUE(row) << "the title did not change";
    EXPECT_EQ(row->str(1), "draft");
    HttpClient reader;
    register_user(reader, "customer");
    EXPECT_EQ(reader.get("/dashboard/books").status, 403) << "readers have no dashboard";
    EXPECT_EQ(owner.get(edit).status, 200);
}

TEST(Catalog, FormErrorsKeepTheInputAndEditKeepsSalesMadeMeanwhile) {
    CatalogDb c;
    HttpClient author;
    register_author(author, c);
    const std::string category = c.category_slug(c.category());
    auto fields = book_fields("Kept title", category);
    fields.emplace_back("sale_price", "20.00");
    fields.emplace_back("isbn13", "978-0-306-40615-8");
    auto r = author.submit("/dashboard/books/new", "/dashboard/books", fields);
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("lower than the regular price"), std::string::npos);
    EXPECT_NE(r.body.find("not a valid ISBN-13"), std::string::npos);
    EXPECT_NE(r.body.find("value=\"Kept title\""), std::string::npos);

    fields = book_fields("Stocked " + unique_word(), category);
    fields.emplace_back("isbn13", "978-0-306-40615-7");
    fields.emplace_back("sale_price", "9.99");
    r = author.submit("/dashboard/books/new", "/dashboard/books", fields);
    ASSERT_EQ(r.status, 303) << r.body;
    const std::string edit = r.header("location");
    const int64_t id = std::stoll(edit.substr(edit.rfind('/') + 1));
    const auto form = author.get(edit);
    c.db->exec("UPDATE books SET stock = stock - 2 WHERE id = ?", id);  // two copies sold meanwhile
    auto update = book_fields("Stocked, edited", category);
    for (auto& [k, v] : update)
        if (k == "stock") v = "10";
        else if (k == "stock_seen") v = "7";
    update.emplace_back("_csrf", csrf_from(form.body));
    EXPECT_EQ(author.post_form(edit, update).status, 303);
    const auto row = c.db->query_one("SELECT stock, title, sale_price_cents FROM books WHERE id = ?", id);
    EXPECT_EQ(row->i64(0), 8) << "7 seen, 10 wanted: +3 on the 5 left";
    EXPECT_EQ(row->str(1), "Stocked, edited");
    EXPECT_TRUE(row->is_null(2)) << "an empty sale price ends the sale";
}

TEST(Catalog, CoverUploadChecksTheBytesNotTheName) {
    AuthorAtTheBookForm form;
    CatalogDb& c = form.c;
    HttpClient& author = form.author;
    const std::string &category = form.category, &token = form.token;
    auto fields = book_fields("Covered " + unique_word(), category);
    fields.emplace_back("_csrf", token);
    const std::string b = "----bookfair-test";
    const auto before = c.db->query_one("SELECT COUNT(*) FROM books")->i64(0);
    auto r = author.request("POST", "/dashboard/books",
                            multipart(b, fields, "cover.jpg", "image/jpeg", "this is plain text, not a picture"),
                            "multipart/form-data; boundary=" + b);
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("must be a JPEG, PNG or WebP image"), std::string::npos);
    r = author.request("POST", "/dashboard/books",
                       multipart(b, fields, "big.png", "image/png", kPng + std::string((5 << 20) + 10, '\0')),
                       "multipart/form-data; boundary=" + b);
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("at most 5 MB"), std::string::npos);
    EXPECT_EQ(c.db->query_one("SELECT COUNT(*) FROM books")->i64(0), before) << "nothing was created";

    r = author.request("POST", "/dashboard/books", multipart(b, fields, "cover.txt", "text/plain", kPng),
                       "multipart/form-data; boundary=" + b);
    ASSERT_EQ(r.status, 303) << r.body;
    const std::string edit = r.header("location");
    const auto path = c.db->query_one("SELECT cover_path FROM books WHERE id = ?",
                                      std::stoll(edit.substr(edit.rfind('/') + 1)))->str(0);
    EXPECT_TRUE(std::regex_match(path, std::regex("covers/[A-Za-z0-9_-]{24}\\.png"))) << path;
    const auto served = author.get("/uploads/" + path);
    EXPECT_EQ(served.status, 200);
    EXPECT_EQ(served.body, kPng) << "nginx serves the stored bytes";
    EXPECT_EQ(served.header("content-type"), "image/png");

    // A book the store refuses (its ISBN is another book's) leaves no cover file behind.
    const std::string isbn = "9780306406157";
    c.db->exec("UPDATE books SET isbn13 = NULL WHERE isbn13 = ?", isbn);
    c.db->exec("UPDATE books SET isbn13 = ? WHERE cover_path = ?", isbn, path);
    const auto covers_dir = std::filesystem::path(config().get("uploads_dir")) / "covers";
    auto files = [&] { return std::distance(std::filesystem::directory_iterator(covers_dir), {}); };
    const auto files_before = files();
    auto taken = book_fields("Covered again " + unique_word(), category);
    taken.emplace_back("isbn13", isbn);
    taken.emplace_back("_csrf", token);
    r = author.request("POST", "/dashboard/books", multipart(b, taken, "cover.png", "image/png", kPng),
                       "multipart/form-data; boundary=" + b);
    EXPECT_EQ(r.status, 422) << r.body.substr(0, 300);
    EXPECT_NE(r.body.find("already has this ISBN"), std::string::npos);
    EXPECT_EQ(files(), files_before) << "the refused book's cover was removed again";
}

// A full uploads disk (a real 256 KB file system over uploads/covers): the cover is refused with a
// clear message on the form as the author sent it (507), no book is created or changed, no half-
// written file stays, and once there is room the same form goes through.
TEST(Catalog, AFullUploadsDiskRefusesTheCoverAndLosesNothing) {
    AuthorAtTheBookForm form;
    CatalogDb& c = form.c;
    HttpClient& author = form.author;
    const std::string &category = form.category, &token = form.token;
    const std::string b = "----bookfair-test";
    const std::string type = "multipart/form-data; boundary=" + b;
    auto fields = book_fields("Full disk " + unique_word(), category);
    fields.emplace_back("_csrf", token);
    const std::string big_cover = kPng + std::string(100 << 10, '\x7f');  // a PNG's signature is all the shop checks

    SmallDisk disk(std::filesystem::path(config().get("uploads_dir")) / "covers", 256);
    ASSERT_TRUE(disk.mounted());
    // A book with a cover stored while there was room, to be edited on the full disk below.
    auto r = author.request("POST", "/dashboard/books", multipart(b, fields, "first.png", "image/png", kPng), type);
    ASSERT_EQ(r.status, 303) << r.body.substr(0, 300);
    const std::string edit = r.header("location");
    const int64_t id = std::stoll(edit.substr(edit.rfind('/') + 1));
    const std::string cover = c.db->query_one("SELECT cover_path FROM books WHERE id = ?", id)->str(0);
    const auto books_before = c.db->query_one("SELECT COUNT(*) FROM books")->i64(0);
    const auto files_before = disk.files();

    const auto refused = [&](const HttpResponse& response, const std::string& what) {
        EXPECT_EQ(response.status, 507) << what << ": " << response.body.substr(0, 300);
        EXPECT_NE(response.body.find("our space for uploads is full"), std::string::npos) << what;
        EXPECT_NE(response.body.find(fields[0].second), std::string::npos) << what << ": the form keeps the title typed";
        EXPECT_EQ(disk.files(), files_before) << what << ": no file, whole or partial, stays behind";
        EXPECT_EQ(c.db->query_one("SELECT COUNT(*) FROM books")->i64(0), books_before) << what << ": no book created";
    };
    // Some room left, less than the cover: the write stops midway.
    disk.fill(32 << 10);
    refused(author.request("POST", "/dashboard/books", multipart(b, fields, "big.png", "image/png", big_cover), type),
            "a new book, 100 KB cover, 32 KB free");
    // No room at all and a 70-byte cover: the full disk shows only when the data is flushed.
    disk.fill(0);
    refused(author.request("POST", "/dashboard/books", multipart(b, fields, "small.png", "image/png", kPng), type),
            "a new book, 70-byte cover, nothing free");
    auto changed = fields;
    changed[0].second = "Renamed on a full disk " + unique_word();
    r = author.request("POST", edit, multipart(b, changed, "new.png", "image/png", kPng), type);
    EXPECT_EQ(r.status, 507) << r.body.substr(0, 300);
    EXPECT_NE(r.body.find(changed[0].second), std::string::npos) << "the edit form keeps the new title typed";
    const auto row = c.db->query_one("SELECT title, cover_path FROM books WHERE id = ?", id);
    EXPECT_EQ(row->str(0), fields[0].second) << "the book is unchanged";
    EXPECT_EQ(row->str(1), cover) << "and keeps its cover";
    EXPECT_EQ(author.get("/uploads/" + cover).body, kPng) << "whose file is still served whole";
    EXPECT_EQ(disk.files(), files_before);

    // Room again: the same form goes through, and the whole cover is served.
    disk.make_room();
    r = author.request("POST", "/dashboard/books", multipart(b, fields, "big.png", "image/png", big_cover), type);
    ASSERT_EQ(r.status, 303) << r.body.substr(0, 300);
    const auto stored = c.db->query_one("SELECT cover_path FROM books WHERE id = ?",
                                        std::stoll(r.header("location").substr(r.header("location").rfind('/') + 1)))->str(0);
    EXPECT_EQ(author.get("/uploads/" + stored).body, big_cover);
}

TEST(Catalog, TitleWithMarkupIsEscaped) {
    CatalogDb c;
    const std::string word = unique_word();
    const std::string slug = c.book(c.author("<b>Bold</b> Author"), c.category(),
                                    titled("<img src=x onerror=alert(1)> " + word));
    wait_for_search_index();
    HttpClient client;
    for (const std::string& url : {"/books/" + slug, "/books?q=" + word}) {
        const auto r = client.get(url);
        ASSERT_EQ(r.status, 200) << url;
        EXPECT_EQ(r.body.find("<img src=x onerror"), std::string::npos) << url;
        EXPECT_NE(r.body.find("&lt;img src=x onerror=alert(1)&gt;"), std::string::npos) << url;
        EXPECT_EQ(r.body.find("<b>Bold</b>"), std::string::npos) << url;
    }
}

TEST(Catalog, AnonymousPagesAreCachedAndPersonalOnesAreNot) {
    CatalogDb c;
    const std::string word = unique_word();
    const std::string slug = c.book(c.author(), c.category(), titled("Cached " + word));
    HttpClient anonymous;
    const auto first = anonymous.get("/books?q=" + word);
    EXPECT_TRUE(first.set_cookies().empty()) << "an anonymous page sets no cookie";
    EXPECT_EQ(first.header("cache-control"), "");
    const auto second = anonymous.get("/books?q=" + word);
    EXPECT_EQ(second.header("x-cache"), "HIT");
    const auto book = anonymous.get("/books/" + slug);
    EXPECT_TRUE(book.set_cookies().empty());
    EXPECT_NE(book.body.find("action=\"/cart/items\""), std::string::npos);
    EXPECT_EQ(book.body.find("name=\"_csrf\""), std::string::npos) << "no token for a guest: it would need a cookie";

    HttpClient reader;
    register_user(reader, "customer", "Cache Reader");
    const auto mine = reader.get("/books/" + slug);
    EXPECT_EQ(mine.header("x-cache"), "BYPASS");
    EXPECT_NE(mine.header("cache-control").find("no-store"), std::string::npos);
    EXPECT_NE(mine.body.find("Cache Reader"), std::string::npos);
    EXPECT_NE(mine.body.find("name=\"_csrf\""), std::string::npos);
}

TEST(Catalog, ViewsAreCountedWithoutTheBookRowLockAndFoldedLater) {
    CatalogDb c;
    const std::string slug = c.book(c.author(), c.category(), titled("Viewed " + unique_word()));
    const int64_t id = c.id_of(slug);
    HttpClient client;
    const auto page = client.get("/books/" + slug);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(page.body, m, std::regex("src=\"(/books/\\d+/seen\\?k=[^\"]+)\"")));
    const std::string beacon = m[1].str();
    for (int i = 0; i < 3; ++i) EXPECT_EQ(client.get(beacon).status, 200);  // one visitor: one view (#12.12)
    for (int i = 0; i < 2; ++i) EXPECT_EQ(HttpClient().get(beacon).status, 200);
    EXPECT_EQ(client.get("/books/" + std::to_string(id) + "/seen?k=forged").status, 200);
    auto pending = [&] {
        const auto row = c.db->query_one("SELECT pending FROM book_view_counts WHERE book_id = ?", id);
        return row ? row->i64(0) : 0;
    };
    EXPECT_TRUE(wait_until([&] { return pending() >= 3; }, std::chrono::seconds(5)));

    // Someone holds the book's row (as checkout does); page views must not wait for it.
    auto locker = connect_db();
    locker->transaction([&] {
        locker->query("SELECT id FROM books WHERE id = ? FOR UPDATE", id);
        const auto start = std::chrono::steady_clock::now();
        EXPECT_EQ(HttpClient().get("/books/" + slug).status, 200);
        EXPECT_EQ(HttpClient().get(beacon).status, 200);
        EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
        EXPECT_TRUE(wait_until([&] { return pending() >= 4; }, std::chrono::seconds(5)));
    });
    EXPECT_EQ(pending(), 4) << "the forged key counted nothing";
    c.store.catalog.fold_views(now());
    EXPECT_EQ(c.db->query_one("SELECT view_count FROM books WHERE id = ?", id)->i64(0), 4);
    EXPECT_EQ(pending(), 0);
}

TEST(Catalog, EveryCatalogQueryUsesAnIndex) {
    CatalogDb c;
    // Enough rows that the optimizer's choices are the ones it makes on a real catalogue.
    if (c.db->query_one("SELECT COUNT(*) FROM books WHERE status = 'published'")->i64(0) < 3000)
        bf::store::seed_books(*c.db, 3000, now());
    c.db->execute_script("ANALYZE TABLE books, categories, category_closure, users");

    std::vector<std::pair<std::string, std::vector<bf::db::Param>>> seen;
    auto watched = connect_db();
    watched->set_observer([&](std::string_view sql, const std::vector<bf::db::Param>& params) {
        if (bf::starts_with(sql, "SELECT") || bf::starts_with(sql, "(SELECT")) seen.emplace_back(std::string(sql), params);
    });
    bf::store::Store store(*watched);
    const auto tree = store.catalog.categories();
    const int64_t root = tree.children(std::nullopt).front()->id;
    const auto any = store.catalog.search({});
    ASSERT_FALSE(any.books.empty());
    const auto& book = any.books.front();
    for (BookSort sort : {BookSort::Relevance, BookSort::BestSelling, BookSort::Newest, BookSort::PriceLow,
                          BookSort::PriceHigh, BookSort::Rating}) {
        for (const std::string text : {"", "lantern", "garden har"}) {
            bf::store::BookQuery q;
            q.sort = sort;
            q.text = text;
            const auto first = store.catalog.search(q);
            q.after = first.next_cursor;
            const auto second = store.catalog.search(q);
            q.after.clear();
            q.before = second.prev_cursor;
            store.catalog.search(q);
            q.before.clear();
            q.category_id = root;
            q.min_price = 500;
            q.max_price = 3000;
            q.in_stock_only = true;
            q.language = "en";
            store.catalog.search(q);
            q = {};
            q.sort = sort;
            q.author_id = book.author_id;
            store.catalog.search(q);
        }
    }
    store.catalog.find_published(book.slug);
    store.catalog.related(book, 4);
    store.catalog.shelves(6);
    store.catalog.find_author(book.author_slug);
    store.catalog.dashboard(book.author_id, 500);
    store.catalog.dashboard(std::nullopt, 500);
    store.catalog.find(book.id);
    ASSERT_GT(seen.size(), 50u);

    for (const auto& [sql, params] : seen) {
        const auto plan = c.db->query_params("EXPLAIN " + sql, params);
        std::string summary;  // id, table, access type, index: what a failure prints
        for (const auto& row : plan)
            summary += "\n  " + row.str(0) + " " + row.str(2) + " " + row.str(3) + " " + row.str(5) + " " + row.str(9);
        for (const auto& row : plan) {
            const std::string table = row.str(2), type = row.str(3);
            if (table.empty() || table[0] == '<') continue;  // derived tables and UNION results
            EXPECT_NE(type, "ALL") << "full scan of " << table << " in: " << sql << summary;
        }
    }
}

// A book in a category made a moment ago names its category at once: the worker reads its cached
// category tree again when the tree lacks the book's category (it showed an empty link for up to a
// second, which the browser tests' accessibility check caught).
TEST(Catalog, ABookInACategoryMadeAMomentAgoNamesIt) {
    CatalogDb c;
    HttpClient anonymous;
    ASSERT_EQ(anonymous.get("/books?q=" + unique_word()).status, 200);  // the worker holds the tree now
    const std::string name = "Fresh " + unique_word();
    const int64_t category = c.category(std::nullopt, name);
    const std::string slug = c.book(c.author(), category, titled("Newly Shelved " + unique_word()));
    const auto page = anonymous.get("/books/" + slug);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("<dd><a href=\"/categories/" + c.category_slug(category) + "\">" + name + "</a></dd>"),
              std::string::npos);
    EXPECT_EQ(page.body.find("href=\"\""), std::string::npos) << "no empty link";
}
