#pragma once
// Digital editions (issue #19): a book's ebook price and files, readers' licences, the library, and
// the download decision (licence, daily cap, log). The bytes never pass through here: the store names
// the stored file and nginx sends it (pages/library.cpp answers X-Accel-Redirect).
#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

struct EditionFile {
    int64_t id = 0;
    int64_t book_id = 0;
    std::string format;  // epub, pdf, mobi, zip (core/ebook_files.h)
    bool is_sample = false;
    int version = 1;
    std::string stored_name;  // under ebooks_dir
    std::string original_name;
    int64_t size_bytes = 0;
    Time updated{};
};

struct DigitalEdition {
    int64_t book_id = 0;
    Cents price = 0;
    std::optional<Cents> sale_price;
    Cents effective_price() const { return sale_price.value_or(price); }
    bool for_sale = true;
    std::vector<EditionFile> files;  // full files first, then samples; each by format
    // For sale and with at least one full file: it can go in a cart.
    bool buyable() const;
    const EditionFile* sample() const;  // the first sample file, if any
};

struct EditionInput {
    Cents price = 0;
    std::optional<Cents> sale_price;
    bool for_sale = true;
};

struct NewFile {
    int64_t book_id = 0;
    std::string format;
    bool is_sample = false;
    std::string stored_name;
    std::string original_name;
    int64_t size_bytes = 0;
    std::string sha256;  // 32 raw bytes
};

struct FileSaved {
    int64_t file_id = 0;
    int version = 1;
    std::optional<std::string> replaced_stored_name;  // the previous version's file, now unreferenced
};

// One file as the library shows it.
struct LibraryFile {
    int64_t id = 0;
    std::string format;
    int version = 1;
    int64_t size_bytes = 0;
    Time updated{};
    int downloads_today = 0;
};

struct LibraryBook {
    int64_t book_id = 0;
    std::string slug, title, author;
    std::optional<std::string> cover_path;
    std::string cover_alt;
    std::string order_number;
    Time purchased{};
    std::vector<LibraryFile> files;
};

// What the worker hands to nginx for one download.
struct DownloadGrant {
    int64_t file_id = 0;
    std::string format;
    std::string stored_name;  // the edition's file under ebooks_dir
    int version = 1;
    std::string book_slug;
    std::string book_title;
    std::optional<int64_t> order_id;  // the licence's order (none for a sample)
    bool personal = false;            // an EPUB of a licence: the buyer gets their personal copy
    std::string order_number;
    std::string buyer_name;
    int downloads_today = 0;  // including this one
};

// A personal EPUB copy as the sweep sees it.
struct PersonalCopy {
    int64_t user_id = 0;
    int64_t file_id = 0;
    int version = 1;
    std::string stored_name;  // under ebooks_dir
};

struct DownloadRecord {
    int64_t file_id = 0;
    std::string format;
    int version = 1;
    bool personal = false;
    std::string title;
    std::string client_address;
    Time at{};
};

class Editions {
public:
    explicit Editions(db::Connection& db) : db_(db) {}

    std::optional<DigitalEdition> find(int64_t book_id);
    // Creates or changes the book's digital edition. Throws Invalid{"digital_price"|"digital_sale_price"}.
    void save(int64_t book_id, const EditionInput& input, Time now);

    // Adds the file, or replaces the book's file of that format (and sample flag): the version rises.
    // Throws Conflict when the book has no digital edition yet.
    FileSaved save_file(const NewFile& file, Time now);
    // Deletes one of the book's files; returns its stored name (for the caller to remove), or nullopt.
    std::optional<std::string> remove_file(int64_t book_id, int64_t file_id);

    // ---- readers ----
    // Every book the reader holds a live licence for, newest purchase first, with each full file and its
    // downloads today (three queries, whatever the size of the library).
    std::vector<LibraryBook> library(int64_t user_id, Time now);
    // Whether the reader holds a live licence for the book.
    bool owns(int64_t user_id, int64_t book_id);

    // The download decision, in one transaction: the file exists, the reader holds a live licence of its
    // book (samples: any reader of a published book), and has downloaded it fewer than `daily_cap` times
    // today (UTC). Counts the download and logs it with its order. Throws NotFound (no such file),
    // Forbidden (no licence: never bought, refunded or cancelled), TooManyRequests (the cap).
    // A resume (`resume`: a range request past the first byte) is checked but neither counted nor logged.
    DownloadGrant take_download(int64_t user_id, int64_t file_id, int daily_cap, const std::string& client_address,
                                Time now, bool resume = false);
    // A public sample, for visitors without an account: not counted per reader.
    std::optional<DownloadGrant> sample(int64_t file_id);

    // Personal EPUB copies: the stored one for this reader, file and version, if built already.
    std::optional<std::string> personal_copy(int64_t user_id, int64_t file_id, int version);
    // Records a copy just built; returns the name the row keeps (another download's, when two built it
    // at once: the caller then removes its own file).
    std::string record_personal_copy(int64_t user_id, int64_t file_id, int version, int64_t order_id,
                                     const std::string& stored_name, int64_t size_bytes, Time now);
    // Copies that should go: of a file replaced since (an older version), of a licence that ended
    // (refunded or cancelled order), or neither built nor downloaded since `idle_since`. At most `limit`.
    std::vector<PersonalCopy> stale_personal_copies(Time idle_since, int limit);
    // Forgets the copy if its row still names `stored_name` and, given `idle_since`, it is still stale (the
    // caller then deletes the file). False when a download has used or rebuilt it meanwhile, or it is gone.
    bool forget_personal_copy(const PersonalCopy& copy, std::optional<Time> idle_since);
    // The names every row of one reader's copies holds (the sweep's check for files no row names).
    std::vector<std::string> personal_copy_names(int64_t user_id);

    // The admin's view of an order's downloads (for disputes), oldest first.
    std::vector<DownloadRecord> downloads_for_order(int64_t order_id);

private:
    db::Connection& db_;
};

// Licences follow orders; called inside the order's transaction (store/orders.cpp).
class Licences {
public:
    explicit Licences(db::Connection& db) : db_(db) {}
    // The order is paid: one live licence per digital line (a reader who already owns the book keeps
    // the licence they have). Returns how many were granted.
    int grant_for_order(int64_t order_id, Time now);
    // The order was refunded in full or cancelled: its licences end, so its downloads stop at once.
    int revoke_for_order(int64_t order_id, Time now);

private:
    db::Connection& db_;
};

}  // namespace bf::store
