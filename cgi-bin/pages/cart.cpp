// The cart: add from a book page, change quantities, remove, apply a coupon, see current prices and totals.
// Guests get a session (and so a cart) on their first add; at login the cart joins the user's.
#include <algorithm>

#include "core/errors.h"
#include "core/text.h"
#include "pages/buying.h"

namespace bf::pages {
namespace {

// What went wrong with the last action, shown on the re-rendered cart.
struct CartMessages {
    int status = 200;
    std::string general;
    int64_t line_book = 0;
    std::string line_error;
    std::string coupon_value;
    std::string coupon_error;
};

void describe_availability(ctemplate::TemplateDictionary& d, const store::CartLine& l) {
    std::string warning;
    // Each unavailable line says why, so the reader knows whether to wait or to remove it.
    if (l.digital) {
        if (!l.published) warning = "Unavailable: the book is no longer published. Please remove it.";
        else if (!l.edition_for_sale) warning = "Unavailable: the author has stopped selling this ebook. Please remove it.";
        else if (!l.edition_has_file) warning = "Unavailable: the ebook's file is not uploaded yet (coming soon). Please remove it for now.";
        if (!warning.empty()) d.SetValueAndShowSection("WARNING", warning, "HAS_WARNING");
        return;
    }
    if (!l.published) warning = "Unavailable: the book is no longer published. Please remove it.";
    else if (!l.print_edition) warning = "Unavailable: this book is now sold as an ebook only. Remove the printed copies and add the ebook.";
    else if (!l.allow_backorder && l.stock == 0) warning = "Sold out: please remove it.";
    else if (!l.allow_backorder && l.quantity > l.stock)
        warning = "Only " + std::to_string(l.stock) + " left: lower the quantity.";
    else if (l.allow_backorder && l.quantity > l.stock)
        d.SetValueAndShowSection("NOTE", std::to_string(l.quantity - std::max(l.stock, 0)) +
                                             " on backorder: ships when restocked.", "HAS_NOTE");
    else if (l.stock <= 5) d.SetValueAndShowSection("NOTE", "Only " + std::to_string(l.stock) + " left.", "HAS_NOTE");
    if (!warning.empty()) d.SetValueAndShowSection("WARNING", warning, "HAS_WARNING");
}

http::Response cart_page(Context& ctx, const CartMessages& m) {
    View view("buying/cart.tpl", "Your cart");
    view.has_form = true;
    view.status = m.status;
    auto& page = view.page();
    if (!m.general.empty()) page.SetValueAndShowSection("ERROR", m.general, "HAS_ERROR");
    const auto cart = ctx.store.carts.load(cart_owner(ctx), ctx.now());
    if (cart.lines.empty()) {
        page.ShowSection("EMPTY");
        return ctx.render(view);
    }
    auto* items = page.AddSectionDictionary("HAS_ITEMS");
    bool all_available = true;
    std::string currency = cart.lines.front().currency;
    for (const auto& l : cart.lines) {
        auto* d = items->AddSectionDictionary("LINE");
        d->SetIntValue("BOOK_ID", l.book_id);
        d->SetValue("URL", "/books/" + l.slug);
        d->SetValue("TITLE", l.title);
        d->SetValue("AUTHOR", l.author);
        add_cover(*d, l.cover_path, l.cover_alt, l.title, l.slug);
        d->SetValue("UNIT_PRICE", format_money(l.unit_price, l.currency));
        if (l.regular_price > l.unit_price)
            d->SetValueAndShowSection("REGULAR_PRICE", format_money(l.regular_price, l.currency), "ON_SALE");
        d->SetIntValue("QUANTITY", l.quantity);
        d->ShowSection(l.digital ? "EBOOK" : "PRINT");
        d->SetIntValue("MAX", l.allow_backorder ? store::Carts::kMaxQuantity
                                                : std::clamp(l.stock, 1, store::Carts::kMaxQuantity));
        d->SetValue("LINE_TOTAL", format_money(l.unit_price * l.quantity, l.currency));
        describe_availability(*d, l);
        if (m.line_book == l.book_id && !m.line_error.empty())
            d->SetValueAndShowSection("LINE_ERROR", m.line_error, "HAS_LINE_ERROR");
        all_available = all_available && l.available();
    }

    // Totals as they stand today, with standard shipping; checkout lets the buyer choose.
    std::optional<pricing::CouponTerms> terms;
    std::optional<store::Coupon> coupon;
    std::string coupon_problem;
    if (cart.coupon_code) {
        coupon = ctx.store.coupons.find(*cart.coupon_code);
        coupon_problem = coupon ? ctx.store.coupons.problem(*coupon, cart_owner(ctx).user_id, ctx.now())
                                : "This coupon no longer exists.";
        if (coupon && coupon_problem.empty()) {
            std::vector<int64_t> ids;
            for (const auto& l : cart.lines) ids.push_back(l.book_id);
            terms = ctx.store.coupons.terms(*coupon, ids);
        }
    }
    const auto b = pricing::price(pricing_lines(cart), terms, pricing::ShippingMethod::Standard, shop_rules(ctx.app));
    if (terms && !b.coupon_applied) coupon_problem = b.coupon_problem;
    add_breakdown(*items, b, currency);
    items->SetValue("UNITS", count_of(cart.item_count(), "item", "items"));
    items->ShowSection(cart.ships() ? "SHIPS" : "NOTHING_SHIPS");
    if (!cart.ships()) {
    } else if (b.free_shipping) items->ShowSection("FREE_SHIPPING");
    else if (const auto rules = shop_rules(ctx.app); b.subtotal - b.discount < rules.free_shipping_threshold)
        items->SetValueAndShowSection("FREE_SHIPPING_GAP",
                                      format_money(rules.free_shipping_threshold - (b.subtotal - b.discount), currency),
                                      "SHOW_FREE_SHIPPING_GAP");
    if (cart.coupon_code) {
        auto* c = items->AddSectionDictionary("COUPON_APPLIED");
        c->SetValue("CODE", *cart.coupon_code);
        if (!coupon_problem.empty()) c->SetValueAndShowSection("PROBLEM", coupon_problem, "HAS_PROBLEM");
    } else {
        auto* c = items->AddSectionDictionary("COUPON_FORM");
        c->SetValue("VALUE", m.coupon_value);
        if (!m.coupon_error.empty()) c->SetValueAndShowSection("COUPON_ERROR", m.coupon_error, "HAS_COUPON_ERROR");
    }
    items->ShowSection(all_available ? "CAN_CHECKOUT" : "CANNOT_CHECKOUT");
    return ctx.render(view);
}

http::Response show_cart(Context& ctx) { return cart_page(ctx, CartMessages{}); }

// Turns the store's typed failures into a re-rendered cart with the message in the right place.
template <class F>
http::Response cart_action(Context& ctx, int64_t book_id, F&& action) {
    CartMessages m;
    std::string message;
    try {
        return action();
    } catch (const Invalid& e) {
        m.status = 422;
        message = e.fields.begin()->second;
    } catch (const SoldOut& e) {
        m.status = 409;
        message = e.what();
    } catch (const NotFound& e) {
        m.status = 404;
        message = e.what();
    } catch (const Conflict& e) {
        m.status = 409;
        message = e.what();
    }
    // Next to the line when the cart holds that book, else on top of the page.
    const auto cart = ctx.store.carts.load(cart_owner(ctx), ctx.now());
    if (std::any_of(cart.lines.begin(), cart.lines.end(), [&](const auto& l) { return l.book_id == book_id; })) {
        m.line_book = book_id;
        m.line_error = message;
    } else {
        m.general = message;
    }
    return cart_page(ctx, m);
}

const std::string kQuantityMessage = "Choose a quantity from 1 to 99.";

// POST /cart/items (book_id, quantity, edition = print | digital): from a book page.
http::Response add_to_cart(Context& ctx) {
    const auto edition = ctx.req.field("edition") == "digital" ? store::Edition::Digital : store::Edition::Print;
    const auto book_id = parse_int(ctx.req.field("book_id"), 0, INT64_MAX / 2);
    const std::string quantity_text = trim(ctx.req.field("quantity"));
    const auto quantity = quantity_text.empty() ? std::optional<int64_t>(1) : parse_int(quantity_text, 0, 1000000);
    return cart_action(ctx, book_id.value_or(0), [&] {
        if (!book_id || *book_id == 0) throw NotFound("That book is not for sale.");
        if (!quantity || *quantity < 1 || *quantity > store::Carts::kMaxQuantity) throw Invalid("quantity", kQuantityMessage);
        if (!ctx.user()) ctx.ensure_session();  // a guest's cart lives with their session
        ctx.store.carts.add(cart_owner(ctx), *book_id, static_cast<int>(*quantity), ctx.now(), edition);
        return http::Response::see_other("/cart", edition == store::Edition::Digital ? "The ebook is in your cart."
                                                                                     : "Added to your cart.");
    });
}

// POST /cart/items/{book_id}: change the quantity (0 removes).
http::Response update_quantity(Context& ctx) {
    const auto book_id = parse_int(ctx.req.param("book_id"), 0, INT64_MAX / 2);
    if (!book_id) throw NotFound();
    const auto quantity = parse_int(trim(ctx.req.field("quantity")), 0, 1000000);
    return cart_action(ctx, *book_id, [&] {
        if (!quantity || *quantity > store::Carts::kMaxQuantity)
            throw Invalid("quantity", "Choose a quantity from 0 (remove) to 99.");
        if (cart_owner(ctx).none()) throw NotFound("That book is not in your cart.");
        ctx.store.carts.set_quantity(cart_owner(ctx), *book_id, static_cast<int>(*quantity), ctx.now());
        return http::Response::see_other("/cart", *quantity == 0 ? "Removed from your cart." : "Quantity updated.");
    });
}

// POST /cart/items/{book_id}/remove
http::Response remove_item(Context& ctx) {
    const auto book_id = parse_int(ctx.req.param("book_id"), 0, INT64_MAX / 2);
    if (!book_id) throw NotFound();
    if (!cart_owner(ctx).none()) ctx.store.carts.remove(cart_owner(ctx), *book_id, ctx.now());
    return http::Response::see_other("/cart", "Removed from your cart.");
}

// POST /cart/coupon (code): checked against the cart now, and again when the order is placed.
http::Response apply_coupon(Context& ctx) {
    const std::string code = store::Coupons::normalize_code(ctx.req.field("code"));
    CartMessages m;
    m.coupon_value = code;
    const auto owner = cart_owner(ctx);
    const auto cart = ctx.store.carts.load(owner, ctx.now());
    if (cart.lines.empty()) return http::Response::see_other("/cart", "Add a book before using a coupon.", "error");
    if (code.empty()) m.coupon_error = "Enter a coupon code.";
    else if (code.size() > 40) m.coupon_error = "That is not a coupon code we know.";
    else if (const auto coupon = ctx.store.coupons.find(code); !coupon) m.coupon_error = "That is not a coupon code we know.";
    else if (auto p = ctx.store.coupons.problem(*coupon, owner.user_id, ctx.now()); !p.empty()) m.coupon_error = p;
    else {
        std::vector<int64_t> ids;
        for (const auto& l : cart.lines) ids.push_back(l.book_id);
        const auto b = pricing::price(pricing_lines(cart), ctx.store.coupons.terms(*coupon, ids),
                                      pricing::ShippingMethod::Standard, shop_rules(ctx.app));
        if (!b.coupon_applied) m.coupon_error = b.coupon_problem;
    }
    if (!m.coupon_error.empty()) {
        m.status = 422;
        return cart_page(ctx, m);
    }
    ctx.store.carts.set_coupon(owner, code, ctx.now());
    return http::Response::see_other("/cart", "Coupon " + code + " applied.");
}

http::Response remove_coupon(Context& ctx) {
    if (!cart_owner(ctx).none()) ctx.store.carts.set_coupon(cart_owner(ctx), std::nullopt, ctx.now());
    return http::Response::see_other("/cart", "Coupon removed.");
}

}  // namespace

void register_cart_routes(App& app) {
    app.add("GET", "/cart", {show_cart});
    Route add{add_to_cart};
    add.guest_same_origin = true;  // the cacheable book page gives session-less guests no CSRF token
    app.add("POST", "/cart/items", add);
    app.add("POST", "/cart/items/{book_id}", {update_quantity});
    app.add("POST", "/cart/items/{book_id}/remove", {remove_item});
    app.add("POST", "/cart/coupon", {apply_coupon});
    app.add("POST", "/cart/coupon/remove", {remove_coupon});
}

}  // namespace bf::pages
