// Flash sales: the sale's page (/sales/{id}) with its countdown and buy button, the buy itself
// (POST /sales/{id}/buy), the home page's list, and the management pages for authors (their own books,
// /dashboard/sales) and admins (every book, /admin/sales) with live counts.
//
// A sale of a book's ebook (its units are licences) says so on every page that shows it, asks for no
// address, and its paid order puts the book in the buyer's /library.
//
// Answers to a buy: 303 to the payment page; 409 when sold out, not open yet, paused, or the customer
// already has their limit (the sale's state conflicts with the request and may change); 410 once the
// sale is over for good; 429 comes from nginx's limit_req before a worker is reached.
//
// Sold out is answered without touching the sale's row: each worker process remembers "sold out" per
// sale for flash_sold_out_ms (default 1000) and re-checks after that, so copies returned by failed or
// expired payments are sold again; the "sold out" page is the same for everyone and tells nginx
// (X-Accel-Expires) to keep it as long, so most refusals never reach a worker at all.
#include <chrono>
#include <cstdlib>

#include "core/crypto.h"
#include "core/errors.h"
#include "core/text.h"
#include "core/ttl_cache.h"
#include "pages/admin_nav.h"
#include "pages/buying.h"
#include "pages/flash_sales.h"

namespace bf::pages {
namespace {

constexpr int kHomeSales = 6;
constexpr int kManageLimit = 200;

const Field kBookField{"book_id", "Book", "", "", "Published books with copies in stock or an ebook for sale.", true, true, 0};
const Field kEditionField{"edition", "Edition", "", "", "An ebook sale sells licences: nothing leaves the stock or ships, and the buyer downloads from their library.", true, true, 0};
const std::vector<std::pair<std::string, std::string>> kEditions{{"print", "Printed copies"}, {"digital", "Ebook (licences)"}};
const Field kPriceField{"price", "Sale price", "text", "off", "Below the usual price of the edition on sale, for example 4.99.", true, true, 12};
const Field kQuantityField{"quantity", "Copies", "number", "off", "Printed copies leave the book's stock now and what is left goes back when the sale ends; an ebook sale's are licences.", true, true, 0};
const Field kStartField{"start_at", "Starts (UTC)", "datetime-local", "off", "", true, true, 0};
const Field kEndField{"end_at", "Ends (UTC)", "datetime-local", "off", "Optional: without an end the sale runs until sold out.", false, true, 0};
const Field kLimitField{"per_customer_limit", "Copies per customer", "number", "off", "", true, true, 0};

int flash_reservation_minutes(const App& app) {
    const int64_t m = app.config().get_int("flash_reservation_minutes", 5);
    return static_cast<int>(m < 1 ? 1 : m > 60 ? 60 : m);
}

int64_t sold_out_ms(const App& app) { return std::max<int64_t>(0, app.config().get_int("flash_sold_out_ms", 1000)); }

// Per process: sales found sold out, trusted for flash_sold_out_ms.
TtlCache<bool>& sold_out_board(const App& app) {
    static TtlCache<bool> board(std::chrono::milliseconds(sold_out_ms(app)), 10000);
    return board;
}

int64_t sale_id_param(Context& ctx) { return path_id(ctx, "There is no such flash sale."); }

// "2 days 3 h", "1 h 05 min", "4 min 10 s", "12 s".
std::string time_left(Time now, Time then) {
    int64_t s = std::max<int64_t>(0, then.seconds() - now.seconds());
    const int64_t d = s / 86400, h = s / 3600 % 24, m = s / 60 % 60, sec = s % 60;
    auto two = [](int64_t v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    if (d > 0) return std::to_string(d) + (d == 1 ? " day " : " days ") + std::to_string(h) + " h";
    if (h > 0) return std::to_string(h) + " h " + two(m) + " min";
    if (m > 0) return std::to_string(m) + " min " + two(sec) + " s";
    return std::to_string(sec) + " s";
}

std::string phase_name(store::FlashPhase p) {
    switch (p) {
        case store::FlashPhase::Upcoming: return "upcoming";
        case store::FlashPhase::Running: return "running";
        case store::FlashPhase::SoldOut: return "sold-out";
        case store::FlashPhase::Paused: return "paused";
        case store::FlashPhase::Ended: return "ended";
        case store::FlashPhase::Cancelled: return "cancelled";
    }
    return "";
}

std::string phase_label(store::FlashPhase p) {
    switch (p) {
        case store::FlashPhase::Upcoming: return "Coming soon";
        case store::FlashPhase::Running: return "On now";
        case store::FlashPhase::SoldOut: return "Sold out";
        case store::FlashPhase::Paused: return "Paused";
        case store::FlashPhase::Ended: return "Ended";
        case store::FlashPhase::Cancelled: return "Cancelled";
    }
    return "";
}

// What a sale card, the sale page and the management table share.
void add_sale(ctemplate::TemplateDictionary& d, const store::FlashSale& s, Time now) {
    const auto phase = s.phase(now);
    d.SetIntValue("ID", s.id);
    d.SetValue("URL", "/sales/" + std::to_string(s.id));
    d.SetValue("TITLE", s.book_title);
    d.SetValue("UNIT", s.digital ? "ebook" : "copy");
    d.SetValue("UNITS", s.digital ? "ebooks" : "copies");
    d.SetValue("UNITS_CAP", s.digital ? "Ebooks" : "Copies");
    if (s.digital) d.ShowSection("IS_EBOOK");
    d.SetValue("BOOK_URL", "/books/" + s.book_slug);
    d.SetValue("AUTHOR", s.author_name);
    d.SetValue("PRICE", format_money(s.price, s.currency));
    d.SetValue("REGULAR_PRICE", format_money(s.regular_price, s.currency));
    if (s.regular_price > 0 && s.price < s.regular_price)
        d.SetIntValue("SAVING", static_cast<long>((s.regular_price - s.price) * 100 / s.regular_price));
    d.SetIntValue("QUANTITY", s.quantity);
    d.SetIntValue("UNITS_LEFT", s.units_left);
    d.SetIntValue("LIMIT", s.per_customer_limit);
    d.SetValue("PHASE", phase_name(phase));
    d.SetValue("PHASE_LABEL", phase_label(phase));
    d.SetValue("START", format_human(s.start));
    d.SetValue("START_ISO", format_iso(s.start));
    if (s.end) d.SetValueAndShowSection("END", format_human(*s.end), "HAS_END");
    add_cover(d, s.cover_path, s.cover_alt, s.book_title, s.book_slug);
    switch (phase) {
        case store::FlashPhase::Upcoming: {
            auto* u = d.AddSectionDictionary("UPCOMING");
            u->SetValue("COUNTDOWN", time_left(now, s.start));
            u->SetIntValue("SECONDS_LEFT", static_cast<long>(std::max<int64_t>(0, s.start.seconds() - now.seconds())));
            break;
        }
        case store::FlashPhase::Running: d.ShowSection("RUNNING"); break;
        case store::FlashPhase::SoldOut: d.ShowSection("SOLD_OUT"); break;
        case store::FlashPhase::Paused: d.ShowSection("PAUSED"); break;
        default: d.ShowSection("OVER"); break;
    }
}

// ---- the sale's page ------------------------------------------------------------------------------

// What one copy costs the buyer, as the buy will price it: the sale price, standard shipping (none for
// an ebook), tax.
void add_price_to_pay(ctemplate::TemplateDictionary& page, const store::FlashSale& sale, const pricing::Rules& rules) {
    const auto quote = pricing::price({{sale.book_id, sale.price, 1, !sale.digital}}, std::nullopt,
                                      pricing::ShippingMethod::Standard, rules);
    if (!sale.digital)
        page.SetValueAndShowSection("SHIPPING", quote.shipping == 0 ? "free standard shipping"
                                                                     : format_money(quote.shipping, sale.currency) + " standard shipping",
                                    "SHIPS");
    if (quote.tax > 0) page.SetValueAndShowSection("TAX", format_money(quote.tax, sale.currency), "HAS_TAX");
    else page.ShowSection("NO_TAX");
    if (sale.digital) page.ShowSection("NO_SHIPPING");
    page.SetValue("TOTAL", format_money(quote.total, sale.currency));
}

http::Response sale_page(Context& ctx, const store::FlashSale& sale, FormState form, int status,
                         const std::string& error = "") {
    View view("flash/sale.tpl", "Flash sale: " + sale.book_title + (sale.digital ? " (ebook)" : ""));
    view.status = status;
    auto& page = view.page();
    add_sale(page, sale, ctx.now());
    add_price_to_pay(page, sale, shop_rules(ctx.app));
    const auto phase = sale.phase(ctx.now());
    const bool open = phase == store::FlashPhase::Running || phase == store::FlashPhase::Upcoming;
    if (!error.empty()) page.SetValueAndShowSection("ERROR", error, "HAS_ERROR");
    if (!ctx.user()) {
        if (open) page.SetValueAndShowSection("LOGIN_URL", "/login?next=" + url_encode("/sales/" + std::to_string(sale.id)),
                                              "LOG_IN_TO_BUY");
        return ctx.render(view);
    }
    const auto claims = ctx.store.flash_sales.claims_of(sale.id, ctx.user()->id);
    for (const auto& c : claims) {
        auto* d = page.AddSectionDictionary("CLAIM");
        d->SetValue("NUMBER", c.order_number);
        d->SetValue("STATUS", c.status == "paid" ? "paid" : "waiting for your payment");
    }
    const bool at_limit = static_cast<int>(claims.size()) >= sale.per_customer_limit;
    // A reader who owns the ebook already (bought outside this sale) is not offered it again.
    const bool owned = sale.digital && claims.empty() && ctx.store.editions.owns(ctx.user()->id, sale.book_id);
    if (owned) {
        page.ShowSection("OWNED");
        return ctx.render(view);
    }
    if (at_limit) page.ShowSection("AT_LIMIT");
    // Buying holds a copy: only accounts with a confirmed address buy (#12.6), so free accounts in
    // numbers cannot hoard a sale. The page says so and offers the link again.
    if (open && !at_limit && !ctx.user()->email_verified) {
        page.SetValueAndShowSection("EMAIL", ctx.user()->email, "CONFIRM_TO_BUY");
        return ctx.render(view);
    }
    if (open && !at_limit) {
        auto* buy = page.AddSectionDictionary("BUY_FORM");
        if (form.values["idempotency_key"].empty()) form.values["idempotency_key"] = crypto::random_token(24);
        buy->SetValue("IDEMPOTENCY_KEY", form.values["idempotency_key"]);
        buy->SetIntValue("HOLD_MINUTES", flash_reservation_minutes(ctx.app));
        buy->ShowSection(phase == store::FlashPhase::Upcoming ? "NOT_YET" : "NOW");
        add_form_errors(*buy, form);
        if (sale.digital) buy->ShowSection("EBOOK_DELIVERY");
        else add_address_choice(*buy->AddSectionDictionary("SHIP_TO"), ctx, form);
    }
    return ctx.render(view);
}

store::FlashSale load_sale(Context& ctx) {
    auto sale = ctx.store.flash_sales.find(sale_id_param(ctx));
    if (!sale) throw NotFound("There is no such flash sale.");
    return *sale;
}

http::Response show_sale(Context& ctx) {
    auto sale = load_sale(ctx);
    // Its book left the catalogue (the sale is paused or ended with it): readers cannot see either.
    if (!sale.book_published) throw NotFound("This sale's book is not in the catalogue at the moment.");
    return sale_page(ctx, sale, FormState{}, 200);
}

// A refusal; `shared` ones (sold out) are the same for everyone and nginx may keep them for a moment.
http::Response refused(Context& ctx, int64_t sale_id, int status, const std::string& heading, const std::string& message,
                       bool shared = false, const std::string& order_number = "", bool library_link = false) {
    View view("flash/refused.tpl", heading);
    view.status = status;
    view.shared = shared;
    auto& page = view.page();
    page.SetValue("HEADING", heading);
    page.SetValue("MESSAGE", message);
    page.SetValue("SALE_URL", "/sales/" + std::to_string(sale_id));
    if (!order_number.empty()) page.SetValueAndShowSection("ORDER_NUMBER", order_number, "HAS_ORDER");
    if (library_link) page.ShowSection("LIBRARY_LINK");
    http::Response r = ctx.render(view);
    if (shared && sold_out_ms(ctx.app) > 0)
        r.header("X-Accel-Expires", std::to_string(std::max<int64_t>(1, sold_out_ms(ctx.app) / 1000)));
    return r;
}

// `digital`: the sale is of an ebook, whose units are licences rather than printed copies.
http::Response sold_out(Context& ctx, int64_t sale_id, bool digital) {
    const std::string unit = digital ? "ebook licence" : "copy", units = digital ? "Licences" : "Copies";
    return refused(ctx, sale_id, 409, "Sold out",
                   "Every " + unit + " in this flash sale has been taken. " + units +
                       " from payments that fail or run out of time come back to the sale: look at the sale's page "
                       "again in a minute.",
                   true);
}

http::Response buy(Context& ctx) {
    const int64_t id = sale_id_param(ctx);
    // The board holds each sold-out sale's edition (true: an ebook's).
    if (sold_out_ms(ctx.app) > 0)
        if (const auto digital = sold_out_board(ctx.app).get(std::to_string(id))) return sold_out(ctx, id, *digital);

    FormState form;
    form.values["idempotency_key"] = ctx.req.field("idempotency_key");
    if (!valid_idempotency_key(form.values["idempotency_key"])) {
        form.values["idempotency_key"].clear();
        return sale_page(ctx, load_sale(ctx), form, 422, "This form was out of date. Please check and press Buy again.");
    }
    if (!ctx.require_user().email_verified)
        return sale_page(ctx, load_sale(ctx), form, 403, "Please confirm your email address before you buy: nothing was ordered.");
    // A print sale's form carries an address; an ebook sale's has none (the store knows which the sale is).
    std::optional<store::AddressInput> ship_to;
    if (ctx.req.has("address_choice")) {
        ship_to = address_from_form(ctx, form);
        if (!ship_to) return sale_page(ctx, load_sale(ctx), form, 422);
    }

    store::FlashBuy request;
    request.sale_id = id;
    request.user_id = ctx.require_user().id;
    request.idempotency_key = form.values["idempotency_key"];
    request.ship_to = ship_to;
    request.rules = shop_rules(ctx.app);
    request.reservation_minutes = flash_reservation_minutes(ctx.app);
    const auto result = ctx.store.flash_sales.buy(request, ctx.now());
    using R = store::FlashBuyResult;
    switch (result.outcome) {
        case R::Bought:
        case R::Repeated:
            if (result.placed.payment_ref.empty())
                return http::Response::see_other("/orders/" + result.placed.number, "This order was already placed.");
            return http::Response::see_other("/pay/" + result.placed.payment_ref,
                                             result.outcome == R::Bought ? "" : "You already pressed Buy: here is that order.");
        case R::SoldOut:
            if (sold_out_ms(ctx.app) > 0) sold_out_board(ctx.app).put(std::to_string(id), result.digital);
            return sold_out(ctx, id, result.digital);
        case R::NotStarted:
            return refused(ctx, id, 409, "Not open yet",
                           "This flash sale opens on " + format_human(*result.start) + ", in " +
                               time_left(ctx.now(), *result.start) + ". Nothing was ordered.");
        case R::Paused:
            return refused(ctx, id, 409, "Paused", "This flash sale is paused for the moment. Nothing was ordered.");
        case R::Ended:
            return refused(ctx, id, 410, "This sale is over", "This flash sale has ended. Nothing was ordered.");
        case R::LimitReached:
            return refused(ctx, id, 409, "You already have yours",
                           "This sale allows a limited number of copies per customer and you have them. Nothing more was "
                           "ordered.",
                           false, result.order_number);
        case R::AlreadyOwned:
            return refused(ctx, id, 409, "Already in your library",
                           "You own this ebook already: download it from your library. Nothing was ordered.", false, "",
                           true);
        case R::AddressNeeded:
            address_from_form(ctx, form);  // the messages for the missing address
            return sale_page(ctx, load_sale(ctx), form, 422);
    }
    throw std::logic_error("unknown flash buy outcome");
}

// ---- management -----------------------------------------------------------------------------------

bool admin_scope(const Context& ctx) { return starts_with(ctx.req.path, "/admin/"); }
std::string manage_url(const Context& ctx) { return admin_scope(ctx) ? "/admin/sales" : "/dashboard/sales"; }
store::FlashActor actor(const Context& ctx) {
    const auto& u = ctx.require_user();
    return {u.id, admin_scope(ctx) && u.role == "admin"};
}

http::Response manage_page(Context& ctx, FormState form, int status) {
    const bool admin = admin_scope(ctx);
    View view("flash/manage.tpl", "Flash sales");
    view.status = status;
    if (admin) add_admin_nav(view, "sales");
    auto& page = view.page();
    page.SetValue("ACTION", manage_url(ctx));
    if (admin) page.ShowSection("SHOW_AUTHOR");
    const std::optional<int64_t> author = admin ? std::nullopt : std::optional<int64_t>(ctx.require_user().id);
    const auto sales = ctx.store.flash_sales.manage(author, kManageLimit);
    for (const auto& s : sales) {
        auto* row = page.AddSectionDictionary("SALE");
        add_sale(*row, s, ctx.now());
        row->SetIntValue("SOLD", s.sold);
        row->SetIntValue("RESERVED", s.reserved);
        row->SetIntValue("RETURNED", s.units_returned);
        row->SetValue("MANAGE_URL", manage_url(ctx));
        // The row's own section: inside the page's SHOW_AUTHOR, {{AUTHOR}} would not see the row's values.
        if (admin) row->ShowSection("AUTHOR_CELL");
        const bool open = s.status == "active" || s.status == "paused";
        if (open && !s.book_published) row->ShowSection("BOOK_NOT_PUBLISHED");
        if (s.status == "active") row->ShowSection("CAN_PAUSE");
        if (s.status == "paused" && s.book_published) row->ShowSection("CAN_RESUME");
        if (s.status == "active" || s.status == "paused") row->ShowSection("CAN_CANCEL");
    }
    if (sales.empty()) page.ShowSection("NO_SALES");
    else page.ShowSection("HAS_SALES");

    std::vector<std::pair<std::string, std::string>> books;
    for (const auto& b : ctx.store.catalog.sale_candidates(author, 500))
        books.emplace_back(std::to_string(b.id), b.title + " (" +
                                                     (b.print_edition ? std::to_string(b.stock) + " in stock" : "ebook only") +
                                                     ", " + format_money(b.price_now(), b.currency) + ")");
    if (books.empty()) page.ShowSection("NO_BOOKS");
    else {
        auto* f = page.AddSectionDictionary("CREATE_FORM");
        add_form_errors(*f, form);
        add_select(*f, "BOOK_FIELD", kBookField, books, form);
        add_select(*f, "EDITION_FIELD", kEditionField, kEditions, form);
        add_field(*f, "PRICE_FIELD", kPriceField, form);
        add_field(*f, "QUANTITY_FIELD", kQuantityField, form);
        add_field(*f, "LIMIT_FIELD", kLimitField, form);
        add_field(*f, "START_FIELD", kStartField, form);
        add_field(*f, "END_FIELD", kEndField, form);
    }
    return ctx.render(view);
}

http::Response show_manage(Context& ctx) {
    FormState form;
    form.values["per_customer_limit"] = "1";
    form.values["edition"] = "print";
    form.values["start_at"] = format_minutes(ctx.now().plus_hours(1));
    return manage_page(ctx, form, 200);
}

http::Response create_sale(Context& ctx) {
    FormState form;
    for (const char* name : {"book_id", "edition", "price", "quantity", "start_at", "end_at", "per_customer_limit"})
        form.values[name] = trim(ctx.req.field(name));
    store::FlashSaleInput in;
    // Out of range or not a number reads as 0, which the store refuses with its own message.
    in.book_id = parse_int(form.values["book_id"], 1, INT64_MAX / 10).value_or(0);
    if (in.book_id <= 0) form.errors["book_id"] = "Choose a book.";
    // No edition field (an older form): printed copies, as before ebook sales.
    if (form.values["edition"].empty()) form.values["edition"] = "print";
    if (form.values["edition"] != "print" && form.values["edition"] != "digital")
        form.errors["edition"] = "Choose printed copies or the ebook.";
    in.digital = form.values["edition"] == "digital";
    const auto price = parse_money(form.values["price"]);
    if (!price) form.errors["price"] = "Enter a price such as 4.99.";
    else in.price = *price;
    in.quantity = static_cast<int>(parse_int(form.values["quantity"], 1, 1000000).value_or(0));
    in.per_customer_limit = static_cast<int>(parse_int(form.values["per_customer_limit"], 1, 10).value_or(0));
    const auto start = parse_minutes(form.values["start_at"]);
    if (!start) form.errors["start_at"] = "Enter the start as a date and time.";
    else in.start = *start;
    if (!form.values["end_at"].empty()) {
        in.end = parse_minutes(form.values["end_at"]);
        if (!in.end) form.errors["end_at"] = "Enter the end as a date and time, or leave it empty.";
    }
    if (!form.errors.empty()) return manage_page(ctx, form, 422);
    try {
        const int64_t id = ctx.store.flash_sales.create(in, actor(ctx), ctx.now());
        return http::Response::see_other(manage_url(ctx), "Flash sale created: /sales/" + std::to_string(id) + ".");
    } catch (const Invalid& e) {
        form.errors = e.fields;
        return manage_page(ctx, form, 422);
    }
}

// Cancelling cannot be undone: the first press shows what it will do and asks again.
http::Response confirm_cancel(Context& ctx, const store::FlashSale& sale) {
    View view("flash/confirm_cancel.tpl", "Cancel the flash sale?");
    view.has_form = true;
    if (admin_scope(ctx)) add_admin_nav(view, "sales");
    auto& page = view.page();
    if (admin_scope(ctx)) page.ShowSection("IS_ADMIN_PAGE");
    add_sale(page, sale, ctx.now());
    page.SetValue("MANAGE_URL", manage_url(ctx));
    return ctx.render(view);
}

http::Response act_on_sale(Context& ctx) {
    const int64_t id = sale_id_param(ctx);
    const std::string action = ctx.req.field("action");
    if (action == "cancel" && ctx.req.field("confirm") != "1") return confirm_cancel(ctx, load_sale(ctx));
    store::FlashAction a;
    std::string done;
    if (action == "pause") a = store::FlashAction::Pause, done = "Sale paused.";
    else if (action == "resume") a = store::FlashAction::Resume, done = "Sale resumed.";
    else if (action == "cancel") a = store::FlashAction::Cancel, done = "Sale cancelled; any printed copies left went back to the book's stock.";
    else throw BadRequest("Unknown action.");
    ctx.store.flash_sales.act(id, a, actor(ctx), ctx.now());
    return http::Response::see_other(manage_url(ctx), done);
}

}  // namespace

// The home page's "Flash sales": running and upcoming, soonest first.
void add_flash_sales(ctemplate::TemplateDictionary& page, Context& ctx) {
    const auto sales = ctx.store.flash_sales.listed(ctx.now(), kHomeSales);
    for (const auto& s : sales) add_sale(*page.AddSectionDictionary("FLASH_SALE"), s, ctx.now());
    if (!sales.empty()) page.ShowSection("HAS_FLASH_SALES");
}

void add_book_flash_sales(ctemplate::TemplateDictionary& page, const std::vector<store::FlashSale>& sales, Time now) {
    for (const auto& s : sales) {
        const auto phase = s.phase(now);
        if (phase == store::FlashPhase::Running || phase == store::FlashPhase::Upcoming || phase == store::FlashPhase::SoldOut)
            add_sale(*page.AddSectionDictionary("FLASH_SALE"), s, now);
    }
}

void register_flash_sale_routes(App& app) {
    app.add("GET", "/sales/{id}", {show_sale});
    app.add("POST", "/sales/{id}/buy", {buy, Access::User});
    app.add("GET", "/dashboard/sales", {show_manage, Access::Author});
    app.add("POST", "/dashboard/sales", {create_sale, Access::Author});
    app.add("POST", "/dashboard/sales/{id}", {act_on_sale, Access::Author});
    app.add("GET", "/admin/sales", {show_manage, Access::Admin});
    app.add("POST", "/admin/sales", {create_sale, Access::Admin});
    app.add("POST", "/admin/sales/{id}", {act_on_sale, Access::Admin});
}

}  // namespace bf::pages
