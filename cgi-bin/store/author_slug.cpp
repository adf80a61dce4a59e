#include "store/author_slug.h"

#include "core/text.h"

namespace bf::store {

void ensure_author_slug(db::Connection& db, int64_t author_id) {
    const auto row = db.query_one("SELECT slug, display_name FROM users WHERE id = ?", author_id);
    if (!row || !row->is_null(0)) return;
    std::string base = slugify(row->str(1));
    if (base.size() > 60) base = base.substr(0, 60);
    if (base.empty()) base = "author";
    // The plain name when free, else the name with the account id (unique by construction).
    const bool taken = db.query_one("SELECT 1 FROM users WHERE slug = ?", base).has_value();
    db.exec("UPDATE users SET slug = ? WHERE id = ? AND slug IS NULL", taken ? base + "-" + std::to_string(author_id) : base,
            author_id);
}

}  // namespace bf::store
