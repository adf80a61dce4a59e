#include "mailer/digests.h"

#include <algorithm>
#include <map>

#include "core/templates.h"
#include "core/unsubscribe.h"

namespace bf::mailer {
namespace {

constexpr int kReadersPerPage = 500;
constexpr int kMaxNewBooks = 50;

const char* const kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};

int hour_setting(const Config& config, const std::string& key, int fallback) {
    return static_cast<int>(std::clamp<int64_t>(config.get_int(key, fallback), 0, 23));
}

// "November 2026"
std::string month_name(Time t) {
    const CivilTime c = to_civil(t);
    return std::string(kMonthNames[c.month - 1]) + " " + std::to_string(c.year);
}

// A bulk message of rendered parts.
store::OutboxMessage bulk_message(const std::string& name, templates::EmailParts parts, const std::string& dedupe_key,
                                  const std::string& to, const std::string& unsubscribe) {
    return {name,        dedupe_key, to, std::move(parts.subject), std::move(parts.text), std::move(parts.html),
            unsubscribe, store::MailClass::Bulk};
}

store::OutboxMessage compose(const std::string& name, const ctemplate::TemplateDictionary& dict,
                             const std::string& dedupe_key, const std::string& to, const std::string& unsubscribe) {
    return bulk_message(name, templates::render_email(name, dict), dedupe_key, to, unsubscribe);
}

std::string unsubscribe_link(const std::string& base_url, const crypto::Signer& signer, int64_t user_id,
                             const char* list, ctemplate::TemplateDictionary& dict) {
    const std::string link = unsubscribe::link(base_url, signer, user_id, list);
    dict.SetValue("UNSUBSCRIBE", link);
    return link;
}

// Sales split by edition: units and revenue of printed copies and of ebooks, per currency.
struct EditionTotals {
    int64_t print_units = 0, ebook_units = 0;
    Amounts print_revenue, ebook_revenue;
    void add(const store::BookFigures& b) {
        print_units += b.units - b.digital_units;
        ebook_units += b.digital_units;
        print_revenue[b.currency] += b.revenue - b.digital_revenue;
        ebook_revenue[b.currency] += b.digital_revenue;
    }
    bool any_ebook() const {
        return ebook_units != 0 || std::any_of(ebook_revenue.begin(), ebook_revenue.end(), [](const auto& r) { return r.second != 0; });
    }
};

std::string sold_text(int64_t units, const std::string& money) { return std::to_string(units) + " sold, " + money; }

// A book's line says how its figures split when it sold as an ebook too.
void add_book_split(ctemplate::TemplateDictionary& row, const store::BookFigures& b) {
    if (b.digital_units == 0 && b.digital_revenue == 0) return;
    auto* split = row.AddSectionDictionary("SPLIT");
    split->SetValue("PRINT", sold_text(b.units - b.digital_units, format_money(b.revenue - b.digital_revenue, b.currency)));
    split->SetValue("EBOOK", sold_text(b.digital_units, format_money(b.digital_revenue, b.currency)));
}

// The totals by edition, shown once any ebook sold in the period.
void add_edition_totals(ctemplate::TemplateDictionary& dict, const EditionTotals& t) {
    if (!t.any_ebook()) return;
    auto* e = dict.AddSectionDictionary("EDITIONS");
    e->SetValue("PRINT", sold_text(t.print_units, format_amounts(t.print_revenue)));
    e->SetValue("EBOOK", sold_text(t.ebook_units, format_amounts(t.ebook_revenue)));
}

}  // namespace

ScheduleSpec author_daily_spec(const Config& config) {
    return ScheduleSpec{"author-daily", Cadence::Daily, 0, hour_setting(config, "author_digest_hour", 7), 7};
}

ScheduleSpec author_monthly_spec(const Config& config) {
    return ScheduleSpec{"author-monthly", Cadence::Monthly, 0, hour_setting(config, "author_digest_hour", 7), 2};
}

ScheduleSpec reader_daily_spec(const Config& config) {
    return ScheduleSpec{"reader-daily", Cadence::Daily, hour_setting(config, "reader_digest_hour", 8), 0, 7};
}

