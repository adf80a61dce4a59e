// A book's digital edition on the author's dashboard (issue #19): its price, and its files (EPUB, PDF,
// MOBI, a ZIP of extras; each full or a sample). Files are checked by their content, stored under
// ebooks_dir (outside the web root) and replaced in place: a new upload of a format raises its version.
#include "core/crypto.h"
#include "core/ebook_files.h"
#include "core/errors.h"
#include "core/text.h"
#include "http/upload.h"
#include "pages/catalog_view.h"
#include "pages/ebooks.h"
#include "pages/owned_book.h"

namespace bf::pages {
namespace {

const Field kPriceField{"digital_price", "Ebook price", "text", "off", "For example 6.99, in the book's currency.", true, true, 12};
const Field kSalePriceField{"digital_sale_price", "Ebook sale price", "text", "off", "Leave empty when the ebook is not on sale.", false, true, 12};
const Field kFormatField{"format", "Format", "", "", "The file is checked for this format by its content, not its name.", true, true, 0};

size_t max_ebook_bytes(const App& app) { return static_cast<size_t>(app.config().get_int("max_ebook_bytes", 64 << 20)); }

std::string megabytes(size_t bytes) { return std::to_string(bytes >> 20) + " MB"; }

std::string edition_url(const store::Book& b) { return "/dashboard/books/" + std::to_string(b.id) + "/ebook"; }

std::vector<std::pair<std::string, std::string>> format_options() {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto f : {ebooks::Format::Epub, ebooks::Format::Pdf, ebooks::Format::Mobi, ebooks::Format::Zip})
        out.emplace_back(ebooks::format_name(f), ebooks::format_label(f));
    return out;
}

http::Response edition_page(Context& ctx, const store::Book& book, FormState price_form, FormState file_form, int status) {
    const auto edition = ctx.store.editions.find(book.id);
    View view("dashboard/ebook.tpl", "Ebook of “" + book.title + "”");
    view.status = status;
    auto& page = view.page();
    page.SetValue("TITLE", book.title);
    page.SetValue("BOOK_URL", "/dashboard/books/" + std::to_string(book.id));
    page.SetValue("ACTION", edition_url(book));
    page.SetValue("CURRENCY", book.currency);
    if (price_form.values.empty() && edition) {
        price_form.values["digital_price"] = format_plain_amount(edition->price);
        price_form.values["digital_sale_price"] = edition->sale_price ? format_plain_amount(*edition->sale_price) : "";
        if (edition->for_sale) price_form.values["for_sale"] = "1";
    } else if (price_form.values.empty()) {
        price_form.values["for_sale"] = "1";
    }
    add_form_errors(page, price_form);
    add_field(page, "PRICE_FIELD", kPriceField, price_form);
    add_field(page, "SALE_PRICE_FIELD", kSalePriceField, price_form);
    if (price_form.values.count("for_sale")) page.ShowSection("FOR_SALE_CHECKED");
    page.SetValue("MAX_SIZE", megabytes(max_ebook_bytes(ctx.app)));
    if (!edition) {
        page.ShowSection("NO_EDITION");
        return ctx.render(view);
    }
    auto* files = page.AddSectionDictionary("HAS_EDITION");
    page.SetValue("STATE", edition->buyable() ? "For sale" : edition->for_sale ? "Waiting for a file" : "Not for sale");
    if (edition->files.empty()) files->ShowSection("NO_FILES");
    else files->ShowSection("HAS_FILES");
    for (const auto& f : edition->files) {
        auto* d = files->AddSectionDictionary("FILE");
        d->SetIntValue("FILE_ID", f.id);
        d->SetValue("FORMAT", ebooks::format_label(ebooks::parse_format(f.format).value_or(ebooks::Format::Zip)));
        d->SetValue("KIND", f.is_sample ? "Sample" : "Full book");
        d->SetIntValue("VERSION", f.version);
        d->SetValue("NAME", f.original_name);
        d->SetValue("SIZE", std::to_string((f.size_bytes + 1023) / 1024) + " KB");
        d->SetValue("UPDATED", format_human(f.updated));
    }
    add_select(*files, "FORMAT_FIELD", kFormatField, format_options(), file_form);
    if (file_form.values.count("is_sample")) files->ShowSection("SAMPLE_CHECKED");
    if (const auto e = file_form.errors.find("file"); e != file_form.errors.end())
        files->SetValueAndShowSection("FILE_ERROR", e->second, "HAS_FILE_ERROR");
    return ctx.render(view);
}

http::Response show_edition(Context& ctx) {
    const auto book = owned_book(ctx);
    return edition_page(ctx, book, {}, {}, 200);
}

// POST /dashboard/books/{id}/ebook: the edition's price, sale price and whether it is for sale.
http::Response save_edition(Context& ctx) {
    const auto book = owned_book(ctx);
    FormState form;
    for (const char* name : {"digital_price", "digital_sale_price"}) form.values[name] = trim(ctx.req.field(name));
    if (ctx.req.field("for_sale") == "1") form.values["for_sale"] = "1";
    store::EditionInput in;
    in.for_sale = form.values.count("for_sale") > 0;
    const auto price = parse_money(form.values["digital_price"]);
    if (!price || *price <= 0) form.errors["digital_price"] = kPriceField.hint;
    else in.price = *price;
    if (!form.values["digital_sale_price"].empty()) {
        in.sale_price = parse_money(form.values["digital_sale_price"]);
        if (!in.sale_price) form.errors["digital_sale_price"] = "Enter a sale price such as 4.99, or leave it empty.";
    }
    if (form.errors.empty()) {
        try {
            ctx.store.editions.save(book.id, in, ctx.now());
        } catch (const Invalid& e) {
            form.errors = e.fields;
        }
    }
    if (!form.errors.empty()) return edition_page(ctx, book, form, {}, 422);
    catalog_changed();
    return http::Response::see_other(edition_url(book), "The ebook's price is saved.");
}

// POST /dashboard/books/{id}/ebook/files (multipart: format, is_sample, file).
http::Response upload_file(Context& ctx) {
    const auto book = owned_book(ctx);
    FormState form;
    form.values["format"] = ctx.req.field("format");
    if (ctx.req.field("is_sample") == "1") form.values["is_sample"] = "1";
    const auto format = ebooks::parse_format(form.values["format"]);
    const auto* file = ctx.req.file("file");
    if (!format) form.errors["format"] = "Choose the file's format.";
    if (!file || file->data.empty()) form.errors["file"] = "Choose a file to upload.";
    else if (file->data.size() > max_ebook_bytes(ctx.app))
        form.errors["file"] = "This file is larger than " + megabytes(max_ebook_bytes(ctx.app)) + ", the most we accept.";
    else if (format)
        if (auto problem = ebooks::check_content(*format, file->data); !problem.empty()) form.errors["file"] = problem;
    if (!form.errors.empty()) return edition_page(ctx, book, {}, form, 422);

    const std::string dir = delivery::files_dir(ctx.app);
    const std::string stored = "books/" + std::to_string(book.id) + "/" + crypto::random_token(18) + "." +
                               ebooks::format_extension(*format);
    http::store_file(dir, stored, file->data);
    store::FileSaved saved;
    try {
        saved = ctx.store.editions.save_file({book.id, ebooks::format_name(*format), form.values.count("is_sample") > 0, stored,
                                              utf8_prefix(file->filename, 200), static_cast<int64_t>(file->data.size()),
                                              crypto::sha256(file->data)},
                                             ctx.now());
    } catch (...) {
        http::remove_file(dir, stored);  // the store refused it: the file names nothing
        throw;
    }
    if (saved.replaced_stored_name) http::remove_file(dir, *saved.replaced_stored_name);
    catalog_changed();
    const std::string what = std::string(ebooks::format_label(*format)) + (form.values.count("is_sample") ? " sample" : "");
    return http::Response::see_other(edition_url(book),
                                     saved.version == 1 ? what + " uploaded."
                                                        : what + " replaced: version " + std::to_string(saved.version) +
                                                              ". Readers get the new file from their library.");
}

// POST /dashboard/books/{id}/ebook/files/{file}/remove
http::Response remove_file(Context& ctx) {
    const auto book = owned_book(ctx);
    const int64_t file_id = path_id(ctx, "There is no such file.", "file");
    const auto stored = ctx.store.editions.remove_file(book.id, file_id);
    if (!stored) throw NotFound("There is no such file.");
    http::remove_file(delivery::files_dir(ctx.app), *stored);
    catalog_changed();
    return http::Response::see_other(edition_url(book), "The file is removed.");
}

}  // namespace

void register_dashboard_ebook_routes(App& app) {
    app.add("GET", "/dashboard/books/{id}/ebook", {show_edition, Access::Author});
    app.add("POST", "/dashboard/books/{id}/ebook", {save_edition, Access::Author});
    app.add("POST", "/dashboard/books/{id}/ebook/files", {upload_file, Access::Author});
    app.add("POST", "/dashboard/books/{id}/ebook/files/{file}/remove", {remove_file, Access::Author});
}

}  // namespace bf::pages
