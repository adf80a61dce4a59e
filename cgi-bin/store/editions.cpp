#include "store/editions.h"

#include <map>

#include "core/errors.h"
#include "core/text.h"

namespace bf::store {
namespace {

constexpr const char* kFileColumns =
    "SELECT id, book_id, format, is_sample, version, stored_name, original_name, size_bytes, updated_at FROM edition_files ";

EditionFile read_file(const db::Row& r) {
    return {r.i64(0), r.i64(1), r.str(2), r.boolean(3), static_cast<int>(r.i64(4)), r.str(5), r.str(6), r.i64(7), r.time(8)};
}

// A file to hand out, from columns: id, format, version, stored_name, the book's slug and title.
constexpr const char* kGrantColumns = "SELECT f.id, f.format, f.version, f.stored_name, b.slug, b.title";

DownloadGrant read_grant(const db::Row& r) {
    DownloadGrant g;
    g.file_id = r.i64(0);
    g.format = r.str(1);
    g.version = static_cast<int>(r.i64(2));
    g.stored_name = r.str(3);
    g.book_slug = r.str(4);
    g.book_title = r.str(5);
    return g;
}

// Seconds from `now` to the next UTC midnight, when the daily download counts start again.
int seconds_to_midnight(Time now) {
    CivilTime day = to_civil(now);
    day.hour = day.minute = day.second = day.micros = 0;
    return static_cast<int>((from_civil(day).plus_days(1).us - now.us + 999999) / 1000000);
}

}  // namespace

bool DigitalEdition::buyable() const {
    if (!for_sale) return false;
    for (const auto& f : files)
        if (!f.is_sample) return true;
    return false;
}

const EditionFile* DigitalEdition::sample() const {
    for (const auto& f : files)
        if (f.is_sample) return &f;
    return nullptr;
}

std::optional<DigitalEdition> Editions::find(int64_t book_id) {
    const auto row = db_.query_one("SELECT book_id, price_cents, sale_price_cents, for_sale FROM digital_editions WHERE book_id = ?",
                                   book_id);
    if (!row) return std::nullopt;
    DigitalEdition e;
    e.book_id = row->i64(0);
    e.price = row->i64(1);
    e.sale_price = row->opt_i64(2);
    e.for_sale = row->boolean(3);
    for (const auto& r : db_.query(std::string(kFileColumns) + "WHERE book_id = ? ORDER BY is_sample, format", book_id))
        e.files.push_back(read_file(r));
    return e;
}

void Editions::save(int64_t book_id, const EditionInput& in, Time now) {
    std::map<std::string, std::string> errors;
    if (in.price <= 0 || in.price > 100000000) errors["digital_price"] = "Enter a price such as 6.99.";
    if (in.sale_price && (*in.sale_price < 0 || *in.sale_price >= in.price))
        errors["digital_sale_price"] = "The sale price must be lower than the ebook's price.";
    if (!errors.empty()) throw Invalid(errors);
    db_.transaction([&] {
        db_.exec("INSERT INTO digital_editions (book_id, price_cents, sale_price_cents, for_sale, created_at, updated_at)"
                 " VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE price_cents = VALUES(price_cents),"
                 " sale_price_cents = VALUES(sale_price_cents), for_sale = VALUES(for_sale), updated_at = VALUES(updated_at)",
                 book_id, in.price, in.sale_price, in.for_sale, now, now);
        // An ebook-only book's price is its ebook's (listings sort and filter on the book's price).
        db_.exec("UPDATE books SET price_cents = ?, sale_price_cents = ?, updated_at = ? WHERE id = ? AND print_edition = 0",
                 in.price, in.sale_price, now, book_id);
    });
}

FileSaved Editions::save_file(const NewFile& f, Time now) {
    return db_.transaction([&]() -> FileSaved {
        if (!db_.query_one("SELECT book_id FROM digital_editions WHERE book_id = ? FOR UPDATE", f.book_id))
            throw Conflict("Set the ebook's price first: files belong to a digital edition.");
        const auto old = db_.query_one("SELECT id, version, stored_name FROM edition_files"
                                       " WHERE book_id = ? AND is_sample = ? AND format = ? FOR UPDATE",
                                       f.book_id, f.is_sample, f.format);
        if (!old) {
            db_.exec("INSERT INTO edition_files (book_id, format, is_sample, version, stored_name, original_name, size_bytes,"
                     " sha256, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
                     f.book_id, f.format, f.is_sample, f.stored_name, utf8_prefix(f.original_name, 200), f.size_bytes,
                     db::Bytes{f.sha256}, now, now);
            return FileSaved{static_cast<int64_t>(db_.last_insert_id()), 1, std::nullopt};
        }
        const int version = static_cast<int>(old->i64(1)) + 1;
        db_.exec("UPDATE edition_files SET version = ?, stored_name = ?, original_name = ?, size_bytes = ?, sha256 = ?,"
                 " updated_at = ? WHERE id = ?",
                 version, f.stored_name, utf8_prefix(f.original_name, 200), f.size_bytes, db::Bytes{f.sha256}, now,
                 old->i64(0));
        return FileSaved{old->i64(0), version, old->str(2)};
    });
}

std::optional<std::string> Editions::remove_file(int64_t book_id, int64_t file_id) {
    return db_.transaction([&]() -> std::optional<std::string> {
        const auto row = db_.query_one("SELECT stored_name FROM edition_files WHERE id = ? AND book_id = ? FOR UPDATE",
                                       file_id, book_id);
        if (!row) return std::nullopt;
        db_.exec("DELETE FROM edition_files WHERE id = ?", file_id);
        return row->str(0);
    });
}

// ---- readers ----

std::vector<LibraryBook> Editions::library(int64_t user_id, Time now) {
    std::vector<LibraryBook> books;
    std::map<int64_t, size_t> at;
    for (const auto& r : db_.query("SELECT l.book_id, b.slug, b.title, a.display_name, b.cover_path, b.cover_alt, o.number,"
                                   " l.granted_at FROM ebook_licences l JOIN books b ON b.id = l.book_id"
                                   " JOIN users a ON a.id = b.author_id JOIN orders o ON o.id = l.order_id"
                                   " WHERE l.user_id = ? AND l.revoked_at IS NULL ORDER BY l.granted_at DESC, l.id DESC",
                                   user_id)) {
        at[r.i64(0)] = books.size();
        books.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.opt_str(4), r.str(5), r.str(6), r.time(7), {}});
    }
    if (books.empty()) return books;
    for (const auto& r : db_.query("SELECT f.book_id, f.id, f.format, f.version, f.size_bytes, f.updated_at,"
                                   " COALESCE(d.downloads, 0) FROM ebook_licences l"
                                   " JOIN edition_files f ON f.book_id = l.book_id AND f.is_sample = 0"
                                   " LEFT JOIN ebook_download_days d ON d.user_id = l.user_id AND d.file_id = f.id AND d.day = ?"
                                   " WHERE l.user_id = ? AND l.revoked_at IS NULL ORDER BY f.book_id, f.format",
                                   format_date(now), user_id)) {
        const auto it = at.find(r.i64(0));
        if (it == at.end()) continue;
        books[it->second].files.push_back(
            {r.i64(1), r.str(2), static_cast<int>(r.i64(3)), r.i64(4), r.time(5), static_cast<int>(r.i64(6))});
    }
    return books;
}

