// /admin/reports: sales by category over a date range (each category with everything under it),
// best sellers in the range and of all time, and the books running low. The bars are SVG drawn by
// the template from widths computed here.
#include <algorithm>
#include <map>

#include "core/errors.h"
#include "core/text.h"
#include "pages/admin_nav.h"

namespace bf::pages {
namespace {

constexpr int kDefaultDays = 30;
constexpr int kMaxDays = 3 * 366;
constexpr int kTopBooks = 10;
constexpr int kLowStockShown = 100;
constexpr int kBarWidth = 160;

const Field kFromField{"from", "From", "date", "off", "", true, true, 0};
const Field kToField{"to", "To (included)", "date", "off", "", true, true, 0};

// One category's figures; money kept per currency.
struct Figures {
    int64_t orders = 0, units = 0;
    std::map<std::string, Cents> revenue;  // by currency
};

std::string money_text(const std::map<std::string, Cents>& revenue) {
    if (revenue.empty()) return format_money(0);
    std::string s;
    for (const auto& [currency, cents] : revenue) s += (s.empty() ? "" : " · ") + format_money(cents, currency);
    return s;
}

int bar(int64_t part, int64_t whole) {
    if (whole <= 0 || part <= 0) return 0;
    return std::max(2, static_cast<int>(part * kBarWidth / whole));
}

void add_book_row(ctemplate::TemplateDictionary& row, const store::BestSeller& b, int rank) {
    row.SetIntValue("RANK", rank);
    row.SetValue("TITLE", b.title);
    row.SetValue("AUTHOR", b.author);
    if (b.status == "published") row.SetValueAndShowSection("URL", "/books/" + b.slug, "HAS_URL");
    else row.SetValueAndShowSection("BOOK_STATUS", b.status, "NO_URL");
    row.SetIntValue("UNITS", b.units);
}

http::Response reports(Context& ctx) {
    View view("admin/reports.tpl", "Reports");
    add_admin_nav(view, "reports");
    auto& page = view.page();

    // The range: whole UTC days, both ends included; by default the last 30 days up to today.
    FormState form;
    const Time today = *parse_date(format_date(ctx.now()));
    form.values["from"] = ctx.req.has("from") ? trim(ctx.req.field("from")) : format_date(today.plus_days(1 - kDefaultDays));
    form.values["to"] = ctx.req.has("to") ? trim(ctx.req.field("to")) : format_date(today);
    const auto from = parse_date(form.values["from"]);
    const auto to = parse_date(form.values["to"]);
    if (!from) form.errors["from"] = "Enter a date such as 2026-01-31.";
    if (!to) form.errors["to"] = "Enter a date such as 2026-01-31.";
    if (from && to && *to < *from) form.errors["to"] = "The end comes before the start.";
    else if (from && to && to->us - from->us > int64_t{kMaxDays} * 86400 * 1000000)
        form.errors["to"] = "Choose at most three years.";
    if (!form.errors.empty()) view.status = 422;
    add_form_errors(page, form);
    add_field(page, "FROM_FIELD", kFromField, form);
    add_field(page, "TO_FIELD", kToField, form);

    if (form.errors.empty()) {
        const Time end = to->plus_days(1);
        page.SetValue("RANGE", format_date(*from) + " to " + format_date(*to));
        auto* sales = page.AddSectionDictionary("HAS_RANGE");

        // Sales by category: every category that sold (ancestors include their descendants' sales),
        // shown in tree order; the top-level rows add up to the shop.
        std::map<int64_t, Figures> by_category;
        for (const auto& s : ctx.store.reports.sales_by_category(*from, end)) {
            auto& f = by_category[s.category_id];
            f.orders += s.orders;
            f.units += s.units;
            f.revenue[s.currency] += s.revenue;
        }
        const auto categories = ctx.store.category_admin.all();
        const auto walk = category_walk(categories);
        Figures total;
        for (const auto& n : walk) {
            if (n.depth != 0 || !by_category.count(n.category->id)) continue;
            const auto& f = by_category[n.category->id];
            total.units += f.units;
            for (const auto& [currency, cents] : f.revenue) total.revenue[currency] += cents;
        }
        sales->SetIntValue("TOTAL_UNITS", total.units);
        sales->SetValue("TOTAL_REVENUE", money_text(total.revenue));
        auto* table = by_category.empty() ? nullptr : sales->AddSectionDictionary("HAS_SALES");
        for (const auto& n : walk) {
            const auto it = by_category.find(n.category->id);
            if (it == by_category.end()) continue;
            auto* row = table->AddSectionDictionary("CATEGORY");
            row->SetIntValue("ID", n.category->id);
            row->SetValue("NAME", n.category->name);
            row->SetIntValue("DEPTH", std::min(n.depth, 6));
            if (n.depth == 0) row->ShowSection("TOP");
            row->SetIntValue("ORDERS", it->second.orders);
            row->SetIntValue("UNITS", it->second.units);
            row->SetValue("REVENUE", money_text(it->second.revenue));
            row->SetIntValue("BAR", bar(it->second.units, total.units));
            row->SetIntValue("BAR_MAX", kBarWidth);
        }
        if (by_category.empty()) sales->ShowSection("NO_SALES");

        const auto in_range = ctx.store.reports.best_sellers_in_range(*from, end, kTopBooks);
        int rank = 0;
        for (const auto& b : in_range) {
            auto* row = sales->AddSectionDictionary("RANGE_BOOK");
            add_book_row(*row, b, ++rank);
            row->SetValue("REVENUE", format_money(b.revenue, b.currency));
            row->SetIntValue("BAR", bar(b.units, in_range.front().units));
            row->SetIntValue("BAR_MAX", kBarWidth);
        }
        if (in_range.empty()) sales->ShowSection("NO_RANGE_BOOKS");
    }

    int rank = 0;
    for (const auto& b : ctx.store.reports.best_sellers_all_time(kTopBooks))
        add_book_row(*page.AddSectionDictionary("ALL_TIME_BOOK"), b, ++rank);

    const auto low = ctx.store.reports.low_stock(kLowStockShown + 1);
    auto* low_table = low.empty() ? nullptr : page.AddSectionDictionary("HAS_LOW");
    for (size_t i = 0; i < low.size() && i < kLowStockShown; ++i) {
        const auto& b = low[i];
        auto* row = low_table->AddSectionDictionary("LOW_BOOK");
        row->SetValue("TITLE", b.title);
        row->SetValue("EDIT_URL", "/dashboard/books/" + std::to_string(b.book_id));
        row->SetValue("AUTHOR", b.author);
        row->SetIntValue("STOCK", b.stock);
        row->SetIntValue("THRESHOLD", b.threshold);
        row->ShowSection(b.stock == 0 ? "OUT" : "LOW");
        if (b.backorder) row->ShowSection("BACKORDER");
    }
    if (low.empty()) page.ShowSection("NO_LOW_STOCK");
    if (low.size() > kLowStockShown) {
        page.SetIntValue("LOW_SHOWN", kLowStockShown);
        page.ShowSection("LOW_MORE");
    }
    return ctx.render(view);
}

}  // namespace

void register_admin_report_routes(App& app) { app.add("GET", "/admin/reports", {reports, Access::Admin}); }

}  // namespace bf::pages
