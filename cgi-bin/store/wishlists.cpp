#include "store/wishlists.h"

#include <map>

#include "core/errors.h"
#include "core/text.h"

namespace bf::store {
namespace {

constexpr const char* kListColumns =
    "SELECT w.id, w.user_id, w.name, u.display_name, w.share_token_hash IS NOT NULL, w.created_at,"
    " (SELECT COUNT(*) FROM wishlist_items i WHERE i.wishlist_id = w.id)"
    " FROM wishlists w JOIN users u ON u.id = w.user_id ";

Wishlist read(const db::Row& r) {
    return Wishlist{r.i64(0), r.i64(1), r.str(2), r.str(3), r.boolean(4), r.i64(6), r.time(5)};
}

}  // namespace

std::string check_wishlist_name(std::string& name) {
    name = trim(name);
    if (name.empty()) return "Give the list a name.";
    if (!is_valid_utf8(name) || utf8_length(name) > kWishlistNameMax)
        return "Keep the name to " + std::to_string(kWishlistNameMax) + " characters or fewer.";
    if (!is_plain_text(name, false)) return "Use letters, digits and punctuation only.";
    return "";
}

std::vector<Wishlist> Wishlists::lists(int64_t user_id) {
    std::vector<Wishlist> out;
    for (const auto& r : db_.query(std::string(kListColumns) + "WHERE w.user_id = ? ORDER BY w.name, w.id", user_id))
        out.push_back(read(r));
    return out;
}

std::vector<std::pair<int64_t, std::string>> Wishlists::names(int64_t user_id) {
    std::vector<std::pair<int64_t, std::string>> out;
    for (const auto& r : db_.query("SELECT id, name FROM wishlists WHERE user_id = ? ORDER BY name, id", user_id))
        out.emplace_back(r.i64(0), r.str(1));
    return out;
}

std::optional<Wishlist> Wishlists::find(int64_t user_id, int64_t wishlist_id) {
    const auto row = db_.query_one(std::string(kListColumns) + "WHERE w.id = ? AND w.user_id = ?", wishlist_id, user_id);
    if (!row) return std::nullopt;
    return read(*row);
}

std::optional<Wishlist> Wishlists::find_shared(const std::string& token_hash) {
    if (token_hash.size() != 32) return std::nullopt;
    const auto row = db_.query_one(std::string(kListColumns) + "WHERE w.share_token_hash = ?", db::Bytes{token_hash});
    if (!row) return std::nullopt;
    return read(*row);
}

std::vector<WishlistItem> Wishlists::items(int64_t wishlist_id, bool published_only) {
    std::vector<WishlistItem> out;
    for (const auto& r : db_.query(
             "SELECT b.id, b.slug, b.title, u.display_name, b.cover_path, b.effective_price_cents, b.currency,"
             " b.status = 'published' AND (b.stock > 0 OR b.allow_backorder), i.priority, i.note, i.added_at"
             " FROM wishlist_items i JOIN books b ON b.id = i.book_id JOIN users u ON u.id = b.author_id"
             " WHERE i.wishlist_id = ? AND (? = 0 OR b.status = 'published')"
             " ORDER BY i.priority, i.added_at DESC, b.id LIMIT ?",
             wishlist_id, published_only, kMaxItems)) {
        WishlistItem it;
        it.book_id = r.i64(0);
        it.slug = r.str(1);
        it.title = r.str(2);
        it.author = r.str(3);
        it.cover_path = r.opt_str(4);
        it.price = r.i64(5);
        it.currency = r.str(6);
        it.available = r.boolean(7);
        it.priority = static_cast<int>(r.i64(8));
        it.note = r.str(9);
        it.added = r.time(10);
        out.push_back(std::move(it));
    }
    return out;
}

int64_t Wishlists::create(int64_t user_id, std::string name, Time now) {
    if (auto e = check_wishlist_name(name); !e.empty()) throw Invalid("name", e);
    return db_.transaction([&] {
        // The user's row serialises their list creations, so the limit holds.
        db_.query_one("SELECT id FROM users WHERE id = ? FOR UPDATE", user_id);
        if (db_.query_one("SELECT COUNT(*) FROM wishlists WHERE user_id = ?", user_id)->i64(0) >= kMaxLists)
            throw Invalid("name", "You have " + std::to_string(kMaxLists) + " lists already. Delete one first.");
        try {
            db_.exec("INSERT INTO wishlists (user_id, name, created_at, updated_at) VALUES (?, ?, ?, ?)", user_id, name,
                     now, now);
        } catch (const db::Error& e) {
            if (e.is_duplicate_key()) throw Invalid("name", "You already have a list called \xE2\x80\x9C" + name + "\xE2\x80\x9D.");
            throw;
        }
        return static_cast<int64_t>(db_.last_insert_id());
    });
}

void Wishlists::require_list(int64_t user_id, int64_t wishlist_id, bool lock) {
    const auto row = db_.query_one(std::string("SELECT id FROM wishlists WHERE id = ? AND user_id = ?") +
                                       (lock ? " FOR UPDATE" : ""),
                                   wishlist_id, user_id);
    if (!row) throw NotFound("There is no such wishlist in your account.");
}

void Wishlists::rename(int64_t user_id, int64_t wishlist_id, std::string name, Time now) {
    if (auto e = check_wishlist_name(name); !e.empty()) throw Invalid("name", e);
    db_.transaction([&] {
        require_list(user_id, wishlist_id, true);
        try {
            db_.exec("UPDATE wishlists SET name = ?, updated_at = ? WHERE id = ?", name, now, wishlist_id);
        } catch (const db::Error& e) {
            if (e.is_duplicate_key()) throw Invalid("name", "You already have a list called \xE2\x80\x9C" + name + "\xE2\x80\x9D.");
            throw;
        }
    });
}

bool Wishlists::remove(int64_t user_id, int64_t wishlist_id) {
    return db_.exec("DELETE FROM wishlists WHERE id = ? AND user_id = ?", wishlist_id, user_id) == 1;
}

void Wishlists::share(int64_t user_id, int64_t wishlist_id, const std::string& token_hash, Time now) {
    if (db_.exec("UPDATE wishlists SET share_token_hash = ?, updated_at = ? WHERE id = ? AND user_id = ?",
                 db::Bytes{token_hash}, now, wishlist_id, user_id) != 1)
        throw NotFound("There is no such wishlist in your account.");
}

void Wishlists::revoke(int64_t user_id, int64_t wishlist_id, Time now) {
    db_.transaction([&] {
        require_list(user_id, wishlist_id, true);
        db_.exec("UPDATE wishlists SET share_token_hash = NULL, updated_at = ? WHERE id = ?", now, wishlist_id);
    });
}

void Wishlists::add(int64_t user_id, int64_t wishlist_id, int64_t book_id, Time now) {
    db_.transaction([&] {
        require_list(user_id, wishlist_id, true);
        if (!db_.query_one("SELECT 1 FROM books WHERE id = ? AND status = 'published'", book_id))
            throw NotFound("This book is not in the catalogue.");
        if (db_.query_one("SELECT COUNT(*) FROM wishlist_items WHERE wishlist_id = ?", wishlist_id)->i64(0) >= kMaxItems)
            throw Invalid("book", "This list is full (" + std::to_string(kMaxItems) + " books).");
        db_.exec("INSERT IGNORE INTO wishlist_items (wishlist_id, book_id, added_at) VALUES (?, ?, ?)", wishlist_id,
                 book_id, now);
        db_.exec("UPDATE wishlists SET updated_at = ? WHERE id = ?", now, wishlist_id);
    });
}

void Wishlists::update_item(int64_t user_id, int64_t wishlist_id, int64_t book_id, int priority, std::string note) {
    note = trim(note);
    std::map<std::string, std::string> errors;
    if (priority < 1 || priority > 5) errors["priority"] = "Choose a priority from 1 (most wanted) to 5.";
    if (!is_plain_text(note, false) || utf8_length(note) > kWishlistNoteMax)
        errors["note"] = "Keep the note to " + std::to_string(kWishlistNoteMax) + " characters on one line.";
    if (!errors.empty()) throw Invalid(errors);
    db_.transaction([&] {
        require_list(user_id, wishlist_id, false);
        if (db_.exec("UPDATE wishlist_items SET priority = ?, note = ? WHERE wishlist_id = ? AND book_id = ?", priority,
                     note, wishlist_id, book_id) == 0 &&
            !db_.query_one("SELECT 1 FROM wishlist_items WHERE wishlist_id = ? AND book_id = ?", wishlist_id, book_id))
            throw NotFound("That book is not on this list.");
    });
}

bool Wishlists::remove_item(int64_t user_id, int64_t wishlist_id, int64_t book_id) {
    return db_.exec("DELETE i FROM wishlist_items i JOIN wishlists w ON w.id = i.wishlist_id"
                    " WHERE i.wishlist_id = ? AND i.book_id = ? AND w.user_id = ?",
                    wishlist_id, book_id, user_id) == 1;
}

}  // namespace bf::store