bool Editions::owns(int64_t user_id, int64_t book_id) {
    return db_.query_one("SELECT 1 FROM ebook_licences WHERE user_id = ? AND live_book = ?", user_id, book_id).has_value();
}

DownloadGrant Editions::take_download(int64_t user_id, int64_t file_id, int daily_cap, const std::string& client_address,
                                      Time now, bool resume) {
    return db_.transaction([&]() -> DownloadGrant {
        const auto f = db_.query_one(std::string(kGrantColumns) +
                                         ", f.book_id, f.is_sample, b.status = 'published' FROM edition_files f"
                                         " JOIN books b ON b.id = f.book_id WHERE f.id = ?",
                                     file_id);
        if (!f) throw NotFound("There is no such file.");
        // A shared lock on the licence: a refund revoking it waits for this download's decision, and
        // every download after the refund sees it revoked.
        const auto licence = db_.query_one("SELECT l.order_id, o.number, u.display_name FROM ebook_licences l"
                                           " JOIN orders o ON o.id = l.order_id JOIN users u ON u.id = l.user_id"
                                           " WHERE l.user_id = ? AND l.live_book = ? LOCK IN SHARE MODE",
                                           user_id, f->i64(6));
        const bool sample = f->boolean(7);
        if (!licence && !sample)
            throw Forbidden("This ebook is not in your library: it was never bought with this account, or its order was "
                            "refunded or cancelled.");
        if (!licence && !f->boolean(8)) throw NotFound("There is no such file.");
        DownloadGrant g = read_grant(*f);
        if (licence) {
            g.order_id = licence->i64(0);
            g.order_number = licence->str(1);
            g.buyer_name = licence->str(2);
        }
        g.personal = licence && !sample && g.format == "epub";
        if (resume) return g;
        const std::string day = format_date(now);
        db_.exec("INSERT INTO ebook_download_days (user_id, file_id, day, downloads) VALUES (?, ?, ?, 0)"
                 " ON DUPLICATE KEY UPDATE downloads = downloads",
                 user_id, file_id, day);
        if (db_.exec("UPDATE ebook_download_days SET downloads = downloads + 1"
                     " WHERE user_id = ? AND file_id = ? AND day = ? AND downloads < ?",
                     user_id, file_id, day, daily_cap) != 1)
            throw TooManyRequests("You have downloaded this file " + std::to_string(daily_cap) +
                                      " times today, the most we allow in a day. You can download it again from "
                                      "midnight UTC.",
                                  seconds_to_midnight(now));
        g.downloads_today = static_cast<int>(
            db_.query_one("SELECT downloads FROM ebook_download_days WHERE user_id = ? AND file_id = ? AND day = ?", user_id,
                          file_id, day)
                ->i64(0));
        db_.exec("INSERT INTO ebook_downloads (user_id, file_id, order_id, version, personal, client_address, downloaded_at)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?)",
                 user_id, file_id, g.order_id, g.version, g.personal, utf8_prefix(client_address, 45), now);
        return g;
    });
}

