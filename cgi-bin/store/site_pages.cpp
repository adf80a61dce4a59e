#include "store/site_pages.h"

#include "core/errors.h"
#include "core/text.h"
#include "store/audit.h"

namespace bf::store {
namespace {

constexpr size_t kMaxTitle = 120, kMaxSummary = 300, kMaxBody = 20000;

constexpr const char* kColumns = "SELECT id, slug, title, summary, body, updated_at FROM site_pages ";

SitePage read_page(const db::Row& r) { return SitePage{r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.time(5)}; }

std::string checked(const std::string& text, size_t max, bool multiline, const char* what) {
    if (text.empty()) return std::string("Enter the page's ") + what + ".";
    if (!is_plain_text(text, multiline))
        return std::string("The ") + what + " may hold letters, digits and punctuation" +
               (multiline ? " and line breaks" : "") + " only.";
    if (utf8_length(text) > max) return std::string("Keep the ") + what + " under " + with_thousands(static_cast<int64_t>(max) + 1) + " characters.";
    return "";
}

}  // namespace

std::map<std::string, std::string> validate(SitePageInput& in) {
    in.title = trim(in.title);
    in.summary = trim(in.summary);
    std::map<std::string, std::string> errors;
    if (auto e = checked(in.title, kMaxTitle, false, "title"); !e.empty()) errors["title"] = e;
    if (auto e = checked(in.summary, kMaxSummary, false, "summary"); !e.empty()) errors["summary"] = e;
    if (auto e = checked(trim(in.body), kMaxBody, true, "text"); !e.empty()) errors["body"] = e;
    return errors;
}

std::vector<SitePage> SitePages::all() {
    std::vector<SitePage> out;
    for (const auto& r : db_.query(std::string(kColumns) + "ORDER BY position, id")) out.push_back(read_page(r));
    return out;
}

std::optional<SitePage> SitePages::find(const std::string& slug) {
    const auto row = db_.query_one(std::string(kColumns) + "WHERE slug = ?", slug);
    if (!row) return std::nullopt;
    return read_page(*row);
}

void SitePages::update(int64_t admin_id, const std::string& slug, SitePageInput in, Time now) {
    if (auto errors = validate(in); !errors.empty()) throw Invalid(errors);
    db_.transaction([&] {
        const auto row = db_.query_one(std::string(kColumns) + "WHERE slug = ? FOR UPDATE", slug);
        if (!row) throw NotFound("There is no such page.");
        const SitePage before = read_page(*row);
        db_.exec("UPDATE site_pages SET title = ?, summary = ?, body = ?, updated_at = ?, updated_by = ? WHERE id = ?",
                 in.title, in.summary, in.body, now, admin_id, before.id);
        AuditState was{{"title", before.title}, {"summary", before.summary}, {"body", before.body}};
        AuditState is{{"title", in.title}, {"summary", in.summary}, {"body", in.body}};
        keep_changes(was, is);
        Audit(db_).record(admin_id, "site_page.update", "site_page", before.id, was, is, now);
    });
}

}  // namespace bf::store
