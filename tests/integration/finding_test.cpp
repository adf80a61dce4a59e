// How the shop is found: link previews and structured data on book pages, robots.txt, the paged
// sitemap, the authors index and the shop's own pages (with their admin edit form).
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <set>

#include "admin_fixtures.h"
#include "core/crypto.h"

using namespace bf::test;
using namespace std::chrono_literals;

namespace {

std::string slug_of(bf::db::Connection& db, int64_t book) {
    return db.query_one("SELECT slug FROM books WHERE id = ?", book)->str(0);
}

// Runs Python's own parser over `text` (json or xml) and answers what the snippet prints.
CommandResult parse_with_python(const std::string& text, const std::string& snippet) {
    const std::string file = "/tmp/bookfair-finding-" + bf::crypto::hex_encode(bf::crypto::random_bytes(6));
    std::ofstream(file) << text;
    auto r = run_command("/usr/bin/python3 -c '" + snippet + "' " + file + " 2>&1");
    std::remove(file.c_str());
    return r;
}

std::string first_match(const std::string& text, const std::string& pattern) {
    std::smatch m;
    return std::regex_search(text, m, std::regex(pattern)) ? m[1].str() : "";
}

std::string unescape_amp(std::string s) {
    for (size_t at = s.find("&amp;"); at != std::string::npos; at = s.find("&amp;", at + 1)) s.replace(at, 5, "&");
    return s;
}

}  // namespace

TEST(Finding, ABookPageHasADescriptionAPreviewAndValidStructuredData) {
    auto db = connect_db();
    const int64_t author = create_author(*db, "Dana \"Quill\" O'Hara");
    db->exec("UPDATE users SET slug = ? WHERE id = ?", unique_word("dana"), author);
    BookSpec spec = stocked(1250, 3);
    spec.author_id = author;
    spec.title = "Tom's \"Big\" </script><b>Night</b> & Day";
    const int64_t book = create_book(*db, spec);
    db->exec("UPDATE books SET description = ? WHERE id = ?",
             "A night in the harbour.\n\nThe \"keeper\" lights the lamp </script> as the ships come in, one by one, "
             "until the whole bay glows and every sailor knows the way home again, whatever the weather brings.",
             book);
    const std::string slug = slug_of(*db, book);
    const auto page = HttpClient().get("/books/" + slug);
    ASSERT_EQ(page.status, 200);
    const std::string& html = page.body;

    EXPECT_TRUE(contains(html, "<meta name=\"description\" content=\"A night in the harbour. The &quot;keeper&quot; lights"))
        << "the description's start, flattened and escaped";
    const std::string description = first_match(html, "<meta name=\"description\" content=\"([^\"]*)\"");
    EXPECT_TRUE(contains(description, "\xE2\x80\xA6")) << "a long description is cut: " << description;
    EXPECT_TRUE(contains(html, "<meta property=\"og:type\" content=\"book\">"));
    EXPECT_TRUE(contains(html, "<meta property=\"og:url\" content=\"" + base_url() + "/books/" + slug + "\">"));
    EXPECT_TRUE(contains(html, "<meta property=\"og:title\" content=\"Tom&#39;s &quot;Big&quot; &lt;/script&gt;"));
    EXPECT_TRUE(contains(html, "<meta property=\"og:image\" content=\"" + base_url() + "/static/img/logo-email.png\">"))
        << "no cover: the shop's picture";

    // Exactly one JSON-LD block, which the title cannot break out of, and which parses as JSON.
    const std::string json = first_match(html, "<script type=\"application/ld\\+json\">([^<]*)</script>");
    ASSERT_FALSE(json.empty()) << "the JSON-LD block ends at its own </script>";
    EXPECT_FALSE(contains(html, "<b>Night</b>")) << "the title's markup stays text";
    const auto parsed = parse_with_python(
        json, "import json,sys; d=json.load(open(sys.argv[1])); o=d[\"offers\"]; "
              "print(d[\"@type\"], d[\"name\"], d[\"author\"][\"name\"], d[\"isbn\"] != \"\", o[\"price\"], "
              "o[\"priceCurrency\"], o[\"availability\"], sep=\"|\")");
    ASSERT_EQ(parsed.status, 0) << parsed.output << "\n" << json;
    EXPECT_EQ(parsed.output, "Book|" + spec.title + "|Dana \"Quill\" O'Hara|True|12.50|USD|https://schema.org/LimitedAvailability\n");

    // Sold out: the offer says so.
    db->exec("UPDATE books SET stock = 0, slug = ? WHERE id = ?", slug + "-x", book);
    const auto out = HttpClient().get("/books/" + slug + "-x");
    EXPECT_TRUE(contains(out.body, "\"availability\": \"https:\\/\\/schema.org\\/OutOfStock\""));
}