std::optional<DownloadGrant> Editions::sample(int64_t file_id) {
    const auto f = db_.query_one(std::string(kGrantColumns) +
                                     " FROM edition_files f JOIN books b ON b.id = f.book_id WHERE f.id = ? AND f.is_sample = 1"
                                     " AND b.status = 'published'",
                                 file_id);
    if (!f) return std::nullopt;
    return read_grant(*f);
}

std::optional<std::string> Editions::personal_copy(int64_t user_id, int64_t file_id, int version) {
    const auto r = db_.query_one("SELECT stored_name FROM ebook_personal_copies WHERE user_id = ? AND file_id = ? AND version = ?",
                                 user_id, file_id, version);
    if (!r) return std::nullopt;
    return r->str(0);
}

std::string Editions::record_personal_copy(int64_t user_id, int64_t file_id, int version, int64_t order_id,
                                           const std::string& stored_name, int64_t size_bytes, Time now) {
    // Two downloads at once may both build the copy: the first row stays, and the second learns its name.
    db_.exec("INSERT INTO ebook_personal_copies (user_id, file_id, version, order_id, stored_name, size_bytes, built_at)"
             " VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE built_at = built_at",
             user_id, file_id, version, order_id, stored_name, size_bytes, now);
    return personal_copy(user_id, file_id, version).value_or(stored_name);
}

