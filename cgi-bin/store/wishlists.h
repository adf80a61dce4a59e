#pragma once
// Readers' named wishlists. A list is private to its owner unless shared: sharing stores the SHA-256 of a
// random token (the link carries the token itself), and revoking clears it, so the old link finds nothing.
// Every owner operation is scoped by user id: another reader's list is "not found", never "forbidden".
#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

inline constexpr size_t kWishlistNameMax = 80;
inline constexpr size_t kWishlistNoteMax = 300;

struct Wishlist {
    int64_t id = 0;
    int64_t user_id = 0;
    std::string name;
    std::string owner_name;
    bool shared = false;
    int64_t item_count = 0;
    Time created{};
};

struct WishlistItem {
    int64_t book_id = 0;
    std::string slug;
    std::string title;
    std::string author;
    std::optional<std::string> cover_path;
    Cents price = 0;
    std::string currency;
    bool available = false;  // published, and in stock or on backorder
    int priority = 3;        // 1 (highest) .. 5
    std::string note;
    Time added{};
};

// "" when fine, else the message.
std::string check_wishlist_name(std::string& name);

class Wishlists {
public:
    static constexpr int kMaxLists = 20;
    static constexpr int kMaxItems = 200;

    explicit Wishlists(db::Connection& db) : db_(db) {}

    std::vector<Wishlist> lists(int64_t user_id);  // by name, with item counts
    // Just the ids and names, by name (the book page's "save to" choice): one index range, no counts.
    std::vector<std::pair<int64_t, std::string>> names(int64_t user_id);
    std::optional<Wishlist> find(int64_t user_id, int64_t wishlist_id);
    // The list a share link names, if it is still shared.
    std::optional<Wishlist> find_shared(const std::string& token_hash);
    // Highest priority first, then newest; `published_only` for a shared list seen by others.
    std::vector<WishlistItem> items(int64_t wishlist_id, bool published_only = false);

    // Throws Invalid{"name"} (empty, too long, taken, too many lists).
    int64_t create(int64_t user_id, std::string name, Time now);
    void rename(int64_t user_id, int64_t wishlist_id, std::string name, Time now);
    bool remove(int64_t user_id, int64_t wishlist_id);
    // Stores the hash of a new share token (replacing any earlier link); revoke forgets it.
    void share(int64_t user_id, int64_t wishlist_id, const std::string& token_hash, Time now);
    void revoke(int64_t user_id, int64_t wishlist_id, Time now);

    // Adds a published book (an existing item is left as it is). Throws NotFound, Invalid{"book"}.
    void add(int64_t user_id, int64_t wishlist_id, int64_t book_id, Time now);
    // Throws Invalid{"priority"|"note"}.
    void update_item(int64_t user_id, int64_t wishlist_id, int64_t book_id, int priority, std::string note);
    bool remove_item(int64_t user_id, int64_t wishlist_id, int64_t book_id);

private:
    void require_list(int64_t user_id, int64_t wishlist_id, bool lock);
    db::Connection& db_;
};

}  // namespace bf::store
