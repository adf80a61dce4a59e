// The author's dashboard: revenue, units and orders this month, last month and all time, charts of
// daily and monthly revenue, the books with their sales, recent sales, and a CSV export. Every figure
// comes from the revenue rollups (store/revenue.h), so a page costs what the days it shows cost,
// however many orders there were. An author sees their own figures only; an admin picks any author.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <tuple>

#include "core/csv.h"
#include "core/errors.h"
#include "core/text.h"
#include "pages/context.h"

namespace bf::pages {
namespace {

constexpr int kDailyBars = 30;
constexpr int kMonthlyBars = 12;
constexpr int kRecentSales = 10;
constexpr int kMaxBooks = 500;
constexpr int kMaxAuthorsToPick = 1000;
constexpr int64_t kMaxCsvDays = 3 * 366;

// ---- whose figures ----

struct Subject {
    int64_t id = 0;
    std::string name;
    bool own = true;
};

// The visitor's own figures, or (admins only) those of ?author=ID. Anyone else asking for another
// author's figures gets 403, whatever the id; a malformed id is 404.
Subject subject(Context& ctx) {
    const auto& user = ctx.require_user();
    const std::string text = ctx.req.field("author");
    if (text.empty()) return {user.id, user.display_name, true};
    char* end = nullptr;
    const long long id = std::strtoll(text.c_str(), &end, 10);
    if (!end || *end != '\0' || id <= 0 || text.size() > 18) throw NotFound("There is no such author.");
    if (id == user.id) return {user.id, user.display_name, true};
    if (user.role != "admin") throw Forbidden("These are another author's figures: only they and the shop's admins can see them.");
    const auto author = ctx.store.revenue.find_author(id);
    if (!author) throw NotFound("There is no such author.");
    return {author->id, author->name, false};
}

std::string author_query(const Subject& who, const char* sep = "&") {
    return who.own ? "" : sep + std::string("author=") + std::to_string(who.id);
}

// ---- days and months ----

struct Month {
    int year, month;
    Month plus(int n) const {
        const int m = year * 12 + (month - 1) + n;
        return {m / 12, m % 12 + 1};
    }
    std::string first() const { return format_date(from_civil({year, month, 1, 0, 0, 0, 0})); }
    std::string day(int d) const {
        return format_date(from_civil({year, month, std::min(d, days_in_month(year, month)), 0, 0, 0, 0}));
    }
    std::string last() const { return day(31); }
    std::string name() const { return std::string(month_abbr(month)) + " " + std::to_string(year); }
};

// Counts add up over currencies; money stays per currency (#12.4).
store::Totals sum(const std::vector<store::DayFigures>& days, const std::string& from, const std::string& to) {
    store::Totals t;
    for (const auto& d : days)
        if (d.day >= from && d.day <= to) t.add(d.currency, d.figures);
    return t;
}

Cents in(const Amounts& amounts, const std::string& currency) {
    const auto it = amounts.find(currency);
    return it == amounts.end() ? 0 : it->second;
}

bool sold_ebooks_of(const Amounts& revenue) {
    return std::any_of(revenue.begin(), revenue.end(), [](const auto& r) { return r.second != 0; });
}

bool sold_ebooks(const store::Totals& t) { return t.digital_units != 0 || sold_ebooks_of(t.digital_revenue); }

// ---- numbers as people read them ----

// "$512", "€8.3k", "$45k", "£1.2M": axis labels and bar values, whole units at most.
std::string short_money(Cents c, const std::string& currency) {
    const std::string sign = (c < 0 ? "-" : "") + currency_symbol(currency);
    const double dollars = std::fabs(static_cast<double>(c)) / 100.0;
    char buf[32];
    if (dollars >= 999500) std::snprintf(buf, sizeof buf, "%s%.1fM", sign.c_str(), dollars / 1e6);
    else if (dollars >= 9999.5) std::snprintf(buf, sizeof buf, "%s%.0fk", sign.c_str(), dollars / 1e3);
    else if (dollars >= 999.5) std::snprintf(buf, sizeof buf, "%s%.1fk", sign.c_str(), dollars / 1e3);
    else std::snprintf(buf, sizeof buf, "%s%.0f", sign.c_str(), dollars);
    std::string s = buf;
    const auto dot0 = s.find(".0");
    if (dot0 != std::string::npos && dot0 + 2 < s.size() && !std::isdigit(static_cast<unsigned char>(s[dot0 + 2])))
        s.erase(dot0, 2);  // "$2.0k" -> "$2k"
    return s;
}

// "up 12.5 %", "down 3.0 %", "no change", "new" against the period before.
void add_change(ctemplate::TemplateDictionary& d, int64_t now, int64_t before, const std::string& against) {
    std::string text = "no change", kind = "same";
    if (before == 0) {
        if (now != 0) text = "new", kind = now > 0 ? "up" : "down";
    } else {
        const double pct = (static_cast<double>(now) - static_cast<double>(before)) / std::fabs(static_cast<double>(before)) * 100.0;
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f %%", std::fabs(pct));
        if (std::fabs(pct) < 0.05) text = "no change", kind = "same";
        else text = std::string(pct > 0 ? "up " : "down ") + buf, kind = pct > 0 ? "up" : "down";
    }
    auto* c = d.AddSectionDictionary("CHANGE");
    c->SetValue("CHANGE_TEXT", text);
    c->SetValue("CHANGE_KIND", kind);
    c->SetValue("AGAINST", against);
}

// ---- charts: the page computes every coordinate, the template only draws ----

struct Bar {
    std::string label;       // under the bar ("" for none)
    std::string sublabel;    // a second line (the year)
    std::string long_label;  // for the bar's title and the table
    Cents value = 0;         // the whole
    Cents ebook = 0;         // the ebook part of value; print is the rest
};

// The two editions' colours: dark brown and slate blue, apart in lightness as well as hue (they differ
// for colour-blind readers too), and each at least 3:1 against the card's white.
constexpr const char* kPrintFill = "#8a3b12";
constexpr const char* kEbookFill = "#2b6c8f";
constexpr const char* kRefundFill = "#a61b1b";

constexpr double kChartWidth = 560, kChartHeight = 260;
constexpr double kLeft = 52, kRight = 20, kTop = 22, kBottom = 44;

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

// The smallest of 1, 2 and 5 times a power of ten (whole dollars at least) that is >= raw.
Cents nice_step(Cents raw) {
    Cents step = 100;
    while (true) {
        for (Cents m : {1, 2, 5})
            if (step * m >= raw) return step * m;
        step *= 10;
    }
}

// With `split`, each bar is stacked by edition (print from the axis, the ebook part beyond it; a
// negative part, from refunds, below the axis), with a legend, and the table has a column for each.
void add_chart(ctemplate::TemplateDictionary& page, const std::string& name, const std::string& id,
               const std::string& title, const std::string& description, const std::vector<Bar>& bars,
               bool value_labels, const std::string& currency, bool split) {
    const auto money = [&](Cents c) { return format_money(c, currency); };
    auto* chart = page.AddIncludeDictionary(name);
    chart->SetFilename("dashboard/chart.tpl");
    chart->SetValue("ID", id);
    chart->SetValue("TITLE", title);
    chart->SetValue("DESC", description);
    chart->SetValue("WIDTH", num(kChartWidth));
    chart->SetValue("HEIGHT", num(kChartHeight));
    // The parts of a bar: print then ebook, each stacked from the axis on its own side.
    auto parts = [&](const Bar& b) {
        return split ? std::vector<std::pair<Cents, bool>>{{b.value - b.ebook, false}, {b.ebook, true}}
                     : std::vector<std::pair<Cents, bool>>{{b.value, false}};
    };
    Cents lo = 0, hi = 0, total = 0, ebook_total = 0;
    const Bar* best = nullptr;
    for (const auto& b : bars) {
        Cents up = 0, down = 0;
        for (const auto& [v, ebook] : parts(b)) (v > 0 ? up : down) += v;
        lo = std::min(lo, down);
        hi = std::max(hi, up);
        total += b.value;
        ebook_total += b.ebook;
        if (!best || b.value > best->value) best = &b;
    }
    const Cents step = nice_step(std::max<Cents>((hi - lo + 3) / 4, 1));
    const Cents top = hi <= 0 ? step : (hi + step - 1) / step * step;
    const Cents bottom = lo >= 0 ? 0 : -((-lo + step - 1) / step * step);
    const double plot_h = kChartHeight - kTop - kBottom, plot_w = kChartWidth - kLeft - kRight;
    auto y = [&](Cents v) { return kTop + static_cast<double>(top - v) / static_cast<double>(top - bottom) * plot_h; };
    for (Cents v = bottom; v <= top; v += step) {
        auto* g = chart->AddSectionDictionary("GRID");
        g->SetValue("Y", num(y(v)));
        g->SetValue("LABEL", short_money(v, currency));
        g->SetValue("STROKE", v == 0 ? "#52606d" : "#e4ddd2");  // the zero line darker
    }
    chart->SetValue("X0", num(kLeft));
    chart->SetValue("X1", num(kChartWidth - kRight));
    chart->SetValue("LABEL_X", num(kLeft - 8));
    const double slot = plot_w / static_cast<double>(std::max<size_t>(bars.size(), 1));
    const double gap = std::max(2.0, slot * 0.2);
    for (size_t i = 0; i < bars.size(); ++i) {
        const auto& b = bars[i];
        const double x = kLeft + slot * static_cast<double>(i);
        auto* bar = chart->AddSectionDictionary("BAR");
        bar->SetValue("BAR_TITLE", b.long_label + ": " + money(b.value) +
                                       (split ? " (print " + money(b.value - b.ebook) + ", ebook " + money(b.ebook) + ")" : ""));
        Cents up = 0, down = 0;  // how far each side's stack has grown
        for (const auto& [v, ebook] : parts(b)) {
            if (v == 0 && (split || b.value != 0)) continue;
            const Cents from = v >= 0 ? up : down, to = from + v;
            (v >= 0 ? up : down) = to;
            const double top_y = y(std::max(from, to)), bottom_y = y(std::min(from, to));
            auto* seg = bar->AddSectionDictionary("SEGMENT");
            seg->SetValue("X", num(x + gap / 2));
            seg->SetValue("Y", num(top_y));
            seg->SetValue("W", num(slot - gap));
            seg->SetValue("H", num(std::max(bottom_y - top_y, v == 0 ? 0.0 : 1.0)));
            seg->SetValue("FILL", ebook ? kEbookFill : v < 0 && !split ? kRefundFill : kPrintFill);
            seg->SetValue("EDITION", ebook ? "ebook" : "print");
        }
        if (value_labels && b.value != 0) {
            auto* v = bar->AddSectionDictionary("VALUE_LABEL");
            v->SetValue("VX", num(x + slot / 2));
            v->SetValue("VY", num(b.value > 0 ? y(up) - 5 : y(down) + 13));
            v->SetValue("VALUE", short_money(b.value, currency));
        }
        if (!b.label.empty()) {
            auto* l = chart->AddSectionDictionary("XLABEL");
            l->SetValue("LX", num(x + slot / 2));
            l->SetValue("LY", num(kChartHeight - kBottom + 17));
            l->SetValue("LY2", num(kChartHeight - kBottom + 32));
            l->SetValue("TEXT", b.label);
            if (!b.sublabel.empty()) l->SetValueAndShowSection("SUBTEXT", b.sublabel, "HAS_SUBTEXT");
        }
        auto* row = chart->AddSectionDictionary("ROW");
        row->SetValue("LABEL", b.long_label);
        row->SetValue("VALUE", money(b.value));
        row->SetIntValue("CENTS", b.value);
        if (split) {
            auto* parts_cells = row->AddSectionDictionary("SPLIT_CELLS");
            parts_cells->SetValue("PRINT", money(b.value - b.ebook));
            parts_cells->SetIntValue("PRINT_CENTS", b.value - b.ebook);
            parts_cells->SetValue("EBOOK", money(b.ebook));
            parts_cells->SetIntValue("EBOOK_CENTS", b.ebook);
        }
    }
    if (split) {
        chart->ShowSection("SPLIT_HEAD");
        auto* legend = chart->AddSectionDictionary("LEGEND");
        legend->SetValue("PRINT_FILL", kPrintFill);
        legend->SetValue("EBOOK_FILL", kEbookFill);
    }
    chart->SetValue("CAPTION", description + " Total " + money(total) +
                                   (split ? " (printed copies " + money(total - ebook_total) + ", ebooks " + money(ebook_total) + ")"
                                          : "") +
                                   (best && best->value > 0 ? "; highest " + best->long_label + " with " + money(best->value) : "") +
                                   ".");
}

// ---- the books table ----

struct Column {
    const char* key;
    const char* label;
    bool numeric;
    std::function<bool(const store::BookSales&, const store::BookSales&)> less;
};

// Sales per 100 views, in tenths of a percent (-1 without views), so it sorts as an integer.
int64_t conversion_permille(const store::BookSales& b) { return b.views > 0 ? b.units * 1000 / b.views : -1; }

// Books sort by revenue within their currency (amounts in two currencies are not compared as one).
std::pair<std::string, Cents> revenue_key(const store::BookSales& b, const Amounts& amounts) {
    return {b.currency, in(amounts, b.currency)};
}

const std::vector<Column>& columns() {
    static const std::vector<Column> cols{
        {"title", "Title", false, [](const auto& a, const auto& b) { return to_lower(a.title) < to_lower(b.title); }},
        {"units30", "Units", true, [](const auto& a, const auto& b) { return a.recent_units < b.recent_units; }},
        {"revenue30", "Revenue", true, [](const auto& a, const auto& b) { return revenue_key(a, a.recent_revenue) < revenue_key(b, b.recent_revenue); }},
        {"units", "Units", true, [](const auto& a, const auto& b) { return a.units < b.units; }},
        {"revenue", "Revenue", true, [](const auto& a, const auto& b) { return revenue_key(a, a.revenue) < revenue_key(b, b.revenue); }},
        {"stock", "In stock", true, [](const auto& a, const auto& b) { return a.stock < b.stock; }},
        {"views", "Views", true, [](const auto& a, const auto& b) { return a.views < b.views; }},
        {"conversion", "Sales per 100 views", true,
         [](const auto& a, const auto& b) { return conversion_permille(a) < conversion_permille(b); }},
    };
    return cols;
}

// A figure of the books table as print and ebook parts, under the whole.
void add_book_split(ctemplate::TemplateDictionary& row, const char* section, int64_t units, int64_t ebook_units,
                    const Amounts& revenue, const Amounts& ebook_revenue, const std::string& currency) {
    auto* d = row.AddSectionDictionary(section);
    d->SetValue("PRINT_UNITS", with_thousands(units - ebook_units));
    d->SetValue("EBOOK_UNITS", with_thousands(ebook_units));
    d->SetIntValue("EBOOK_UNITS_RAW", ebook_units);
    Amounts print = revenue;
    for (const auto& [c, cents] : ebook_revenue) print[c] -= cents;
    d->SetValue("PRINT_REVENUE", format_amounts(print, currency));
    d->SetValue("EBOOK_REVENUE", format_amounts(ebook_revenue, currency));
    d->SetIntValue("EBOOK_CENTS", in(ebook_revenue, currency));
}

void add_books(Context& ctx, ctemplate::TemplateDictionary& page, const Subject& who, const std::string& from,
               const std::string& to, bool split) {
    auto books = ctx.store.revenue.books(who.id, from, to, kMaxBooks);
    std::string sort = ctx.req.field("sort");
    const std::string dir_text = ctx.req.field("dir");
    const Column* column = nullptr;
    for (const auto& c : columns())
        if (sort == c.key) column = &c;
    if (!column) column = &columns()[4], sort = column->key;  // revenue, all time
    const bool ascending = dir_text.empty() ? !column->numeric : dir_text == "asc";
    std::stable_sort(books.begin(), books.end(), [&](const auto& a, const auto& b) {
        if (column->less(a, b) != column->less(b, a)) return ascending ? column->less(a, b) : column->less(b, a);
        return a.id < b.id;
    });
    for (const auto& c : columns()) {
        auto* h = page.AddSectionDictionary("COLUMN");
        h->SetValue("LABEL", c.label);
        h->SetValue("KEY", c.key);
        if (c.numeric) h->ShowSection("NUMERIC");
        const bool current = sort == c.key;
        const bool next_ascending = current ? !ascending : !c.numeric;
        h->SetValue("HREF", std::string("/dashboard?sort=") + c.key + "&dir=" + (next_ascending ? "asc" : "desc") +
                                author_query(who) + "#books");
        if (current) {
            h->SetValue("ARIA_SORT", ascending ? "ascending" : "descending");
            h->SetValueAndShowSection("ARROW", ascending ? "\u25b2" : "\u25bc", "SORTED");
        } else {
            h->SetValue("ARIA_SORT", "none");
        }
    }
    int low = 0;
    for (const auto& b : books) {
        auto* row = page.AddSectionDictionary("BOOK");
        row->SetIntValue("ID", b.id);
        row->SetValue("TITLE", b.title);
        row->SetValue("STATUS", b.status);
        row->SetValue("UNITS30", with_thousands(b.recent_units));
        row->SetValue("REVENUE30", format_amounts(b.recent_revenue, b.currency));
        row->SetIntValue("REVENUE30_CENTS", in(b.recent_revenue, b.currency));
        row->SetValue("UNITS", with_thousands(b.units));
        row->SetIntValue("UNITS_RAW", b.units);
        row->SetValue("REVENUE", format_amounts(b.revenue, b.currency));
        row->SetIntValue("REVENUE_CENTS", in(b.revenue, b.currency));
        // Only a book that has sold as an ebook gets the split (for print-only books it says nothing).
        if (split && (b.digital_units != 0 || sold_ebooks_of(b.digital_revenue) || b.recent_digital_units != 0)) {
            add_book_split(*row, "SPLIT30", b.recent_units, b.recent_digital_units, b.recent_revenue,
                           b.recent_digital_revenue, b.currency);
            add_book_split(*row, "SPLIT", b.units, b.digital_units, b.revenue, b.digital_revenue, b.currency);
        }
        row->SetValue("STOCK", with_thousands(b.stock));
        row->SetValue("VIEWS", with_thousands(b.views));
        const int64_t permille = conversion_permille(b);
        row->SetValue("CONVERSION", permille < 0 ? "\u2013" : with_thousands(permille / 10) + "." + std::to_string(permille % 10));
        if (b.status == "published" && b.stock <= b.low_stock_threshold) {
            row->ShowSection("LOW");
            ++low;
        }
        if (b.status != "published") row->SetValueAndShowSection("STATUS_TEXT", b.status, "NOT_PUBLISHED");
    }
    if (books.empty()) page.ShowSection("NO_BOOKS");
    else page.ShowSection("HAS_BOOKS");
    if (low > 0) page.SetValueAndShowSection("LOW_COUNT", std::to_string(low) + (low == 1 ? " book" : " books"), "HAS_LOW");
}

// ---- pages ----

// One card: revenue per currency (each against the same currency before), units and orders.
// With `split`, revenue and units also say what printed copies and ebooks made of them.
void add_period(ctemplate::TemplateDictionary& page, const std::string& key, const std::string& heading,
                const std::string& span, const std::vector<std::string>& currencies, const store::Totals& f,
                const store::Totals* before, const std::string& against, bool split) {
    auto* p = page.AddSectionDictionary("PERIOD");
    p->SetValue("KEY", key);
    p->SetValue("HEADING", heading);
    p->SetValue("SPAN", span);
    struct Figure {
        std::string name, label, text, currency;
        int64_t value, previous;
        bool splits = false;
        int64_t ebook = 0;
        std::string print_text, ebook_text;
    };
    std::vector<Figure> figures;
    for (const auto& c : currencies) {
        const Cents ebook = in(f.digital_revenue, c);
        figures.push_back({"revenue", currencies.size() > 1 ? "Revenue in " + c : "Revenue", format_money(in(f.revenue, c), c),
                           c, in(f.revenue, c), before ? in(before->revenue, c) : 0, split, ebook,
                           format_money(in(f.revenue, c) - ebook, c), format_money(ebook, c)});
    }
    figures.push_back({"units", "Units sold", with_thousands(f.units), "", f.units, before ? before->units : 0, split,
                       f.digital_units, with_thousands(f.units - f.digital_units), with_thousands(f.digital_units)});
    figures.push_back({"orders", "Orders", with_thousands(f.orders), "", f.orders, before ? before->orders : 0});
    for (const auto& fig : figures) {
        auto* d = p->AddSectionDictionary("FIGURE");
        d->SetValue("NAME", fig.name);
        d->SetValue("LABEL", fig.label);
        d->SetValue("TEXT", fig.text);
        d->SetIntValue("VALUE", fig.value);
        if (!fig.currency.empty()) d->SetValueAndShowSection("CURRENCY", fig.currency, "HAS_CURRENCY");
        if (before) add_change(*d, fig.value, fig.previous, against);
        if (fig.splits) {
            auto* e = d->AddSectionDictionary("SPLIT");
            e->SetIntValue("PRINT_VALUE", fig.value - fig.ebook);
            e->SetIntValue("EBOOK_VALUE", fig.ebook);
            e->SetValue("PRINT", fig.print_text);
            e->SetValue("EBOOK", fig.ebook_text);
        }
    }
}

std::string day_span(const std::string& from, const std::string& to) {
    const CivilTime a = to_civil(*parse_date(from)), b = to_civil(*parse_date(to));
    if (from == to) return std::to_string(a.day) + " " + month_abbr(a.month);
    return std::to_string(a.day) + "\u2013" + std::to_string(b.day) + " " + month_abbr(b.month);
}

// The export form as the author sent it, when the dates could not be used: the dashboard comes back
// with the message beside the form (422) instead of a bare error page.
struct ExportForm {
    std::string from, to, error;
};

http::Response dashboard_page(Context& ctx, const ExportForm& csv, int status) {
    const Subject who = subject(ctx);
    const Time now = ctx.now();
    const CivilTime today = to_civil(now);
    const std::string today_text = format_date(now);
    const Month this_month{today.year, today.month};
    const Month first_month = this_month.plus(-(kMonthlyBars - 1));
    // One read covers the cards (this month, last month, the one before) and both charts.
    const auto days = ctx.store.revenue.days(who.id, first_month.first(), today_text);

    View view("dashboard/index.tpl", who.own ? "Your dashboard" : "Dashboard: " + who.name);
    view.status = status;
    auto& page = view.page();
    page.SetValue("HEADING", who.own ? "Your dashboard" : "Dashboard: " + who.name);
    page.SetValue("AUTHOR_NAME", who.name);
    page.SetValue("TODAY", format_human(now));

    // This month to date against the same days of last month; last month against the month before.
    const Month last = this_month.plus(-1), before_last = this_month.plus(-2);
    const auto mtd = sum(days, this_month.first(), today_text);
    const auto mtd_before = sum(days, last.first(), last.day(today.day));
    const auto last_full = sum(days, last.first(), last.last());
    const auto before_full = sum(days, before_last.first(), before_last.last());
    const auto all = ctx.store.revenue.totals(who.id);
    // Each currency the author ever sold in gets its own figures and charts, the largest first.
    std::vector<std::string> currencies;
    for (const auto& [c, cents] : all.revenue) currencies.push_back(c);
    for (const auto& d : days)
        if (std::find(currencies.begin(), currencies.end(), d.currency) == currencies.end()) currencies.push_back(d.currency);
    std::stable_sort(currencies.begin(), currencies.end(),
                     [&](const auto& a, const auto& b) { return in(all.revenue, a) > in(all.revenue, b); });
    if (currencies.empty()) currencies.push_back("USD");
    // An author who has sold an ebook sees every figure split by edition; one who sells print only
    // sees the page as it was.
    const bool split = sold_ebooks(all) || std::any_of(days.begin(), days.end(), [](const auto& d) {
                           return d.figures.digital_units != 0 || d.figures.digital_revenue != 0;
                       });
    if (split) page.ShowSection("EDITION_SPLIT");
    add_period(page, "month", "This month", day_span(this_month.first(), today_text), currencies, mtd, &mtd_before,
               day_span(last.first(), last.day(today.day)), split);
    add_period(page, "last-month", "Last month", last.name(), currencies, last_full, &before_full, before_last.name(),
               split);
    add_period(page, "all-time", "All time", "since the first sale", currencies, all, nullptr, "", split);

    for (const auto& currency : currencies) {
        auto* charts = page.AddSectionDictionary("CURRENCY_CHARTS");
        const bool first = currency == currencies.front();
        const std::string suffix = currencies.size() > 1 ? " (" + currency + ")" : "";
        const std::string id_suffix = first ? "" : "-" + to_lower(currency);
        std::vector<Bar> daily;
        std::map<std::string, std::pair<Cents, Cents>> by_day;  // (revenue, its ebook part)
        for (const auto& d : days)
            if (d.currency == currency) by_day[d.day] = {d.figures.revenue, d.figures.digital_revenue};
        for (int i = kDailyBars - 1; i >= 0; --i) {
            const Time t = now.plus_days(-i);
            const CivilTime c = to_civil(t);
            const std::string key = format_date(t);
            Bar b;
            b.long_label = std::to_string(c.day) + " " + month_abbr(c.month) + " " + std::to_string(c.year);
            if (i % 5 == 0) b.label = std::to_string(c.day) + " " + month_abbr(c.month);
            if (by_day.count(key)) std::tie(b.value, b.ebook) = by_day[key];
            daily.push_back(b);
        }
        add_chart(*charts, "DAILY_CHART", "daily" + id_suffix, "Revenue per day, last 30 days" + suffix,
                  "Net revenue for each of the last 30 days (UTC), " + daily.front().long_label + " to " +
                      daily.back().long_label + ".",
                  daily, false, currency, split);
        std::vector<Bar> monthly;
        for (int i = 0; i < kMonthlyBars; ++i) {
            const Month m = first_month.plus(i);
            Bar b;
            b.label = month_abbr(m.month);
            if (i == 0 || m.month == 1) b.sublabel = std::to_string(m.year);
            b.long_label = m.name() + (i == kMonthlyBars - 1 ? " (to date)" : "");
            const auto month_totals = sum(days, m.first(), m.last());
            b.value = in(month_totals.revenue, currency);
            b.ebook = in(month_totals.digital_revenue, currency);
            monthly.push_back(b);
        }
        add_chart(*charts, "MONTHLY_CHART", "monthly" + id_suffix, "Revenue per month, last 12 months" + suffix,
                  "Net revenue for each month from " + first_month.name() + " to " + this_month.name() + ".", monthly, true,
                  currency, split);
    }

    add_books(ctx, page, who, format_date(now.plus_days(-(kDailyBars - 1))), today_text, split);

    const auto sales = ctx.store.revenue.recent_sales(who.id, kRecentSales);
    for (const auto& s : sales) {
        auto* row = page.AddSectionDictionary("SALE");
        row->SetValue("WHEN", format_human(s.at));
        row->SetValue("WHEN_ISO", format_iso(s.at));
        row->SetValue("BOOK", s.title);
        row->SetIntValue("QUANTITY", s.quantity);
        if (s.digital) row->ShowSection("EBOOK");
        else row->SetValueAndShowSection("CITY", s.city + (s.country.empty() ? "" : ", " + s.country), "SHIPPED");
        if (s.undone) row->ShowSection("UNDONE");
    }
    page.ShowSection(sales.empty() ? "NO_SALES" : "HAS_SALES");
    page.SetValue("CSV_FROM", csv.error.empty() ? format_date(now.plus_days(-(kDailyBars - 1))) : csv.from);
    page.SetValue("CSV_TO", csv.error.empty() ? today_text : csv.to);
    if (!csv.error.empty()) page.SetValueAndShowSection("CSV_ERROR", csv.error, "HAS_CSV_ERROR");

    if (ctx.user()->role == "admin") {
        auto* pick = page.AddSectionDictionary("PICK_AUTHOR");
        bool listed = false;
        for (const auto& a : ctx.store.revenue.authors(kMaxAuthorsToPick)) {
            auto* o = pick->AddSectionDictionary("OPTION");
            o->SetIntValue("ID", a.id);
            o->SetValue("NAME", a.name + " (#" + std::to_string(a.id) + ")");
            if (a.id == who.id) o->ShowSection("SELECTED"), listed = true;
        }
        if (!listed) {
            auto* o = pick->AddSectionDictionary("OPTION");
            o->SetIntValue("ID", who.id);
            o->SetValue("NAME", who.name + " (#" + std::to_string(who.id) + ")");
            o->ShowSection("SELECTED");
        }
        if (!who.own) {
            pick->ShowSection("NOT_OWN");
            page.SetIntValue("AUTHOR_ID", who.id);
            page.ShowSection("AUTHOR_FIELD");
        }
    }
    return ctx.render(view);
}

http::Response show_dashboard(Context& ctx) { return dashboard_page(ctx, {}, 200); }

// ---- the CSV export ----

http::Response revenue_csv(Context& ctx) {
    const Subject who = subject(ctx);
    const Time now = ctx.now();
    const std::string from_text = ctx.req.field("from"), to_text = ctx.req.field("to");
    const auto to = to_text.empty() ? parse_date(format_date(now)) : parse_date(to_text);
    const auto from = from_text.empty() && to ? std::optional<Time>(to->plus_days(-(kDailyBars - 1))) : parse_date(from_text);
    auto refuse = [&](const std::string& why) { return dashboard_page(ctx, {from_text, to_text, why}, 422); };
    if (!from || !to) return refuse("Give both dates as a day, for example 2025-01-01 to 2025-03-31.");
    if (*to < *from)
        return refuse("The first day (" + format_date(*from) + ") comes after the last (" + format_date(*to) + "): swap them.");
    if ((to->us - from->us) / (86400LL * 1000000) + 1 > kMaxCsvDays)
        return refuse("Export at most three years at a time; split the range into smaller ones.");

    std::string body = "\xEF\xBB\xBF";  // the BOM: spreadsheets then read the file as UTF-8
    // One row per book, day and currency: the revenue column is in that row's currency.
    // units and revenue are the whole; the last four columns split them by edition.
    body += "date,book_id,isbn13,title,currency,units,revenue,print_units,print_revenue,ebook_units,ebook_revenue\r\n";
    for (const auto& r : ctx.store.revenue.book_days(who.id, format_date(*from), format_date(*to))) {
        body += r.day + "," + std::to_string(r.book_id) + "," + csv_field(r.isbn13.value_or(""), true) + "," +
                csv_field(r.title, true) + "," + r.currency + "," + std::to_string(r.units) + "," +
                format_plain_amount(r.revenue) + "," + std::to_string(r.units - r.digital_units) + "," +
                format_plain_amount(r.revenue - r.digital_revenue) + "," + std::to_string(r.digital_units) + "," +
                format_plain_amount(r.digital_revenue) + "\r\n";
    }
    http::Response response;
    response.content_type = "text/csv; charset=utf-8";
    response.header("Content-Disposition", "attachment; filename=\"bookfair-revenue-" + format_date(*from) + "-to-" +
                                               format_date(*to) + ".csv\"");
    response.body = std::move(body);
    return response;
}

}  // namespace

void register_dashboard_routes(App& app) {
    app.add("GET", "/dashboard", {show_dashboard, Access::Author});
    app.add("GET", "/dashboard/revenue.csv", {revenue_csv, Access::Author});
}

}  // namespace bf::pages