namespace {
// A copy is stale when its file has a newer version, its licence ended, or nobody built or downloaded it
// since the time bound (the last download from ix_ebook_downloads_user_file, one index dive per copy).
constexpr const char* kStaleCopy =
    " (c.version < f.version"
    " OR NOT EXISTS (SELECT 1 FROM ebook_licences l WHERE l.order_id = c.order_id AND l.book_id = f.book_id"
    " AND l.revoked_at IS NULL)"
    " OR GREATEST(c.built_at, COALESCE((SELECT MAX(d.downloaded_at) FROM ebook_downloads d"
    " WHERE d.user_id = c.user_id AND d.file_id = c.file_id), c.built_at)) < ?)";
}  // namespace

std::vector<PersonalCopy> Editions::stale_personal_copies(Time idle_since, int limit) {
    std::vector<PersonalCopy> out;
    for (const auto& r : db_.query(std::string("SELECT c.user_id, c.file_id, c.version, c.stored_name FROM ebook_personal_copies c"
                                               " JOIN edition_files f ON f.id = c.file_id WHERE") +
                                       kStaleCopy + " LIMIT ?",
                                   idle_since, limit))
        out.push_back({r.i64(0), r.i64(1), static_cast<int>(r.i64(2)), r.str(3)});
    return out;
}

bool Editions::forget_personal_copy(const PersonalCopy& c, std::optional<Time> idle_since) {
    if (!idle_since)
        return db_.exec("DELETE FROM ebook_personal_copies WHERE user_id = ? AND file_id = ? AND version = ? AND stored_name = ?",
                        c.user_id, c.file_id, c.version, c.stored_name) == 1;
    // Checked again in the DELETE: a download logged since the list was read keeps its copy (a download
    // logs itself before it looks the copy up, so it either keeps the row or finds none and rebuilds).
    return db_.exec(std::string("DELETE c FROM ebook_personal_copies c JOIN edition_files f ON f.id = c.file_id"
                                " WHERE c.user_id = ? AND c.file_id = ? AND c.version = ? AND c.stored_name = ? AND") +
                        kStaleCopy,
                    c.user_id, c.file_id, c.version, c.stored_name, *idle_since) == 1;
}

std::vector<std::string> Editions::personal_copy_names(int64_t user_id) {
    std::vector<std::string> out;
    for (const auto& r : db_.query("SELECT stored_name FROM ebook_personal_copies WHERE user_id = ?", user_id))
        out.push_back(r.str(0));
    return out;
}

std::vector<DownloadRecord> Editions::downloads_for_order(int64_t order_id) {
    std::vector<DownloadRecord> out;
    for (const auto& r : db_.query("SELECT d.file_id, f.format, d.version, d.personal, b.title, d.client_address, d.downloaded_at"
                                   " FROM ebook_downloads d JOIN edition_files f ON f.id = d.file_id"
                                   " JOIN books b ON b.id = f.book_id WHERE d.order_id = ? ORDER BY d.id",
                                   order_id))
        out.push_back({r.i64(0), r.str(1), static_cast<int>(r.i64(2)), r.boolean(3), r.str(4), r.str(5), r.time(6)});
    return out;
}

// ---- licences ----

int Licences::grant_for_order(int64_t order_id, Time now) {
    int granted = 0;
    for (const auto& r : db_.query("SELECT o.user_id, i.book_id FROM order_items i JOIN orders o ON o.id = i.order_id"
                                   " WHERE i.order_id = ? AND i.edition = 'digital' ORDER BY i.book_id",
                                   order_id)) {
        // A reader who owns the book already keeps that licence (the live key refuses a second).
        granted += static_cast<int>(db_.exec("INSERT INTO ebook_licences (user_id, book_id, order_id, granted_at)"
                                             " VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE granted_at = granted_at",
                                             r.i64(0), r.i64(1), order_id, now) == 1);
    }
    return granted;
}

int Licences::revoke_for_order(int64_t order_id, Time now) {
    return static_cast<int>(
        db_.exec("UPDATE ebook_licences SET revoked_at = ? WHERE order_id = ? AND revoked_at IS NULL", now, order_id));
}

}  // namespace bf::store