TEST(Finding, RobotsAndAPagedSitemapListPublishedPagesOnly) {
    auto db = connect_db();
    HttpClient visitor;
    const auto robots = visitor.get("/robots.txt");
    ASSERT_EQ(robots.status, 200);
    EXPECT_TRUE(contains(robots.header("content-type"), "text/plain"));
    EXPECT_TRUE(contains(robots.body, "Sitemap: " + base_url() + "/sitemap.xml"));
    EXPECT_TRUE(contains(robots.body, "Disallow: /admin"));
    EXPECT_TRUE(contains(robots.body, "Disallow: /checkout"));

    const int64_t published = create_book(*db, stocked(900, 2));
    BookSpec draft_spec = stocked(900, 2);
    draft_spec.status = "draft";
    const int64_t draft = create_book(*db, draft_spec);

    const auto index = visitor.get("/sitemap.xml");
    ASSERT_EQ(index.status, 200);
    EXPECT_TRUE(contains(index.header("content-type"), "application/xml"));
    const auto index_check = parse_with_python(
        index.body, "import sys, xml.etree.ElementTree as E; r=E.parse(sys.argv[1]).getroot(); "
                    "print(r.tag, len(r))");
    ASSERT_EQ(index_check.status, 0) << index_check.output;
    EXPECT_TRUE(contains(index_check.output, "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"));
    EXPECT_TRUE(contains(index.body, "<loc>" + base_url() + "/sitemaps/pages</loc>"));
    // Pages of 10,000 ids each: the page holding the new book is listed.
    const std::string page_path = "/sitemaps/books/" + std::to_string(published / 10000);
    EXPECT_TRUE(contains(index.body, "<loc>" + base_url() + page_path + "</loc>"));

    const auto books = visitor.get(page_path);
    ASSERT_EQ(books.status, 200);
    const auto books_check = parse_with_python(
        books.body, "import sys, xml.etree.ElementTree as E; r=E.parse(sys.argv[1]).getroot(); print(len(r))");
    ASSERT_EQ(books_check.status, 0) << books_check.output;
    EXPECT_TRUE(contains(books.body, "<loc>" + base_url() + "/books/" + slug_of(*db, published) + "</loc><lastmod>"));
    EXPECT_FALSE(contains(books.body, slug_of(*db, draft))) << "a draft is not public";

    const auto pages = visitor.get("/sitemaps/pages");
    ASSERT_EQ(pages.status, 200);
    EXPECT_TRUE(contains(pages.body, "<loc>" + base_url() + "/pages/about</loc>"));
    EXPECT_TRUE(contains(pages.body, "<loc>" + base_url() + "/authors</loc>"));

    EXPECT_EQ(visitor.get("/sitemaps/books/999999999").status, 404);
    EXPECT_EQ(visitor.get("/sitemaps/books/x1").status, 404);
}

