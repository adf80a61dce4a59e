// Authors' books: the dashboard list, the create and edit form (with the cover upload), and
// publish / unpublish / archive. An author acts on their own books only; an admin on any.
#include <algorithm>
#include <cstdlib>

#include "core/crypto.h"
#include "core/errors.h"
#include "core/isbn.h"
#include "core/log.h"
#include "core/text.h"
#include "http/upload.h"
#include "pages/catalog_view.h"
#include "pages/context.h"
#include "pages/owned_book.h"

namespace bf::pages {

store::Book owned_book(Context& ctx) {
    auto book = ctx.store.catalog.find(path_id(ctx, "There is no such book."));
    if (!book) throw NotFound("There is no such book.");
    if (book->author_id != ctx.require_user().id && !(ctx.user()->role == "admin"))
        throw Forbidden("This book belongs to another author: only they can change it.");
    return *book;
}

namespace {

constexpr size_t kMaxCoverBytes = 5 << 20;
constexpr size_t kMaxTags = 10;
constexpr size_t kMaxTagLength = 40;
constexpr int kDashboardLimit = 500;

const Field kTitleField{"title", "Title", "text", "off", "", true, true, 200};
const Field kSubtitleField{"subtitle", "Subtitle", "text", "off", "", false, true, 200};
const Field kDescriptionField{"description", "Description", "", "", "A blank line starts a new paragraph.", true, true, 20000};
const Field kIsbnField{"isbn13", "ISBN-13", "text", "off", "13 digits, hyphens allowed. Leave empty if the book has none.", false, true, 17};
const Field kCategoryField{"category", "Category", "", "", "", true, true, 0};
const Field kLanguageField{"language", "Language", "", "", "", true, true, 0};
const Field kPagesField{"page_count", "Pages", "number", "off", "", false, true, 0};
const Field kDateField{"publication_date", "Publication date", "date", "off", "", false, true, 0};
const Field kPriceField{"price", "Price", "text", "off", "For example 14.99.", true, true, 12};
const Field kSalePriceField{"sale_price", "Sale price", "text", "off", "Leave empty when the book is not on sale; must be below the price.", false, true, 12};
const Field kCurrencyField{"currency", "Currency", "", "", "", true, true, 0};
const Field kStockField{"stock", "Copies in stock", "number", "off", "", true, true, 0};
const Field kLowStockField{"low_stock_threshold", "Low-stock warning at", "number", "off", "The dashboard highlights the book at or below this many copies.", true, true, 0};
const Field kTagsField{"tags", "Tags", "text", "off", "Up to 10, separated by commas: readers can search for them.", false, true, 500};
const Field kCoverAltField{"cover_alt", "Cover description", "text", "off", "Describe the cover for readers who cannot see it.", false, true, 300};

const std::vector<std::pair<std::string, std::string>> kCurrencies = {{"USD", "US dollar"}, {"EUR", "Euro"}, {"GBP", "Pound sterling"}};

bool is_admin(const Context& ctx) { return ctx.user() && ctx.user()->role == "admin"; }

std::vector<std::string> split_tags(const std::string& text) {
    std::vector<std::string> tags;
    for (auto& tag : split_trimmed(text)) {
        bool seen = false;
        for (const auto& t : tags) seen = seen || to_lower(t) == to_lower(tag);
        if (!seen) tags.push_back(std::move(tag));
    }
    return tags;
}

std::string join_tags(const std::vector<std::string>& tags) {
    std::string out;
    for (const auto& t : tags) out += (out.empty() ? "" : ", ") + t;
    return out;
}

struct BookForm {
    FormState state;
    store::BookInput input;
    const http::UploadedFile* cover = nullptr;
    http::ImageType cover_type = http::ImageType::Unknown;
};

// Reads and checks the form; every wrong field gets its message in state.errors.
BookForm read_book_form(Context& ctx, const store::CategoryTree& tree) {
    BookForm f;
    auto& v = f.state.values;
    auto& e = f.state.errors;
    auto& in = f.input;
    for (const char* name : {"title", "subtitle", "description", "isbn13", "category", "language", "page_count",
                             "publication_date", "price", "sale_price", "currency", "stock", "stock_seen",
                             "low_stock_threshold", "tags", "cover_alt"})
        v[name] = trim(ctx.req.field(name));
    v["description"] = normalize_newlines(ctx.req.field("description"));  // keeps its paragraphs
    if (ctx.req.field("allow_backorder") == "1") v["allow_backorder"] = "1";
    v["editions"] = ctx.req.field("editions") == "ebook_only" ? "ebook_only" : "print";
    if (ctx.req.field("featured") == "1") v["featured"] = "1";

    in.title = v["title"];
    if (in.title.empty()) e["title"] = "Give the book a title.";
    else if (utf8_length(in.title) > 200) e["title"] = "A title can be at most 200 characters long.";
    in.subtitle = v["subtitle"];
    if (utf8_length(in.subtitle) > 200) e["subtitle"] = "A subtitle can be at most 200 characters long.";
    in.description = trim(v["description"]);
    if (in.description.empty()) e["description"] = "Tell readers what the book is about.";
    else if (in.description.size() > 20000) e["description"] = "The description can be at most 20,000 characters long.";
    if (!v["isbn13"].empty()) {
        in.isbn13 = normalize_isbn13(v["isbn13"]);
        if (!in.isbn13) e["isbn13"] = "This is not a valid ISBN-13: check the 13 digits (the last one is a check digit).";
    }
    if (const auto* c = tree.find_slug(v["category"])) in.category_id = c->id;
    else e["category"] = "Choose a category.";
    in.language = v["language"];
    if (language_name(in.language) == in.language) e["language"] = "Choose a language.";
    if (!v["page_count"].empty()) {
        in.page_count = parse_int(v["page_count"], 1, 100000);
        if (!in.page_count) e["page_count"] = "Enter the number of pages, or leave it empty.";
    }
    if (!v["publication_date"].empty()) {
        if (parse_date(v["publication_date"])) in.publication_date = v["publication_date"];
        else e["publication_date"] = "Enter a date like 2024-03-31, or leave it empty.";
    }
    const auto price = parse_money(v["price"]);
    if (!price || *price <= 0 || *price > 100000000) e["price"] = "Enter a price such as 14.99.";
    else in.price = *price;
    if (!v["sale_price"].empty()) {
        in.sale_price = parse_money(v["sale_price"]);
        if (!in.sale_price) e["sale_price"] = "Enter a sale price such as 9.99, or leave it empty.";
        else if (price && *in.sale_price >= *price) e["sale_price"] = "The sale price must be lower than the regular price.";
    }
    in.currency = v["currency"];
    bool known_currency = false;
    for (const auto& [code, name] : kCurrencies) known_currency = known_currency || code == in.currency;
    if (!known_currency) e["currency"] = "Choose a currency.";
    const auto stock = parse_int(v["stock"], 0, 1000000);
    const auto seen = v["stock_seen"].empty() ? std::optional<int64_t>(0) : parse_int(v["stock_seen"], 0, 1000000);
    if (!stock || !seen) e["stock"] = "Enter how many copies you have, 0 or more.";
    else in.stock_delta = *stock - *seen;
    const auto low = parse_int(v["low_stock_threshold"], 0, 1000000);
    if (!low) e["low_stock_threshold"] = "Enter a number, 0 or more.";
    else in.low_stock_threshold = *low;
    in.allow_backorder = v.count("allow_backorder") > 0;
    in.print_edition = v["editions"] != "ebook_only";
    if (is_admin(ctx)) in.featured = v.count("featured") > 0;
    in.tags = split_tags(v["tags"]);
    if (in.tags.size() > kMaxTags) e["tags"] = "Use at most 10 tags.";
    for (const auto& t : in.tags)
        if (utf8_length(t) > kMaxTagLength || slugify(t).empty()) e["tags"] = "Each tag needs a letter or digit and at most 40 characters.";
    in.cover_alt = v["cover_alt"];
    if (utf8_length(in.cover_alt) > 300) e["cover_alt"] = "The cover description can be at most 300 characters long.";

    // Titles and descriptions reach every page and the subscribers' emails: plain text only, as every
    // other form in the shop (no NUL or escape codes; line breaks only in the description).
    for (const auto& [name, multiline] : {std::pair<const char*, bool>{"title", false}, {"subtitle", false},
                                          {"description", true}, {"tags", false}, {"cover_alt", false}})
        if (!is_plain_text(v[name], multiline)) e[name] = "Use letters, digits and punctuation only (no control characters).";

    f.cover = ctx.req.file("cover");
    if (f.cover) {
        f.cover_type = http::sniff_image(f.cover->data);
        if (f.cover->data.size() > kMaxCoverBytes)
            e["cover"] = "This image is " + std::to_string((f.cover->data.size() * 10 >> 20) / 10) + "." +
                         std::to_string((f.cover->data.size() * 10 >> 20) % 10) + " MB; a cover can be at most 5 MB.";
        else if (f.cover_type == http::ImageType::Unknown)
            e["cover"] = "The cover must be a JPEG, PNG or WebP image, and this file is none of those (whatever its name says).";
    }
    if (in.cover_alt.empty() && f.cover) in.cover_alt = "Cover of " + in.title;
    return f;
}

// Saves the uploaded cover under uploads_dir with a random name; answers its path.
std::optional<std::string> save_cover(Context& ctx, const BookForm& f) {
    if (!f.cover) return std::nullopt;
    const std::string path = "covers/" + crypto::random_token(18) + "." + http::image_extension(f.cover_type);
    http::store_file(ctx.app.uploads_dir(), path, f.cover->data);
    return path;
}

// The store refused the book: the cover saved for it names nothing and goes again.
void discard_cover(Context& ctx, const BookForm& f) {
    if (f.input.cover_path) http::remove_file(ctx.app.uploads_dir(), *f.input.cover_path);
}

http::Response book_form(Context& ctx, const FormState& form, const store::CategoryTree& tree,
                         const store::Book* book, int status = 0) {
    View view("dashboard/book_form.tpl", book ? "Edit “" + book->title + "”" : "A new book");
    view.status = status ? status : form.errors.empty() ? 200 : 422;
    auto& page = view.page();
    page.SetValue("HEADING", book ? "Edit “" + book->title + "”" : "A new book");
    page.SetValue("ACTION", book ? "/dashboard/books/" + std::to_string(book->id) : "/dashboard/books");
    page.SetValue("SUBMIT", book ? "Save changes" : "Save as draft");
    add_form_errors(page, form);
    add_field(page, "TITLE_FIELD", kTitleField, form);
    add_field(page, "SUBTITLE_FIELD", kSubtitleField, form);
    add_textarea(page, "DESCRIPTION_FIELD", kDescriptionField, form, 8);
    add_field(page, "ISBN_FIELD", kIsbnField, form);
    std::vector<std::pair<std::string, std::string>> categories = {{"", "Choose…"}};
    for (const auto& c : tree.all) {
        std::string label;
        for (const auto* p : tree.path(c.id)) label += (label.empty() ? "" : " › ") + p->name;
        categories.emplace_back(c.slug, label);
    }
    std::sort(categories.begin() + 1, categories.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    add_select(page, "CATEGORY_FIELD", kCategoryField, categories, form);
    add_select(page, "LANGUAGE_FIELD", kLanguageField, languages(), form);
    add_field(page, "PAGES_FIELD", kPagesField, form);
    add_field(page, "DATE_FIELD", kDateField, form);
    add_field(page, "PRICE_FIELD", kPriceField, form);
    add_field(page, "SALE_PRICE_FIELD", kSalePriceField, form);
    add_select(page, "CURRENCY_FIELD", kCurrencyField, kCurrencies, form);
    add_field(page, "STOCK_FIELD", kStockField, form);
    add_field(page, "LOW_STOCK_FIELD", kLowStockField, form);
    add_field(page, "TAGS_FIELD", kTagsField, form);
    add_field(page, "COVER_ALT_FIELD", kCoverAltField, form);
    const auto seen = form.values.find("stock_seen");
    page.SetValue("STOCK_SEEN", seen == form.values.end() ? "0" : seen->second);
    if (form.values.count("allow_backorder")) page.ShowSection("BACKORDER_CHECKED");
    const auto editions = form.values.find("editions");
    page.ShowSection(editions != form.values.end() && editions->second == "ebook_only" ? "EBOOK_ONLY_CHECKED" : "PRINT_CHECKED");
    if (is_admin(ctx)) {
        auto* featured = page.AddSectionDictionary("CAN_FEATURE");
        if (form.values.count("featured")) featured->ShowSection("FEATURED_CHECKED");
    }
    const auto cover_error = form.errors.find("cover");
    if (cover_error != form.errors.end()) page.SetValueAndShowSection("COVER_ERROR", cover_error->second, "HAS_COVER_ERROR");
    if (book && book->cover_path) page.SetValueAndShowSection("CURRENT_COVER", cover_url(book->cover_path), "HAS_COVER");
    if (book) {
        page.SetValueAndShowSection("STATUS", store::status_name(book->status), "EDITING");
        page.SetValue("EBOOK_URL", "/dashboard/books/" + std::to_string(book->id) + "/ebook");
    }
    return ctx.render(view);
}

// The uploads disk is full: nothing was saved, and the form comes back as it was sent (507) with a
// message at the cover, so the author loses none of what they typed.
http::Response cover_not_stored(Context& ctx, BookForm& f, const store::CategoryTree& tree, const store::Book* book,
                                const http::DiskFull& e) {
    log::error("cover upload: " + std::string(e.what()));
    f.state.errors["cover"] = "We could not store your cover: our space for uploads is full. Nothing was saved. "
                              "Please choose the file again later, or save without a cover for now.";
    return book_form(ctx, f.state, tree, book, 507);
}

FormState values_of(const store::Book& b, const store::CategoryTree& tree) {
    FormState f;
    auto& v = f.values;
    v["title"] = b.title;
    v["subtitle"] = b.subtitle;
    v["description"] = b.description;
    v["isbn13"] = b.isbn13.value_or("");
    if (const auto* c = tree.find(b.category_id)) v["category"] = c->slug;
    v["language"] = b.language;
    v["page_count"] = b.page_count ? std::to_string(*b.page_count) : "";
    v["publication_date"] = b.publication_date.value_or("");
    v["price"] = format_plain_amount(b.price);
    v["sale_price"] = b.sale_price ? format_plain_amount(*b.sale_price) : "";
    v["currency"] = b.currency;
    v["stock"] = v["stock_seen"] = std::to_string(b.stock);
    v["low_stock_threshold"] = std::to_string(b.low_stock_threshold);
    if (b.allow_backorder) v["allow_backorder"] = "1";
    v["editions"] = b.print_edition ? "print" : "ebook_only";
    if (b.featured) v["featured"] = "1";
    v["tags"] = join_tags(b.tags);
    v["cover_alt"] = b.cover_alt;
    return f;
}

// ---- pages ----

http::Response show_dashboard(Context& ctx) {
    const auto& user = ctx.require_user();
    const auto books = ctx.store.catalog.dashboard(is_admin(ctx) ? std::nullopt : std::optional<int64_t>(user.id),
                                                   kDashboardLimit);
    View view("dashboard/books.tpl", "Your books");
    auto& page = view.page();
    page.SetValue("HEADING", is_admin(ctx) ? "All books" : "Your books");
    int low = 0;
    for (const auto& b : books) {
        auto* row = page.AddSectionDictionary("BOOK");
        row->SetIntValue("ID", b.id);
        row->SetValue("TITLE", b.title);
        row->SetValue("STATUS", store::status_name(b.status));
        row->SetIntValue("STOCK", b.stock);
        row->SetIntValue("SELL_COUNT", b.sell_count);
        row->SetIntValue("VIEWS", b.view_count);
        add_price(*row, b);
        if (b.low_on_stock()) {
            row->ShowSection("LOW");
            ++low;
        }
        if (b.status == store::BookStatus::Published) row->SetValueAndShowSection("URL", book_url(b), "PUBLISHED");
        if (b.status != store::BookStatus::Published) row->ShowSection("CAN_PUBLISH");
        if (b.status == store::BookStatus::Published) row->ShowSection("CAN_UNPUBLISH");
        if (b.status != store::BookStatus::Archived) row->ShowSection("CAN_ARCHIVE");
        if (is_admin(ctx)) row->SetValueAndShowSection("AUTHOR", b.author_name, "SHOW_AUTHOR");
    }
    if (is_admin(ctx)) page.ShowSection("SHOW_AUTHOR");
    if (books.empty()) page.ShowSection("NO_BOOKS");
    else page.ShowSection("HAS_BOOKS");
    if (low > 0) page.SetValueAndShowSection("LOW_COUNT", std::to_string(low) + (low == 1 ? " book" : " books"), "HAS_LOW");
    return ctx.render(view);
}

http::Response show_new_book(Context& ctx) {
    FormState form;
    form.values = {{"language", "en"}, {"currency", "USD"}, {"stock", "0"}, {"stock_seen", "0"}, {"low_stock_threshold", "10"}};
    return book_form(ctx, form, *category_tree(ctx), nullptr);
}

http::Response do_create_book(Context& ctx) {
    const auto tree = category_tree(ctx, ctx.req.field("category"));
    BookForm f = read_book_form(ctx, *tree);
    if (!f.state.errors.empty()) return book_form(ctx, f.state, *tree, nullptr);
    try {
        f.input.cover_path = save_cover(ctx, f);
    } catch (const http::DiskFull& e) {
        return cover_not_stored(ctx, f, *tree, nullptr, e);
    }
    int64_t id = 0;
    try {
        id = ctx.store.catalog.create(ctx.require_user().id, f.input, ctx.now());
    } catch (const Invalid& e) {
        discard_cover(ctx, f);
        f.state.errors = e.fields;
        return book_form(ctx, f.state, *tree, nullptr);
    }
    catalog_changed();
    return http::Response::see_other("/dashboard/books/" + std::to_string(id),
                                     "Saved as a draft. Publish it when it is ready for readers.");
}

http::Response show_edit_book(Context& ctx) {
    const auto book = owned_book(ctx);
    const auto tree = category_tree(ctx);
    return book_form(ctx, values_of(book, *tree), *tree, &book);
}

http::Response do_update_book(Context& ctx) {
    const auto book = owned_book(ctx);
    const auto tree = category_tree(ctx, ctx.req.field("category"));
    BookForm f = read_book_form(ctx, *tree);
    if (!f.state.errors.empty()) return book_form(ctx, f.state, *tree, &book);
    try {
        f.input.cover_path = save_cover(ctx, f);
    } catch (const http::DiskFull& e) {
        return cover_not_stored(ctx, f, *tree, &book, e);
    }
    try {
        // A replaced cover that no order shows goes: uploads hold only what something refers to.
        if (const auto replaced = ctx.store.catalog.update(book.id, f.input, ctx.now()))
            http::remove_file(ctx.app.uploads_dir(), *replaced);
    } catch (const Invalid& e) {
        discard_cover(ctx, f);
        f.state.errors = e.fields;
        return book_form(ctx, f.state, *tree, &book);
    }
    catalog_changed();
    return http::Response::see_other("/dashboard/books/" + std::to_string(book.id), "Your changes are saved.");
}

http::Response do_book_status(Context& ctx) {
    const auto book = owned_book(ctx);
    const std::string action = ctx.req.field("action");
    store::BookStatus status;
    std::string message;
    if (action == "publish") {
        status = store::BookStatus::Published;
        message = "“" + book.title + "” is published: readers can find it now.";
    } else if (action == "unpublish") {
        status = store::BookStatus::Draft;
        message = "“" + book.title + "” is back to a draft and hidden from readers.";
    } else if (action == "archive") {
        status = store::BookStatus::Archived;
        message = "“" + book.title + "” is archived and hidden from readers.";
    } else {
        throw BadRequest("Choose publish, unpublish or archive.");
    }
    const auto sales = ctx.store.catalog.set_status(book.id, status, ctx.now());
    if (sales.paused > 0)
        message += sales.paused == 1 ? " Its flash sale is paused, with its copies: resume it under Flash sales once the book is published again."
                                     : " Its " + std::to_string(sales.paused) + " flash sales are paused, with their copies: resume them under Flash sales once the book is published again.";
    if (sales.ended > 0)
        message += sales.ended == 1 ? " Its flash sale has ended and the copies left are back in stock."
                                    : " Its " + std::to_string(sales.ended) + " flash sales have ended and the copies left are back in stock.";
    catalog_changed();
    return http::Response::see_other("/dashboard/books", message);
}

}  // namespace

void register_dashboard_book_routes(App& app) {
    app.add("GET", "/dashboard/books", {show_dashboard, Access::Author});
    app.add("GET", "/dashboard/books/new", {show_new_book, Access::Author});
    app.add("POST", "/dashboard/books", {do_create_book, Access::Author});
    app.add("GET", "/dashboard/books/{id}", {show_edit_book, Access::Author});
    app.add("POST", "/dashboard/books/{id}", {do_update_book, Access::Author});
    app.add("POST", "/dashboard/books/{id}/status", {do_book_status, Access::Author});
}

}  // namespace bf::pages
