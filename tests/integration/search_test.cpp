// Search through the search index (Xapian) kept by bookfair-indexer: every kind of change reaching
// the index through the change log, a kill -9 of the indexer mid-drain, a rebuild while readers
// search, stemming, spelling, split and joined words, facets, filters and sorts, authors and
// categories found by name (#13), and the database fallback when there is no index.
#include <gtest/gtest.h>
#include <xapian.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "core/clock.h"
#include "core/text.h"
#include "catalog_fixtures.h"
#include "harness.h"
#include "search/document.h"
#include "store/store.h"

using namespace bf::test;
using bf::store::BookInput;

namespace {

bf::Time now() { return bf::SystemClock().now(); }

// The catalogue's fixtures, with books made by id.
struct SearchDb : CatalogDb {
    int64_t book(int64_t author_id, int64_t category_id, BookInput in, bool publish = true) {
        return add_book(author_id, category_id, std::move(in), publish);
    }
    std::string slug(int64_t id) { return slug_of(id); }
};

// The books a search page shows; a session cookie keeps nginx's microcache out of the way.
std::vector<std::string> found(HttpClient& client, const std::string& query) {
    const auto r = client.get("/books?" + query);
    EXPECT_EQ(r.status, 200) << query;
    return slugs_on(r.body);
}

// Waits (on the condition, not a guess of time) until a search shows exactly these books.
bool shows(HttpClient& client, const std::string& query, const std::vector<std::string>& expected) {
    return wait_until([&] { return found(client, query) == expected; }, std::chrono::seconds(20));
}

int64_t pending_changes(bf::db::Connection& db) { return db.query_one("SELECT COUNT(*) FROM search_changes")->i64(0); }

std::string index_root() { return config().require("search_index_dir"); }

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

// Every kind of change is logged in its own transaction (the rows wait while the indexer is
// stopped), then reaches the index once the indexer runs.
TEST(Search, EveryKindOfChangeReachesTheIndex) {
    SearchDb s;
    const int64_t author = s.author(), category = s.category();
    const std::string w = unique_word(), old_word = unique_word(), new_word = unique_word();
    const int64_t a = s.book(author, category, titled(w + " Alpha " + old_word, 1000, 10));
    const int64_t b = s.book(author, category, titled(w + " Beta", 2000, 10));
    const int64_t gone = s.book(author, category, titled(w + " Gamma", 3000, 10));
    wait_for_search_index();
    HttpClient client;
    ASSERT_TRUE(shows(client, "q=" + w + "&sort=price_asc", {s.slug(a), s.slug(b), s.slug(gone)}));

    stack_control("indexer-stop");
    const auto changes_before = pending_changes(*s.db);
    const int64_t fresh = s.book(author, category, titled(w + " Delta", 4000, 10), false);  // create (a draft)
    s.store.catalog.set_status(fresh, bf::store::BookStatus::Published, now());          // publish
    BookInput edit = titled(w + " Alpha " + new_word, 5000, -10);  // edit: a new title, the price, stock to 0
    auto current = *s.store.catalog.find(a);
    edit.description = current.description;
    s.store.catalog.update(a, [&] {
        edit.category_id = category;
        return edit;
    }(), now());
    s.db->exec("UPDATE books SET sell_count = sell_count + 7 WHERE id = ?", b);  // sales, as a paid order does
    s.db->exec("UPDATE books SET rating_avg = 4.50, rating_count = 2 WHERE id = ?", b);  // rating, as a review does
    s.store.catalog.set_status(gone, bf::store::BookStatus::Archived, now());  // unpublish
    std::set<std::string> kinds;
    for (const auto& r : s.db->query("SELECT DISTINCT kind FROM search_changes WHERE book_id IN (?, ?, ?, ?)", a, b, gone, fresh))
        kinds.insert(r.str(0));
    EXPECT_EQ(kinds, (std::set<std::string>{"create", "publish", "price", "sales", "rating", "unpublish"}));
    EXPECT_GE(pending_changes(*s.db), changes_before + 6) << "the changes wait in the log while the indexer is down";
    stack_control("indexer-start");
    wait_for_search_index();

    const std::string slug_a = s.slug(a), slug_b = s.slug(b), slug_fresh = s.slug(fresh);
    EXPECT_TRUE(shows(client, "q=" + w + "&sort=price_asc", {slug_b, slug_fresh, slug_a})) << "published, priced, archived";
    EXPECT_TRUE(shows(client, "q=" + new_word, {slug_a})) << "edited title";
    EXPECT_TRUE(shows(client, "q=" + old_word, {})) << "the old title is gone";
    const auto none = client.get("/books?q=" + old_word);
    EXPECT_NE(none.body.find("No books"), std::string::npos) << "counted by the index, which no longer holds it";
    EXPECT_TRUE(shows(client, "q=" + w + "&min=45&max=55", {slug_a})) << "new price";
    EXPECT_TRUE(shows(client, "q=" + w + "&stock=1&sort=price_asc", {slug_b, slug_fresh})) << "out of stock";
    EXPECT_EQ(found(client, "q=" + w + "&sort=bestselling").front(), slug_b) << "sales";
    EXPECT_EQ(found(client, "q=" + w + "&sort=rating").front(), slug_b) << "rating";
    const auto archived = client.get("/books?q=" + w + "+gamma");
    EXPECT_NE(archived.body.find("No books"), std::string::npos) << "unpublished: out of the index";
}

// kill -9 while the indexer drains: the rows it had not committed are still there, and a new
// indexer applies them; every change ends up in the index.
TEST(Search, KillNineOfTheIndexerMidDrainLosesNothing) {
    SearchDb s;
    const int64_t author = s.author(), category = s.category();
    const std::string w = unique_word();
    stack_control("indexer-stop");
    // 1,500 published books in one statement (each logged by the trigger), then each repriced.
    s.db->exec("INSERT INTO books (slug, title, description, author_id, category_id, price_cents, stock, status,"
               " created_at, updated_at, published_at) SELECT CONCAT(?, '-', seq), CONCAT(?, ' book ', seq), 'Bulk.', ?, ?,"
               " 1000, 5, 'published', ?, ?, ? FROM seq_1_to_1500",
               w, w, author, category, now(), now(), now());
    s.db->exec("UPDATE books SET price_cents = 2500 WHERE category_id = ?", category);
    const int64_t logged = pending_changes(*s.db);
    ASSERT_GE(logged, 3000);
    // One change per commit (BOOKFAIR_SEARCH_BATCH reaches the indexer testenv-ctl starts), so the
    // kill surely lands mid-drain.
    setenv("BOOKFAIR_SEARCH_BATCH", "1", 1);
    stack_control("indexer-start");
    unsetenv("BOOKFAIR_SEARCH_BATCH");
    ASSERT_TRUE(wait_until([&] { return pending_changes(*s.db) < logged; }, std::chrono::seconds(60)));
    stack_control("indexer-kill9");
    const int64_t left = pending_changes(*s.db);
    EXPECT_GT(left, 0) << "killed mid-drain";
    stack_control("indexer-start");
    wait_for_search_index();
    // Read the index itself: every book is there, at its new price.
    const Xapian::Database index(index_root() + "/current");
    int64_t repriced = 0, in_index = 0;
    for (auto it = index.postlist_begin(w); it != index.postlist_end(w); ++it) {
        ++in_index;
        if (index.get_document(*it).get_value(bf::search::kPrice) == Xapian::sortable_serialise(2500)) ++repriced;
    }
    EXPECT_EQ(in_index, 1500);
    EXPECT_EQ(repriced, 1500);
    HttpClient client;
    EXPECT_FALSE(found(client, "q=" + w + "&min=25&max=25").empty());
    const auto old_price = client.get("/books?q=" + w + "&max=10");
    EXPECT_NE(old_price.body.find("No books"), std::string::npos);
}

// A rebuild writes a new index beside the old one and switches when it is complete: searches
// during it are answered by an index (old or new), never by the fallback, and a change made
// meanwhile is in the new index.
TEST(Search, RebuildWhileSearching) {
    SearchDb s;
    const int64_t author = s.author(), category = s.category();
    const std::string w = unique_word();
    std::vector<int64_t> ids;
    // Two price bands, so every answer from the index shows a price facet (the fallback shows none).
    for (int i = 0; i < 12; ++i) ids.push_back(s.book(author, category, titled(w + " Volume " + std::to_string(i), i % 2 ? 500 : 2500)));
    wait_for_search_index();
    const std::string before = std::filesystem::read_symlink(index_root() + "/current").string();

    std::atomic<bool> stop{false};
    std::atomic<int> answers{0}, wrong{0};
    std::vector<std::thread> readers;
    for (int t = 0; t < 3; ++t) {
        readers.emplace_back([&] {
            HttpClient client;
            while (!stop) {
                const auto r = client.get("/books?q=" + w + "&sort=price_asc&r=" + std::to_string(answers.load()));
                ++answers;
                // Facets come from the index only: the database fallback would show none.
                if (r.status != 200 || slugs_on(r.body).size() != 12 || r.body.find("class=\"facets\"") == std::string::npos) ++wrong;
            }
        });
    }
    std::thread change([&] { s.db->exec("UPDATE books SET price_cents = 9999 WHERE id = ?", ids[0]); });
    const auto rebuilt = run_command(std::string(BOOKFAIR_ADMIN_BINARY) + " --config " + std::getenv("BOOKFAIR_CONFIG") +
                                     " search-index --rebuild 2>&1");
    change.join();
    stop = true;
    for (auto& t : readers) t.join();
    EXPECT_EQ(rebuilt.status, 0) << rebuilt.output;
    EXPECT_NE(rebuilt.output.find("100%"), std::string::npos) << "progress shown: " << rebuilt.output;
    EXPECT_GT(answers.load(), 0);
    EXPECT_EQ(wrong.load(), 0) << "of " << answers.load() << " searches during the rebuild";
    const std::string after = std::filesystem::read_symlink(index_root() + "/current").string();
    EXPECT_NE(after, before);
    wait_for_search_index();
    HttpClient client;
    EXPECT_TRUE(shows(client, "q=" + w + "&min=99&max=100", {s.slug(ids[0])})) << "the change made during the rebuild";
    EXPECT_TRUE(wait_until([&] { return !std::filesystem::exists(index_root() + "/" + before); }, std::chrono::seconds(20)))
        << "the replaced index is removed";
}

// An index of an older format (here: none, as before sort buckets and title tiers, #16): the indexer
// rebuilds it when it starts, and searches answer from the old index until the new one is in place.
TEST(Search, TheIndexerRebuildsAnIndexOfAnOlderFormatAtStart) {
    SearchDb s;
    const int64_t author = s.author(), category = s.category();
    const std::string w = unique_word();
    std::vector<std::string> slugs;
    for (int i = 0; i < 3; ++i) slugs.push_back(s.slug(s.book(author, category, titled(w + " Part " + std::to_string(i), 1000 + i))));
    wait_for_search_index();
    stack_control("indexer-stop");
    const std::string before = std::filesystem::read_symlink(index_root() + "/current").string();
    {
        Xapian::WritableDatabase old(index_root() + "/" + before, Xapian::DB_OPEN);
        old.set_metadata(bf::search::kFormatKey, "");  // as an index of the first round had it
        old.commit();
    }
    HttpClient client;
    EXPECT_TRUE(shows(client, "q=" + w + "&sort=price_asc", slugs)) << "the old index answers";
    stack_control("indexer-start");
    EXPECT_TRUE(wait_until([&] {
        return std::filesystem::read_symlink(index_root() + "/current").string() != before;
    }, std::chrono::seconds(60))) << "a new index replaced the old one";
    const std::string after = std::filesystem::read_symlink(index_root() + "/current").string();
    EXPECT_EQ(Xapian::Database(index_root() + "/" + after).get_metadata(bf::search::kFormatKey), bf::search::kIndexFormat);
    EXPECT_TRUE(shows(client, "q=" + w + "&sort=price_asc", slugs)) << "the new index answers";
}

TEST(Search, StemmingSpellingSplitAndJoinedWords) {
    SearchDb s;
    const int64_t author = s.author(), category = s.category();
    const std::string w = unique_word(), v = unique_word();
    const int64_t gardens = s.book(author, category, titled("Gardens of " + w));
    const int64_t joined = s.book(author, category, titled("The Mapmaker " + v));
    const int64_t apart = s.book(author, category, titled("A Map Maker " + w + "x"));
    const int64_t speller = s.book(author, category, titled("The Cartographer " + w + "y"));
    wait_for_search_index();
    HttpClient client;
    EXPECT_EQ(found(client, "q=garden+" + w), (std::vector<std::string>{s.slug(gardens)})) << "singular finds plural";
    EXPECT_EQ(found(client, "q=" + w + "s"), (std::vector<std::string>{s.slug(gardens)})) << "plural finds singular";
    EXPECT_EQ(found(client, "q=map+maker+" + v), (std::vector<std::string>{s.slug(joined)})) << "typed apart, written joined";
    EXPECT_EQ(found(client, "q=mapmaker+" + w + "x"), (std::vector<std::string>{s.slug(apart)})) << "typed joined, written apart";

    // A typo: nothing matches as typed, so the correction's books are shown with the suggestion.
    std::string typo = w + "y";
    typo[4] = typo[4] == 'a' ? 'b' : 'a';
    const auto r = client.get("/books?q=" + typo);
    EXPECT_EQ(slugs_on(r.body), (std::vector<std::string>{s.slug(speller)}));
    EXPECT_NE(r.body.find("Did you mean <a href=\"/books?q=" + w + "y"), std::string::npos) << r.body.substr(0, 4000);
    const auto demo = client.get("/books?q=cartografer");
    EXPECT_NE(demo.body.find("Did you mean <a href=\"/books?q=cartographer"), std::string::npos);
    EXPECT_FALSE(slugs_on(demo.body).empty());
}

TEST(Search, FacetsCountCategoriesLanguagesAndPriceBands) {
    SearchDb s;
    const int64_t author = s.author(), top = s.category(), one = s.category(top, "Facet One"), two = s.category(top, "Facet Two");
    const std::string w = unique_word();
    for (int i = 0; i < 3; ++i) s.book(author, one, titled(w + " one " + std::to_string(i), 500));
    BookInput fr = titled(w + " deux", 2500);
    fr.language = "fr";
    s.book(author, two, fr);
    wait_for_search_index();
    HttpClient client;
    const auto page = client.get("/books?q=" + w + "&category=" + s.category_slug(top)).body;
    auto chip = [](const std::string& label, int n) {
        return label + " <span class=\"facet__count\">" + std::to_string(n) + "</span>";
    };
    EXPECT_NE(page.find(chip("Facet One", 3)), std::string::npos) << page;
    EXPECT_NE(page.find(chip("Facet Two", 1)), std::string::npos);
    EXPECT_NE(page.find(chip("English", 3)), std::string::npos);
    EXPECT_NE(page.find(chip("French", 1)), std::string::npos);
    EXPECT_NE(page.find(chip("Under $10.00", 3)), std::string::npos);
    EXPECT_NE(page.find(chip("$20.00 to $35.00", 1)), std::string::npos);
    // Sorted by a value, the facets are counted by a pass of their own: the same counts.
    const auto by_price = client.get("/books?q=" + w + "&category=" + s.category_slug(top) + "&sort=price_asc").body;
    EXPECT_NE(by_price.find(chip("Facet One", 3)), std::string::npos) << by_price;
    EXPECT_NE(by_price.find(chip("French", 1)), std::string::npos);
    EXPECT_NE(by_price.find(chip("$20.00 to $35.00", 1)), std::string::npos);
    // A facet link narrows the search.
    EXPECT_EQ(found(client, "q=" + w + "&lang=fr").size(), 1u);
    EXPECT_EQ(found(client, "q=" + w + "&category=" + s.category_slug(one)).size(), 3u);
}

TEST(Search, EveryFilterAndSortWithWords) {
    SearchDb s;
    const int64_t parent = s.category(), child = s.category(parent), other = s.category(), author = s.author();
    const std::string w = unique_word();
    BookInput a = titled("Alpha " + w, 1000, 50);
    BookInput b = titled("Beta " + w, 2000, 0);
    b.sale_price = 1500;
    BookInput d = titled("Delta " + w, 3000, 8);
    d.language = "fr";
    const int64_t ia = s.book(author, parent, a), ib = s.book(author, child, b), id = s.book(author, parent, d);
    const int64_t elsewhere = s.book(s.author(), other, titled("Epsilon " + w, 900));
    s.db->exec("UPDATE books SET sell_count = 5, rating_avg = 4.50, rating_count = 3, published_at = ? WHERE id = ?", now().plus_seconds(-30), ia);
    s.db->exec("UPDATE books SET sell_count = 50, rating_avg = 3.20, rating_count = 3, published_at = ? WHERE id = ?", now().plus_seconds(-20), ib);
    s.db->exec("UPDATE books SET sell_count = 20, rating_avg = 4.90, rating_count = 3, published_at = ? WHERE id = ?", now().plus_seconds(-10), id);
    wait_for_search_index();
    const std::string sa = s.slug(ia), sb = s.slug(ib), sd = s.slug(id);
    HttpClient client;
    const std::string in = "q=" + w + "&category=" + s.category_slug(parent);
    using V = std::vector<std::string>;
    EXPECT_EQ(found(client, in + "&sort=newest"), (V{sd, sb, sa})) << "category with its subcategories";
    EXPECT_EQ(found(client, "q=" + w + "&category=" + s.category_slug(child)), (V{sb}));
    EXPECT_EQ(found(client, in + "&min=12&max=25"), (V{sb})) << "the sale price counts";
    EXPECT_EQ(found(client, in + "&stock=1&sort=newest"), (V{sd, sa}));
    EXPECT_EQ(found(client, in + "&lang=fr"), (V{sd}));
    EXPECT_EQ(found(client, in + "&sort=price_asc"), (V{sa, sb, sd}));
    EXPECT_EQ(found(client, in + "&sort=price_desc"), (V{sd, sb, sa}));
    EXPECT_EQ(found(client, in + "&sort=bestselling"), (V{sb, sd, sa}));
    EXPECT_EQ(found(client, in + "&sort=rating"), (V{sd, sa, sb}));
    EXPECT_EQ(found(client, "q=" + w + "&sort=price_asc"), (V{s.slug(elsewhere), sa, sb, sd}));
    const std::string author_slug = s.db->query_one("SELECT slug FROM users WHERE id = ?", author)->str(0);
    EXPECT_EQ(slugs_on(client.get("/authors/" + author_slug + "?q=" + w + "&sort=price_asc").body), (V{sa, sb, sd}));

    // Pages: 25 books, 20 a page, stable and complete in every order.
    const std::string many = unique_word();
    for (int i = 0; i < 25; ++i) s.book(author, other, titled(many + " " + std::to_string(i), 1000 + (i * 7 % 25) * 10));
    wait_for_search_index();
    for (const char* sort : {"relevance", "price_asc", "newest"}) {
        const auto first = client.get("/books?q=" + many + "&sort=" + sort);
        const std::regex next_re("rel=\"next\" href=\"([^\"]+)\"");
        std::smatch m;
        ASSERT_TRUE(std::regex_search(first.body, m, next_re)) << sort;
        const auto second = client.get(std::regex_replace(m[1].str(), std::regex("&amp;"), "&"));
        std::set<std::string> seen;
        for (const auto& x : slugs_on(first.body)) seen.insert(x);
        for (const auto& x : slugs_on(second.body)) seen.insert(x);
        EXPECT_EQ(seen.size(), 25u) << sort;
        EXPECT_EQ(found(client, "q=" + many + "&sort=" + std::string(sort)), slugs_on(first.body)) << "the same order again";
    }
}

// #13 bug 3: an author's name and a category's name find their books.
TEST(Search, AuthorsAndCategoriesAreFoundByName) {
    SearchDb s;
    wait_for_search_index();
    HttpClient client;
    const auto valdez = s.db->query_one("SELECT u.id, COUNT(*) FROM books b JOIN users u ON u.id = b.author_id"
                                        " WHERE u.display_name = 'Dmitri Valdez' AND b.status = 'published' GROUP BY u.id");
    ASSERT_TRUE(valdez) << "the demo catalogue has Dmitri Valdez";
    // Dmitri Valdez's books come first (other books may mention a Valdez in their description, and
    // generated catalogues have other authors of that name).
    std::set<std::string> by_valdez;
    // (Generated catalogues of other tests may have their own Dmitri Valdez.)
    for (const auto& r : s.db->query("SELECT b.slug FROM books b JOIN users u ON u.id = b.author_id"
                                     " WHERE u.display_name = 'Dmitri Valdez' AND b.status = 'published'"))
        by_valdez.insert(r.str(0));
    const auto shown = slugs_on(client.get("/books?q=Dmitri+Valdez").body);
    ASSERT_GE(shown.size(), std::min<size_t>(by_valdez.size(), 20));
    for (size_t i = 0; i < std::min<size_t>(by_valdez.size(), 20); ++i)
        EXPECT_TRUE(by_valdez.count(shown[i])) << "result " << i << " is by Dmitri Valdez: " << shown[i];
    // "Valdez" alone: authors of that name first (Dmitri's 16 books in the demo catalogue, #13).
    const auto valdez_page = slugs_on(client.get("/books?q=Valdez").body);
    size_t by_a_valdez = 0;
    for (const auto& slug : valdez_page) {
        const auto author = s.db->query_one("SELECT u.display_name FROM books b JOIN users u ON u.id = b.author_id WHERE b.slug = ?", slug);
        if (!author || author->str(0).find("Valdez") == std::string::npos) break;
        ++by_a_valdez;
    }
    EXPECT_GE(by_a_valdez, std::min<size_t>(by_valdez.size(), 20)) << "the first page starts with books by authors named Valdez";

    const auto fantasy = slugs_on(client.get("/books?q=fantasy").body);
    ASSERT_FALSE(fantasy.empty()) << "two categories are named Fantasy";
    for (const auto& slug : fantasy) {
        const auto cat = s.db->query_one("SELECT c.name FROM books b JOIN category_closure cc ON cc.descendant_id = b.category_id"
                                         " JOIN categories c ON c.id = cc.ancestor_id WHERE b.slug = ? AND c.name LIKE '%Fantasy%'",
                                         slug);
        const auto text = s.db->query_one("SELECT CONCAT(title, subtitle, description, tags_text) LIKE '%fantasy%' FROM books WHERE slug = ?", slug);
        EXPECT_TRUE(cat || (text && text->i64(0))) << slug << " is in a Fantasy category or says fantasy";
    }
    // A new author's name reaches the index with their books, and so does a category's new name.
    const std::string name = unique_word(), cat_name = unique_word();
    const int64_t author = s.author("Ada " + name), category = s.category();
    const int64_t book = s.book(author, category, titled("Untitled"));
    s.db->exec("UPDATE categories SET name = ? WHERE id = ?", "Shelf " + cat_name, category);
    wait_for_search_index();
    EXPECT_TRUE(shows(client, "q=" + name, {s.slug(book)}));
    EXPECT_TRUE(shows(client, "q=" + cat_name, {s.slug(book)}));
}

TEST(Search, OddQueriesAnswerSensibly) {
    HttpClient client;
    wait_for_search_index();
    const auto stop = client.get("/books?q=the+of+and");
    EXPECT_EQ(stop.status, 200);
    EXPECT_NE(stop.body.find("too common to search by"), std::string::npos);
    EXPECT_FALSE(slugs_on(stop.body).empty()) << "every book instead";
    const auto empty = client.get("/books?q=");
    EXPECT_FALSE(slugs_on(empty.body).empty());
    std::string long_query;
    while (long_query.size() < 200) long_query += "lantern garden ";
    EXPECT_EQ(client.get("/books?q=" + bf::url_encode(long_query.substr(0, 200))).status, 200);
    for (const std::string q : {"\xE2\x80\x8B\xE2\x80\x8B", "caf\xC3\xA9", "\xF0\x9F\x93\x9A books", "\xE6\xBC\xA2\xE5\xAD\x97",
                                "e\xCC\x81t\xC3\xA9", "\xD9\x83\xD8\xAA\xD8\xA7\xD8\xA8"})
        EXPECT_EQ(client.get("/books?q=" + bf::url_encode(q)).status, 200) << q;
}

// No index (never built, or lost): searches are answered from the database, and the log says so.
TEST(Search, FallsBackToTheDatabaseWithoutAnIndex) {
    SearchDb s;
    const std::string w = unique_word();
    const int64_t id = s.book(s.author(), s.category(), titled("Fallback " + w));
    wait_for_search_index();
    stack_control("indexer-stop");
    const std::string link = index_root() + "/current", away = index_root() + "/current.away";
    std::filesystem::rename(link, away);
    HttpClient client;
    const auto r = client.get("/books?q=" + w);
    std::filesystem::rename(away, link);
    stack_control("indexer-start");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(slugs_on(r.body), (std::vector<std::string>{s.slug(id)})) << "found through the database";
    EXPECT_EQ(r.body.find("class=\"facets\""), std::string::npos) << "not from the index";
    const std::string log = read_file(config().require("log_dir") + "/web.log");
    EXPECT_NE(log.find("search falls back to the database"), std::string::npos);
    EXPECT_TRUE(shows(client, "q=" + w + "&again=1", {s.slug(id)}));
}

// The judged set: queries a reader would type about the demo catalogue's books, each with the
// books they expect among the first five (tests/integration/search_judged.tsv: query, tab, slugs).
TEST(Search, JudgedQueriesFindTheirBooks) {
    wait_for_search_index();
    std::ifstream in(std::string(BOOKFAIR_SOURCE_DIR) + "/tests/integration/search_judged.tsv");
    ASSERT_TRUE(in) << "search_judged.tsv";
    HttpClient client;
    int queries = 0, expected = 0, hits = 0;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        const auto tab = line.find('\t');
        ASSERT_NE(tab, std::string::npos) << line;
        const std::string query = line.substr(0, tab);
        const auto shown = slugs_on(client.get("/books?q=" + bf::url_encode(query)).body);
        const std::vector<std::string> top(shown.begin(), shown.begin() + std::min<size_t>(5, shown.size()));
        ++queries;
        std::istringstream slugs(line.substr(tab + 1));
        for (std::string slug; slugs >> slug;) {
            ++expected;
            if (contains(top, slug)) ++hits;
            else std::printf("judged set: \"%s\": %s is not in the top 5\n", query.c_str(), slug.c_str());
        }
    }
    EXPECT_GE(queries, 30);
    // The demo catalogue is the same on every run, so the floor is close to today's share: at 90% a
    // seed change once took it from 35 to 32 of 35 unnoticed.
    EXPECT_GE(hits * 100, expected * 97) << "at least 97% of the expected books in the top 5";
    std::printf("judged set: %d queries, %d of %d expected books in the top 5 (%.0f%%)\n", queries, hits, expected,
                expected ? 100.0 * hits / expected : 0.0);
}