void add_digests(Scheduler& scheduler, const Config& config) {
    scheduler.add(author_daily_spec(config), produce_author_daily);
    scheduler.add(author_monthly_spec(config), produce_author_monthly);
    scheduler.add(reader_daily_spec(config), produce_reader_daily);
}

store::OutboxMessage author_daily_email(const store::AuthorFigures& author, const Period& day,
                                        const std::string& base_url, const crypto::Signer& signer) {
    ctemplate::TemplateDictionary dict("author_daily");
    dict.SetValue("NAME", author.display_name);
    dict.SetValue("DATE", day.label);
    dict.SetValue("DASHBOARD", base_url + "/dashboard");
    int64_t units = 0;
    Amounts revenue;  // per currency: never one sum of two currencies
    EditionTotals editions;
    for (const auto& b : author.books) {
        auto* row = dict.AddSectionDictionary("BOOK");
        row->SetValue("TITLE", b.title);
        row->SetIntValue("UNITS", static_cast<long>(b.units));
        row->SetValue("REVENUE", format_money(b.revenue, b.currency));
        add_book_split(*row, b);
        units += b.units;
        revenue[b.currency] += b.revenue;
        editions.add(b);
    }
    add_edition_totals(dict, editions);
    dict.SetIntValue("TOTAL_UNITS", static_cast<long>(units));
    dict.SetValue("TOTAL_REVENUE", format_amounts(revenue));
    const std::string unsub = unsubscribe_link(base_url, signer, author.author_id, unsubscribe::kAuthorDigests, dict);
    return compose("author_daily", dict, "author-daily:" + std::to_string(author.author_id) + ":" + day.label,
                   author.email, unsub);
}

store::OutboxMessage author_monthly_email(const store::AuthorFigures& author,
                                          const std::vector<store::BookFigures>& previous, const Period& month,
                                          const std::string& base_url, const crypto::Signer& signer) {
    // Every book that sold in either month, by title, this month's figures beside the last.
    struct Pair {
        std::string title;
        store::BookFigures now, before;
    };
    std::map<std::pair<int64_t, std::string>, Pair> books;  // by book and currency
    for (const auto& b : author.books) books[{b.book_id, b.currency}].now = b, books[{b.book_id, b.currency}].title = b.title;
    for (const auto& b : previous) books[{b.book_id, b.currency}].before = b, books[{b.book_id, b.currency}].title = b.title;
    for (auto& [key, p] : books) p.now.currency = p.before.currency = key.second;
    std::vector<Pair> rows;
    for (auto& [id, p] : books) rows.push_back(p);
    std::stable_sort(rows.begin(), rows.end(), [](const Pair& a, const Pair& b) { return a.title < b.title; });

    ctemplate::TemplateDictionary dict("author_monthly");
    const std::string previous_month = month_name(month.start.plus_days(-1));
    dict.SetValue("NAME", author.display_name);
    dict.SetValue("MONTH", month_name(month.start));
    dict.SetValue("PREVIOUS_MONTH", previous_month);
    dict.SetValue("DASHBOARD", base_url + "/dashboard");
    int64_t units = 0, previous_units = 0;
    Amounts revenue, previous_revenue;  // per currency
    EditionTotals editions;
    for (const auto& p : rows) {
        auto* row = dict.AddSectionDictionary("BOOK");
        row->SetValue("TITLE", p.title);
        row->SetIntValue("UNITS", static_cast<long>(p.now.units));
        row->SetValue("REVENUE", format_money(p.now.revenue, p.now.currency));
        row->SetIntValue("PREVIOUS_UNITS", static_cast<long>(p.before.units));
        row->SetValue("PREVIOUS_REVENUE", format_money(p.before.revenue, p.before.currency));
        row->SetValue("PREVIOUS_MONTH", previous_month);
        add_book_split(*row, p.now);
        editions.add(p.now);
        units += p.now.units;
        revenue[p.now.currency] += p.now.revenue;
        previous_units += p.before.units;
        previous_revenue[p.before.currency] += p.before.revenue;
    }
    dict.SetIntValue("TOTAL_UNITS", static_cast<long>(units));
    dict.SetValue("TOTAL_REVENUE", format_amounts(revenue));
    dict.SetIntValue("PREVIOUS_TOTAL_UNITS", static_cast<long>(previous_units));
    dict.SetValue("PREVIOUS_TOTAL_REVENUE", format_amounts(previous_revenue));
    add_edition_totals(dict, editions);
    const std::string unsub = unsubscribe_link(base_url, signer, author.author_id, unsubscribe::kAuthorDigests, dict);
    return compose("author_monthly", dict, "author-monthly:" + std::to_string(author.author_id) + ":" + month.label,
                   author.email, unsub);
}

