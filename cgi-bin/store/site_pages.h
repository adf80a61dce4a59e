#pragma once
// The shop's own pages (about, terms, privacy, shipping and returns, contact): plain text the admin
// edits; every edit is audited in its own transaction.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

struct SitePage {
    int64_t id = 0;
    std::string slug;
    std::string title;
    std::string summary;  // one or two sentences: the meta description and the admin list
    std::string body;     // plain text; blank lines separate paragraphs
    Time updated{};
};

struct SitePageInput {
    std::string title;
    std::string summary;
    std::string body;
};

// Trims title and summary and checks all three (plain text, lengths); a message per wrong field.
std::map<std::string, std::string> validate(SitePageInput& input);

class SitePages {
public:
    explicit SitePages(db::Connection& db) : db_(db) {}

    // In footer order.
    std::vector<SitePage> all();
    std::optional<SitePage> find(const std::string& slug);
    // Validates (throws Invalid per field), saves and audits "site_page.update" with the fields that
    // changed; throws NotFound for an unknown slug.
    void update(int64_t admin_id, const std::string& slug, SitePageInput input, Time now);

private:
    db::Connection& db_;
};

}  // namespace bf::store
