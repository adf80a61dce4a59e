// Wishlists: /wishlists (the reader's named lists), /wishlists/{id} (one list: priority and note per book,
// move to cart, share), /wishlists/shared/{token} (a shared list, read-only, for anyone with the link).
//
// Sharing makes a random token (libsodium, 32 bytes) and keeps only its SHA-256, so the link is shown to
// the owner once, in the message after sharing; "new link" replaces it and "stop sharing" forgets it,
// after which the old link answers 404. Another reader's private list is 404 too, never 403, so ids
// reveal nothing.
#include <tuple>

#include "core/crypto.h"
#include "core/errors.h"
#include "core/text.h"
#include "pages/buying.h"
#include "pages/readers.h"

namespace bf::pages {
namespace {

const Field kNameField{"name", "Name of the new list", "text", "off", "For example \xE2\x80\x9C" "Birthday ideas\xE2\x80\x9D.", true,
                       true, static_cast<int>(store::kWishlistNameMax)};
const char* const kPriorityLabels[] = {"", "1 \xE2\x80\x93 must have", "2 \xE2\x80\x93 really want", "3 \xE2\x80\x93 would like",
                                       "4 \xE2\x80\x93 nice to have", "5 \xE2\x80\x93 some day"};
constexpr const char* kDefaultListName = "My wishlist";

int64_t number_param(Context& ctx, const char* name) {
    return path_id(ctx, "There is no such wishlist in your account.", name);
}

store::Wishlist own_list(Context& ctx) {
    const auto list = ctx.store.wishlists.find(ctx.require_user().id, number_param(ctx, "id"));
    if (!list) throw NotFound("There is no such wishlist in your account.");
    return *list;
}

std::string list_url(int64_t id) { return "/wishlists/" + std::to_string(id); }

void fill_items(ctemplate::TemplateDictionary& page, const std::vector<store::WishlistItem>& items, bool owner) {
    if (items.empty()) page.ShowSection("NO_ITEMS");
    for (const auto& it : items) {
        auto* d = page.AddSectionDictionary("ITEM");
        d->SetIntValue("BOOK_ID", it.book_id);
        d->SetValue("URL", "/books/" + it.slug);
        d->SetValue("TITLE", it.title);
        d->SetValue("AUTHOR", it.author);
        d->SetValue("PRICE", format_money(it.price, it.currency));
        d->SetIntValue("PRIORITY", it.priority);
        d->SetValue("PRIORITY_LABEL", kPriorityLabels[it.priority]);
        d->SetValue("ADDED", format_date(it.added));
        const std::string cover = cover_url(it.cover_path);
        if (!cover.empty()) d->SetValueAndShowSection("COVER_URL", cover, "HAS_COVER");
        else d->ShowSection("NO_COVER");
        if (!it.note.empty()) d->SetValueAndShowSection("NOTE", it.note, "HAS_NOTE");
        if (!it.available) d->ShowSection("UNAVAILABLE");
        if (!owner) {
            if (it.available) d->ShowSection("CAN_BUY");  // a friend's list: buy it for them
            continue;
        }
        auto* form = d->AddSectionDictionary("OWNER");
        form->SetValue("NOTE_VALUE", it.note);
        for (int p = 1; p <= 5; ++p) {
            auto* o = form->AddSectionDictionary("PRIORITY_OPTION");
            o->SetIntValue("VALUE", p);
            o->SetValue("LABEL", kPriorityLabels[p]);
            if (p == it.priority) o->ShowSection("SELECTED");
        }
        if (it.available) form->ShowSection("CAN_MOVE");
    }
}

// ---- the reader's lists ----------------------------------------------------------------

http::Response lists_page(Context& ctx, const FormState& form) {
    View view("wishlists/index.tpl", "Your wishlists");
    view.status = form.errors.empty() ? 200 : 422;
    auto& page = view.page();
    const auto lists = ctx.store.wishlists.lists(ctx.require_user().id);
    if (lists.empty()) page.ShowSection("NO_LISTS");
    for (const auto& l : lists) {
        auto* d = page.AddSectionDictionary("LIST");
        d->SetValue("URL", list_url(l.id));
        d->SetValue("NAME", l.name);
        d->SetValue("COUNT_TEXT", l.item_count == 1 ? "1 book" : std::to_string(l.item_count) + " books");
        d->ShowSection(l.shared ? "SHARED" : "PRIVATE");
    }
    add_form_errors(page, form);
    add_field(page, "NAME_FIELD", kNameField, form);
    return ctx.render(view);
}

http::Response show_lists(Context& ctx) { return lists_page(ctx, FormState{}); }

http::Response create_list(Context& ctx) {
    FormState form;
    form.values["name"] = ctx.req.field("name");
    try {
        const int64_t id = ctx.store.wishlists.create(ctx.require_user().id, form.values["name"], ctx.now());
        return http::Response::see_other(list_url(id), "Your list \xE2\x80\x9C" + trim(form.values["name"]) + "\xE2\x80\x9D is ready. Add books from their pages.");
    } catch (const Invalid& e) {
        form.errors = e.fields;
        return lists_page(ctx, form);
    }
}

// ---- one list ---------------------------------------------------------------------------

http::Response list_page(Context& ctx, const store::Wishlist& list, const FormState& form) {
    View view("wishlists/list.tpl", list.name);
    view.status = form.errors.empty() ? 200 : 422;
    auto& page = view.page();
    page.SetIntValue("ID", list.id);
    page.SetValue("NAME", list.name);
    page.ShowSection("OWNER_VIEW");
    page.ShowSection(list.shared ? "SHARED" : "PRIVATE");
    add_form_errors(page, form);
    FormState rename = form;
    if (!rename.values.count("name")) rename.values["name"] = list.name;
    add_field(page, "RENAME_FIELD", Field{"name", "List name", "text", "off", "", true, true,
                                          static_cast<int>(store::kWishlistNameMax)}, rename);
    fill_items(page, ctx.store.wishlists.items(list.id), true);
    // Just shared: the link (which only this redirect knows; we keep its fingerprint) to copy.
    const std::string token = ctx.req.field("shared");
    if (list.shared && !token.empty()) {
        const auto shared = ctx.store.wishlists.find_shared(crypto::sha256(token));
        if (shared && shared->id == list.id)
            page.SetValueAndShowSection("SHARE_URL", ctx.app.base_url() + "/wishlists/shared/" + token, "NEW_LINK");
    }
    return ctx.render(view);
}

http::Response show_list(Context& ctx) { return list_page(ctx, own_list(ctx), FormState{}); }

http::Response rename_list(Context& ctx) {
    const auto list = own_list(ctx);
    FormState form;
    form.values["name"] = ctx.req.field("name");
    try {
        ctx.store.wishlists.rename(list.user_id, list.id, form.values["name"], ctx.now());
    } catch (const Invalid& e) {
        form.errors = e.fields;
        return list_page(ctx, list, form);
    }
    return http::Response::see_other(list_url(list.id), "The list is renamed.");
}

http::Response delete_list(Context& ctx) {
    const auto list = own_list(ctx);
    ctx.store.wishlists.remove(list.user_id, list.id);
    return http::Response::see_other("/wishlists", "The list \xE2\x80\x9C" + list.name + "\xE2\x80\x9D is deleted.");
}

http::Response share_list(Context& ctx) {
    const auto list = own_list(ctx);
    const std::string token = crypto::random_token();
    ctx.store.wishlists.share(list.user_id, list.id, crypto::sha256(token), ctx.now());
    return http::Response::see_other(list_url(list.id) + "?shared=" + token,
                                     "Anyone with the link below can now see the list.");
}

http::Response revoke_list(Context& ctx) {
    const auto list = own_list(ctx);
    ctx.store.wishlists.revoke(list.user_id, list.id, ctx.now());
    return http::Response::see_other(list_url(list.id), "The list is private again: the old link no longer works.");
}

// POST /wishlists/items: from a book page; wishlist = a list id, or "new" for the default list.
http::Response add_item(Context& ctx) {
    const int64_t user_id = ctx.require_user().id;
    const int64_t book_id = parse_int(ctx.req.field("book_id"), 1, INT64_MAX / 10).value_or(0);
    const auto book = book_id > 0 ? ctx.store.catalog.find(book_id) : std::nullopt;
    if (!book || book->status != store::BookStatus::Published) throw NotFound("This book is not in the catalogue.");
    int64_t list_id = parse_int(ctx.req.field("wishlist"), 1, INT64_MAX / 10).value_or(0);
    std::string list_name = kDefaultListName;
    for (const auto& [id, name] : ctx.store.wishlists.names(user_id))
        if (list_id > 0 ? id == list_id : name == kDefaultListName) std::tie(list_id, list_name) = std::tie(id, name);
    if (list_id <= 0) list_id = ctx.store.wishlists.create(user_id, kDefaultListName, ctx.now());
    ctx.store.wishlists.add(user_id, list_id, book_id, ctx.now());  // refuses another reader's list
    return http::Response::see_other("/books/" + book->slug, "Saved to \xE2\x80\x9C" + list_name + "\xE2\x80\x9D.");
}

http::Response update_item(Context& ctx) {
    const auto list = own_list(ctx);
    const int64_t book_id = number_param(ctx, "book");
    try {
        ctx.store.wishlists.update_item(list.user_id, list.id, book_id, static_cast<int>(parse_int(ctx.req.field("priority"), 1, 1000).value_or(0)),
                                        ctx.req.field("note"));
    } catch (const Invalid& e) {
        return http::Response::see_other(list_url(list.id), e.fields.begin()->second, "error");
    }
    return http::Response::see_other(list_url(list.id) + "#item-" + std::to_string(book_id), "Saved.");
}

http::Response remove_item(Context& ctx) {
    const auto list = own_list(ctx);
    ctx.store.wishlists.remove_item(list.user_id, list.id, number_param(ctx, "book"));
    return http::Response::see_other(list_url(list.id), "Removed from the list.");
}

http::Response move_to_cart(Context& ctx) {
    const auto list = own_list(ctx);
    const int64_t book_id = number_param(ctx, "book");
    try {
        ctx.store.carts.add(store::CartOwner{list.user_id, std::nullopt}, book_id, 1, ctx.now());
    } catch (const HttpError& e) {
        return http::Response::see_other(list_url(list.id), e.what(), "error");
    } catch (const Invalid& e) {
        return http::Response::see_other(list_url(list.id), e.fields.begin()->second, "error");
    }
    ctx.store.wishlists.remove_item(list.user_id, list.id, book_id);
    return http::Response::see_other("/cart", "Moved from \xE2\x80\x9C" + list.name + "\xE2\x80\x9D to your cart.");
}

// ---- a shared list ---------------------------------------------------------------------------

http::Response show_shared(Context& ctx) {
    const auto list = ctx.store.wishlists.find_shared(crypto::sha256(ctx.req.param("token")));
    if (!list) throw NotFound("This wishlist is not shared (any more). Ask its owner for a new link.");
    View view("wishlists/list.tpl", list->name);
    view.has_form = true;  // "Add to cart" forms carry the visitor's CSRF token
    auto& page = view.page();
    page.SetValue("NAME", list->name);
    page.SetValueAndShowSection("OWNER_NAME", list->owner_name, "SHARED_VIEW");
    fill_items(page, ctx.store.wishlists.items(list->id, /*published_only=*/true), false);  // drafts stay private
    auto r = ctx.render(view);
    r.header("X-Robots-Tag", "noindex");
    r.header("Cache-Control", "private, no-store");  // nginx must not keep it: revoking ends the link at once
    return r;
}

}  // namespace

void add_wishlist_choice(ctemplate::TemplateDictionary& page, Context& ctx, const store::Book& book,
                         const std::vector<std::pair<int64_t, std::string>>& lists) {
    auto* d = page.AddIncludeDictionary("WISHLIST");
    d->SetFilename("wishlists/save.tpl");
    d->SetIntValue("BOOK_ID", book.id);
    if (!ctx.user()) {
        d->SetValueAndShowSection("LOGIN_URL", "/login?next=" + url_encode("/books/" + book.slug), "LOGGED_OUT");
        return;
    }
    auto* form = d->AddSectionDictionary("LOGGED_IN");
    if (lists.empty()) {
        form->ShowSection("FIRST_LIST");
        return;
    }
    auto* choose = form->AddSectionDictionary("CHOOSE");
    for (const auto& [id, name] : lists) {
        auto* o = choose->AddSectionDictionary("LIST_OPTION");
        o->SetIntValue("VALUE", id);
        o->SetValue("LABEL", name);
    }
}

void register_wishlist_routes(App& app) {
    app.add("GET", "/wishlists", {show_lists, Access::User});
    app.add("POST", "/wishlists", {create_list, Access::User});
    app.add("POST", "/wishlists/items", {add_item, Access::User});
    app.add("GET", "/wishlists/shared/{token}", {show_shared});
    app.add("GET", "/wishlists/{id}", {show_list, Access::User});
    app.add("POST", "/wishlists/{id}/rename", {rename_list, Access::User});
    app.add("POST", "/wishlists/{id}/delete", {delete_list, Access::User});
    app.add("POST", "/wishlists/{id}/share", {share_list, Access::User});
    app.add("POST", "/wishlists/{id}/revoke", {revoke_list, Access::User});
    app.add("POST", "/wishlists/{id}/items/{book}", {update_item, Access::User});
    app.add("POST", "/wishlists/{id}/items/{book}/remove", {remove_item, Access::User});
    app.add("POST", "/wishlists/{id}/items/{book}/cart", {move_to_cart, Access::User});
}

}  // namespace bf::pages