namespace {
const templates::Name kName("NAME");
}  // namespace

ReaderDigest::ReaderDigest(const std::vector<store::NewBook>& books, const Period& day, const std::string& base_url,
                           const crypto::Signer& signer)
    : day_(day), base_url_(base_url), signer_(signer) {
    static const templates::Name kCount("COUNT"), kBooksWord("BOOKS_WORD"), kBook("BOOK"), kTitle("TITLE"),
        kAuthor("AUTHOR"), kPrice("PRICE"), kLink("LINK");
    dict_.SetIntValue(kCount, static_cast<long>(books.size()));
    dict_.SetValue(kBooksWord, books.size() == 1 ? "new book" : "new books");
    for (const auto& b : books) {
        auto* row = dict_.AddSectionDictionary(kBook);
        row->SetValue(kTitle, b.title);
        row->SetValue(kAuthor, b.author_name);
        row->SetValue(kPrice, format_money(b.price, b.currency));
        row->SetValue(kLink, base_url + "/books/" + b.slug);
    }
    templates::add_email_layout(dict_);
}

store::OutboxMessage ReaderDigest::to(const store::Subscriber& reader) {
    dict_.SetValue(kName, reader.display_name);
    const std::string unsub = unsubscribe_link(base_url_, signer_, reader.id, unsubscribe::kNewsletter, dict_);
    return bulk_message("reader_daily", templates::render_email_with_layout("reader_daily", dict_),
                        "reader-daily:" + std::to_string(reader.id) + ":" + day_.label, reader.email, unsub);
}

void produce_author_daily(const Period& day, ProduceContext& ctx) {
    for (const auto& author : ctx.store.digests.author_sales(day.start, day.end))
        ctx.emit(author_daily_email(author, day, ctx.base_url, ctx.signer));
}

void produce_author_monthly(const Period& month, ProduceContext& ctx) {
    const ScheduleSpec monthly{"", Cadence::Monthly};
    const Time previous_start = period_containing(monthly, month.start.plus_seconds(-1)).start;
    std::map<int64_t, store::AuthorFigures> now, before;
    for (auto& a : ctx.store.digests.author_sales(month.start, month.end)) now[a.author_id] = std::move(a);
    for (auto& a : ctx.store.digests.author_sales(previous_start, month.start)) before[a.author_id] = std::move(a);
    for (auto& [id, a] : before)
        if (!now.count(id)) now[id] = store::AuthorFigures{a.author_id, a.email, a.display_name, {}};
    for (const auto& [id, a] : now) {
        const auto prev = before.find(id);
        ctx.emit(author_monthly_email(a, prev == before.end() ? std::vector<store::BookFigures>{} : prev->second.books,
                                      month, ctx.base_url, ctx.signer));
    }
}

void produce_reader_daily(const Period& day, ProduceContext& ctx) {
    const auto books = ctx.store.digests.published_between(day.start, day.end, kMaxNewBooks);
    if (books.empty()) return;
    int64_t after = 0;
    while (true) {
        const auto readers = ctx.store.mail.newsletter_subscribers(after, kReadersPerPage);
        // A new dictionary per page: ctemplate keeps every value ever set in the dictionary's arena
        // until it goes, so one for all 100,000 readers grew the mailer by 10 MB.
        ReaderDigest digest(books, day, ctx.base_url, ctx.signer);
        for (const auto& r : readers) ctx.emit(digest.to(r));
        if (readers.size() < static_cast<size_t>(kReadersPerPage)) break;
        after = readers.back().id;
    }
}

}  // namespace bf::mailer