TEST(Finding, TheAuthorsIndexWalksEveryAuthorWithABookOnce) {
    auto db = connect_db();
    const std::string tag = unique_word("k");
    std::set<std::string> mine;
    for (int i = 0; i < 65; ++i) {  // more than a page
        const std::string name = "Aardvark " + tag + " " + std::to_string(100 + i);
        const int64_t author = create_author(*db, name);
        db->exec("UPDATE users SET slug = ? WHERE id = ?", unique_word("a"), author);
        BookSpec spec = stocked(1000, 1);
        spec.author_id = author;
        create_book(*db, spec);
        mine.insert(name);
    }
    const int64_t drafts_only = create_author(*db, "Aardvark " + tag + " drafts only");
    db->exec("UPDATE users SET slug = ? WHERE id = ?", unique_word("a"), drafts_only);
    BookSpec draft = stocked(1000, 1);
    draft.author_id = drafts_only;
    draft.status = "draft";
    create_book(*db, draft);

    HttpClient visitor;
    std::multiset<std::string> seen;
    int pages = 0;
    const std::regex entry("<a href=\"/authors/[^\"]+\">(Aardvark " + tag + " [^<]+)</a> <span class=\"muted\">1 book</span>");
    const auto walk = [&] {
        seen.clear();
        pages = 0;
        std::string path = "/authors";
        while (!path.empty() && pages < 100) {
            const auto r = visitor.get(path);
            if (r.status != 200) return false;
            ++pages;
            for (auto it = std::sregex_iterator(r.body.begin(), r.body.end(), entry); it != std::sregex_iterator(); ++it)
                seen.insert((*it)[1].str());
            path = unescape_amp(first_match(r.body, "rel=\"next\" href=\"([^\"]+)\""));
        }
        return seen.size() >= mine.size();
    };
    // A visitor's pages may come from nginx's one-second cache, filled before these authors existed
    // (by the test before, or by this one run a moment ago): walk again until they are in it.
    wait_until(walk, std::chrono::seconds(10));
    EXPECT_GE(pages, 2);
    EXPECT_EQ(seen.size(), mine.size()) << "each author once, across pages";
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), mine);
    EXPECT_TRUE(contains(visitor.get("/books").body, "<a href=\"/authors\">Authors</a>")) << "the header links the index";
    const std::string first = *mine.begin();
    const auto author_slug = db->query_one("SELECT slug FROM users WHERE display_name = ?", first)->str(0);
    EXPECT_TRUE(contains(visitor.get("/authors/" + author_slug).body,
                         "<meta name=\"description\" content=\"Books by " + first + ", sold on Bookfair by the author.\">"));
}

