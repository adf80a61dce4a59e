// The reader's library and the downloads (issue #19). The worker decides (licence, signed link, daily
// cap) and answers X-Accel-Redirect to nginx's `internal` location: nginx streams the file (sendfile,
// ranges for resumes) and this thread is free at once. The only file a worker ever reads is an EPUB it
// makes into a buyer's personal copy, once per buyer, file and version.
#include <filesystem>

#include "core/crypto.h"
#include "core/ebook_files.h"
#include "core/errors.h"
#include "core/log.h"
#include "core/text.h"
#include "pages/catalog_view.h"
#include "pages/context.h"
#include "pages/ebooks.h"

namespace bf::pages {

namespace delivery {

std::string files_dir(const App& app) {
    return ebooks::ebooks_dir(app.config());
}

int link_seconds(const App& app) {
    const int64_t s = app.config().get_int("download_link_seconds", 300);
    return static_cast<int>(s < 10 ? 10 : s > 86400 ? 86400 : s);
}

int daily_cap(const App& app) {
    const int64_t n = app.config().get_int("downloads_per_file_per_day", 10);
    return static_cast<int>(n < 1 ? 1 : n > 1000 ? 1000 : n);
}

namespace {
std::string link_message(int64_t user_id, int64_t file_id, int64_t expires) {
    return "ebook-download|" + std::to_string(user_id) + "|" + std::to_string(file_id) + "|" + std::to_string(expires);
}
}  // namespace

std::string signed_link(const App& app, int64_t user_id, int64_t file_id, Time expires) {
    const int64_t e = expires.us / 1000000;
    return "/download/" + std::to_string(file_id) + "/" + std::to_string(e) + "/" +
           crypto::base64url_encode(app.signer().mac(link_message(user_id, file_id, e)));
}

LinkCheck check_link(const App& app, int64_t user_id, int64_t file_id, const std::string& expires_text,
                     const std::string& mac_text, Time now) {
    const auto expires = parse_int(expires_text, 0, INT64_MAX / 2000000);
    std::string mac;
    if (!expires || !crypto::base64url_decode(mac_text, mac) ||
        !app.signer().verify(link_message(user_id, file_id, *expires), mac))
        return LinkCheck::Altered;
    return now < Time::from_seconds(*expires) ? LinkCheck::Valid : LinkCheck::Expired;
}

}  // namespace delivery

namespace {

std::string size_text(int64_t bytes) {
    if (bytes < 1024 * 1024) return std::to_string((bytes + 1023) / 1024) + " KB";
    const int64_t tenths = bytes * 10 / (1024 * 1024);
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MB";
}

// The answer nginx turns into the file: no body, the internal location's path, and how to name it.
http::Response accel(const std::string& stored_name, const std::string& format, const std::string& download_name) {
    http::Response r;
    const auto f = bf::ebooks::parse_format(format).value_or(bf::ebooks::Format::Zip);
    r.content_type = bf::ebooks::format_media_type(f);
    r.header("X-Accel-Redirect", delivery::kAccelPrefix + stored_name);
    r.header("Content-Disposition", "attachment; filename=\"" + download_name + "." + bf::ebooks::format_extension(f) + "\"");
    return r;
}

// The buyer's personal copy of an EPUB (their name and order number inside), made on the first
// download of each version and kept: every later download is nginx's alone. Each build has a name of its
// own, so the sweep (mailer/personal_copies.h) deleting an old copy's file never meets a new one.
std::string personal_copy(Context& ctx, int64_t user_id, const store::DownloadGrant& g) {
    const std::string dir = delivery::files_dir(ctx.app);
    if (auto stored = ctx.store.editions.personal_copy(user_id, g.file_id, g.version)) {
        if (std::filesystem::exists(dir + "/" + *stored)) return *stored;
        // Its file is gone (removed by hand): forget the row and build it again.
        ctx.store.editions.forget_personal_copy({user_id, g.file_id, g.version, *stored}, std::nullopt);
    }
    const std::string name = "personal/" + std::to_string(user_id) + "/" + std::to_string(g.file_id) + "-v" +
                             std::to_string(g.version) + "-" + crypto::random_token(6) + ".epub";
    bf::ebooks::write_personal_copy(dir + "/" + g.stored_name, dir + "/" + name, {g.buyer_name, g.order_number});
    const std::string kept = ctx.store.editions.record_personal_copy(
        user_id, g.file_id, g.version, *g.order_id, name, static_cast<int64_t>(std::filesystem::file_size(dir + "/" + name)),
        ctx.now());
    std::error_code ec;
    if (kept != name) std::filesystem::remove(dir + "/" + name, ec);  // another download built it first
    return kept;
}

http::Response show_library(Context& ctx) {
    const auto& user = ctx.require_user();
    const auto books = ctx.store.editions.library(user.id, ctx.now());
    const int cap = delivery::daily_cap(ctx.app);
    View view("library/index.tpl", "Your library");
    auto& page = view.page();
    page.SetIntValue("DAILY_CAP", cap);
    page.SetValue("LINK_MINUTES", count_of((delivery::link_seconds(ctx.app) + 59) / 60, "minute", "minutes"));
    if (books.empty()) page.ShowSection("EMPTY");
    else page.ShowSection("HAS_BOOKS");
    for (const auto& b : books) {
        auto* d = page.AddSectionDictionary("BOOK");
        d->SetIntValue("BOOK_ID", b.book_id);
        d->SetValue("TITLE", b.title);
        d->SetValue("AUTHOR", b.author);
        d->SetValue("URL", "/books/" + b.slug);
        add_cover(*d, b.cover_path, b.cover_alt, b.title, b.slug);
        d->SetValue("PURCHASED", format_human(b.purchased));
        d->SetValue("PURCHASED_ISO", format_iso(b.purchased));
        d->SetValue("ORDER_NUMBER", b.order_number);
        if (b.files.empty()) d->ShowSection("NO_FILES");
        for (const auto& f : b.files) {
            auto* fd = d->AddSectionDictionary("FILE");
            fd->SetIntValue("FILE_ID", f.id);
            fd->SetValue("FORMAT", to_upper(f.format));
            fd->SetIntValue("VERSION", f.version);
            fd->SetValue("SIZE", size_text(f.size_bytes));
            fd->SetValue("UPDATED", format_date(f.updated));
            fd->SetIntValue("LEFT_TODAY", std::max(0, cap - f.downloads_today));
            if (f.downloads_today >= cap) fd->ShowSection("CAPPED");
            else fd->ShowSection("CAN_DOWNLOAD");
        }
    }
    return ctx.render(view);
}

// GET /library/files/{id}: a fresh signed link, valid for download_link_seconds.
http::Response fresh_link(Context& ctx) {
    const auto& user = ctx.require_user();
    const int64_t file_id = path_id(ctx, "There is no such file.");
    return http::Response::see_other(
        delivery::signed_link(ctx.app, user.id, file_id, ctx.now().plus_seconds(delivery::link_seconds(ctx.app))));
}

// GET /download/{file}/{expires}/{mac}
http::Response download(Context& ctx) {
    const auto& user = ctx.require_user();
    const int64_t file_id = path_id(ctx, "There is no such file.", "file");
    switch (delivery::check_link(ctx.app, user.id, file_id, ctx.req.param("expires"), ctx.req.param("mac"), ctx.now())) {
        case delivery::LinkCheck::Altered:
            throw Forbidden("This download link is not valid for your account. Download the book from your library.");
        case delivery::LinkCheck::Expired:
            throw Gone("This download link has expired (links work for a few minutes). Download the book again from "
                       "your library for a fresh one.");
        case delivery::LinkCheck::Valid: break;
    }
    // A resume asks for a range past the first byte: checked again, not counted again.
    const std::string range = ctx.req.header("Range");
    const bool resume = !range.empty() && range.rfind("bytes=0-", 0) != 0;
    const auto grant = ctx.store.editions.take_download(user.id, file_id, delivery::daily_cap(ctx.app), ctx.req.remote_addr,
                                                        ctx.now(), resume);
    const std::string stored = grant.personal ? personal_copy(ctx, user.id, grant) : grant.stored_name;
    return accel(stored, grant.format, grant.book_slug);
}

// GET /samples/{id}: a sample file, for anyone.
http::Response download_sample(Context& ctx) {
    const auto grant = ctx.store.editions.sample(path_id(ctx, "There is no such sample."));
    if (!grant) throw NotFound("There is no such sample.");
    return accel(grant->stored_name, grant->format, grant->book_slug + "-sample");
}

}  // namespace

void register_library_routes(App& app) {
    app.add("GET", "/library", {show_library, Access::User});
    app.add("GET", "/library/files/{id}", {fresh_link, Access::User});
    app.add("GET", "/download/{file}/{expires}/{mac}", {download, Access::User});
    app.add("GET", "/samples/{id}", {download_sample});
}

}  // namespace bf::pages