TEST(Finding, TheFootersPagesAreRealAndTheAdminEditsThemWithValidationAndAudit) {
    AdminConsole c;
    HttpClient visitor;
    const auto home = visitor.get("/");
    for (const std::string slug : {"about", "terms", "privacy", "shipping-returns", "contact"}) {
        EXPECT_TRUE(contains(home.body, "<a href=\"/pages/" + slug + "\">")) << slug << " in the footer";
        EXPECT_EQ(visitor.get("/pages/" + slug).status, 200) << slug;
    }
    EXPECT_EQ(visitor.get("/pages/nope").status, 404);

    // Not for readers.
    HttpClient reader;
    register_user(reader);
    EXPECT_EQ(reader.get("/admin/pages/about").status, 403);

    // From a page other than the one this test saves (a repeated run finds its own save there).
    c.db->exec("UPDATE site_pages SET title = 'Contact', body = 'Write to us.' WHERE slug = 'contact'");
    const std::string title_before = c.db->query_one("SELECT title FROM site_pages WHERE slug = 'contact'")->str(0);
    const int64_t audits_before = c.db->query_one("SELECT COUNT(*) FROM audit_log WHERE subject_type = 'site_page'"
                                                  " AND subject_id = (SELECT id FROM site_pages WHERE slug = 'contact')")->i64(0);
    const std::string form = c.admin.get("/admin/pages/contact").body;
    ASSERT_TRUE(contains(form, "name=\"body\""));
    // Without the CSRF token: refused, nothing saved.
    EXPECT_EQ(c.admin.post_form("/admin/pages/contact", {{"title", "Hacked"}, {"summary", "x"}, {"body", "x"}}).status, 403);
    // Empty title, a control character in the summary: the form comes back with both messages and the input.
    auto r = c.admin.post_form("/admin/pages/contact", {{"_csrf", csrf_from(form)}, {"title", "  "},
                                                         {"summary", std::string("Bad\x01summary")}, {"body", "Kept text"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_TRUE(contains(r.body, "Enter the page&#39;s title."));
    EXPECT_TRUE(contains(r.body, "The summary may hold letters"));
    EXPECT_TRUE(contains(r.body, ">Kept text</textarea>"));
    const auto row = c.db->query_one("SELECT id, title FROM site_pages WHERE slug = 'contact'");
    EXPECT_EQ(row->str(1), title_before) << "nothing saved";
    const int64_t id = row->i64(0);
    EXPECT_EQ(audit_count(*c.db, "site_page", id), audits_before);

    // As a browser sends a textarea: CRLF line breaks.
    const std::string body = "Write to us any day.\r\n\r\nOr call <b>+1 555 0100</b> & ask for Ann.";
    r = c.admin.post_form("/admin/pages/contact", {{"_csrf", csrf_from(form)}, {"title", "Contact us"},
                                                    {"summary", "How to reach us."}, {"body", body}});
    EXPECT_EQ(r.status, 303);
    const auto page = visitor.get("/pages/contact");
    EXPECT_TRUE(contains(page.body, "<h1>Contact us</h1>"));
    EXPECT_TRUE(contains(page.body, "<p>Write to us any day.</p>"));
    EXPECT_TRUE(contains(page.body, "<p>Or call &lt;b&gt;+1 555 0100&lt;/b&gt; &amp; ask for Ann.</p>")) << "text, not markup";
    EXPECT_TRUE(contains(page.body, "<meta name=\"description\" content=\"How to reach us.\">"));
    EXPECT_EQ(c.db->query_one("SELECT body FROM site_pages WHERE id = ?", id)->str(0), body) << "kept byte for byte";
    EXPECT_TRUE(contains(c.admin.get("/admin/pages/contact").body,
                         ">Write to us any day.\r\n\r\nOr call &lt;b&gt;+1 555 0100&lt;/b&gt; &amp; ask for Ann.</textarea>"))
        << "the form gives the text back as saved, so the next save keeps it";
    const auto audit = last_audit(*c.db, "site_page", id);
    ASSERT_TRUE(audit);
    EXPECT_EQ(audit->action, "site_page.update");
    EXPECT_EQ(audit->actor_id, c.admin_id);
    EXPECT_TRUE(contains(audit->after, "Contact us"));
    EXPECT_TRUE(contains(c.admin.get("/admin/pages/contact").body, "site_page.update"));
}

// #13: an author whose books the sales seed made (as `scripts/up` does for the demo login) is on
// /authors with a page of their own, like one who added books through the dashboard.
TEST(Finding, AuthorsSeededWithSalesAreInTheIndex) {
    auto db = connect_db();
    const std::string name = "Zephyrine " + unique_word("seeded");
    const int64_t author = create_author(*db, name);
    const std::string email = db->query_one("SELECT email FROM users WHERE id = ?", author)->str(0);
    const auto seeded = run_command(std::string(BOOKFAIR_ADMIN_BINARY) + " --config " + std::getenv("BOOKFAIR_CONFIG") +
                                    " seed --sales 30 --author " + email + " 2>&1");
    ASSERT_EQ(seeded.status, 0) << seeded.output;
    const auto slug = db->query_one("SELECT slug FROM users WHERE id = ?", author);
    ASSERT_FALSE(slug->is_null(0)) << "the seeded author has a public page";
    HttpClient visitor;
    std::string found;
    // A visitor's pages may come from nginx's one-second cache (the walk above read them a moment ago).
    auto walk = [&] {
        std::string path = "/authors";
        found.clear();
        for (int pages = 0; !path.empty() && found.empty() && pages < 100; ++pages) {
            const auto r = visitor.get(path);
            if (r.status != 200) return false;
            found = first_match(r.body, "<a href=\"(/authors/[^\"]+)\">" + name + "</a>");
            path = unescape_amp(first_match(r.body, "rel=\"next\" href=\"([^\"]+)\""));
        }
        return !found.empty();
    };
    EXPECT_TRUE(wait_until(walk, 10s));
    EXPECT_EQ(found, "/authors/" + slug->str(0));
    EXPECT_EQ(visitor.get(found).status, 200);
}
