#include "store/reviews.h"

#include <cstdlib>

#include "core/errors.h"
#include "core/text.h"
#include "store/audit.h"
#include "store/orders.h"

namespace bf::store {
namespace {

// A review row: kColumnCount columns, then kFrom.
constexpr const char* kSelect =
    "SELECT r.id, r.book_id, r.user_id, u.display_name, r.rating, r.title, r.body, r.status, r.verified,"
    " r.helpful_count, r.reported_count, r.admin_reply, r.replied_at, r.created_at, r.updated_at, b.title, b.slug";
constexpr int kColumnCount = 17;
constexpr const char* kFrom = " FROM reviews r JOIN users u ON u.id = r.user_id JOIN books b ON b.id = r.book_id ";
const std::string kColumns = std::string(kSelect) + kFrom;

Review read(const db::Row& r) {
    Review v;
    v.id = r.i64(0);
    v.book_id = r.i64(1);
    v.user_id = r.i64(2);
    v.reviewer = r.str(3);
    v.rating = static_cast<int>(r.i64(4));
    v.title = r.str(5);
    v.body = r.str(6);
    v.status = r.str(7);
    v.verified = r.boolean(8);
    v.helpful_count = r.i64(9);
    v.reported_count = r.i64(10);
    v.admin_reply = r.opt_str(11);
    v.replied_at = r.opt_time(12);
    v.created = r.time(13);
    v.updated = r.time(14);
    v.book_title = r.str(15);
    v.book_slug = r.str(16);
    return v;
}

// "h.<helpful>.<id>" or "n.<created us>.<id>"; false for anything else.
bool parse_cursor(const std::string& cursor, ReviewSort sort, int64_t& key, int64_t& id) {
    const char want = sort == ReviewSort::Helpful ? 'h' : 'n';
    if (cursor.size() < 5 || cursor[0] != want || cursor[1] != '.') return false;
    const auto dot = cursor.find('.', 2);
    if (dot == std::string::npos) return false;
    char* end = nullptr;
    key = std::strtoll(cursor.c_str() + 2, &end, 10);
    if (end != cursor.c_str() + dot) return false;
    id = std::strtoll(cursor.c_str() + dot + 1, &end, 10);
    return *end == '\0' && id > 0 && key >= 0;
}

}  // namespace

std::map<std::string, std::string> validate(ReviewInput& in) {
    in.title = trim(in.title);
    in.body = trim(in.body);
    std::map<std::string, std::string> errors;
    if (in.rating < 1 || in.rating > 5) errors["rating"] = "Choose a rating from 1 to 5 stars.";
    if (in.title.empty()) errors["title"] = "Give your review a title.";
    else if (!is_valid_utf8(in.title) || utf8_length(in.title) > kReviewTitleMax)
        errors["title"] = "Keep the title to " + std::to_string(kReviewTitleMax) + " characters or fewer.";
    else if (!is_plain_text(in.title, false)) errors["title"] = "Use letters, digits and punctuation only in the title.";
    const size_t body_length = is_valid_utf8(in.body) ? utf8_length(in.body) : 0;
    if (in.body.empty()) errors["body"] = "Write a few words about the book.";
    else if (!is_plain_text(in.body, true))
        errors["body"] = "Use letters, digits and punctuation only.";
    else if (body_length < kReviewBodyMin)
        errors["body"] = "Write at least " + std::to_string(kReviewBodyMin) + " characters, so other readers learn something.";
    else if (body_length > kReviewBodyMax)
        errors["body"] = "Keep the review to " + std::to_string(kReviewBodyMax) + " characters or fewer (it has " +
                         std::to_string(body_length) + ").";
    return errors;
}

int64_t rating_hundredths(int64_t sum, int64_t count) {
    if (count <= 0) return 0;
    return (sum * 200 + count) / (2 * count);  // round half up, integers only
}

std::string format_rating(int64_t h) {
    return std::to_string(h / 100) + "." + (h % 100 < 10 ? "0" : "") + std::to_string(h % 100);
}

int64_t parse_rating(const std::string& decimal) {
    const auto dot = decimal.find('.');
    const int64_t whole = std::atoll(decimal.substr(0, dot).c_str());
    if (dot == std::string::npos) return whole * 100;
    return whole * 100 + std::atoll((decimal.substr(dot + 1) + "00").substr(0, 2).c_str());
}

const std::vector<std::pair<std::string, std::string>>& report_reasons() {
    static const std::vector<std::pair<std::string, std::string>> reasons = {
        {"spam", "Spam or advertising"},
        {"offensive", "Offensive or abusive"},
        {"off_topic", "Not about this book"},
        {"spoiler", "Gives away the ending without warning"},
        {"other", "Something else"},
    };
    return reasons;
}

void Reviews::move_rating(int64_t book_id, const std::string& old_status, int old_rating, const std::string& new_status,
                          int new_rating) {
    int64_t stars[6] = {0, 0, 0, 0, 0, 0};
    if (old_status == "published") --stars[old_rating];
    if (new_status == "published") ++stars[new_rating];
    int64_t d_count = 0, d_sum = 0;
    bool changed = false;
    for (int s = 1; s <= 5; ++s) {
        d_count += stars[s];
        d_sum += stars[s] * s;
        changed = changed || stars[s] != 0;
    }
    if (!changed) return;  // nothing published moved: leave the book row alone
    // rating_avg comes first and reads the old counters plus the deltas, so the statement means the
    // same whether MariaDB assigns left to right or simultaneously. Half-up rounding in integers.
    db_.exec(
        "UPDATE books SET"
        " rating_avg = IF(rating_count + ? = 0, 0,"
        "   ((rating_sum + ?) * 200 + rating_count + ?) DIV (2 * (rating_count + ?)) / 100),"
        " rating_count = rating_count + ?, rating_sum = rating_sum + ?,"
        " rating_1 = rating_1 + ?, rating_2 = rating_2 + ?, rating_3 = rating_3 + ?, rating_4 = rating_4 + ?,"
        " rating_5 = rating_5 + ?"
        " WHERE id = ?",
        d_count, d_sum, d_count, d_count, d_count, d_sum, stars[1], stars[2], stars[3], stars[4], stars[5], book_id);
}

SavedReview Reviews::save(int64_t book_id, int64_t user_id, ReviewInput input, bool hold, Time now) {
    auto errors = validate(input);
    if (!errors.empty()) throw Invalid(errors);
    // Two first reviews racing for the same (book, reader): one INSERT wins, the other hits the unique
    // key, its transaction rolls back, and the second pass finds the winner's row and edits it.
    for (int pass = 0;; ++pass) {
        try {
            return db_.transaction([&] {
                const auto existing = db_.query_one(
                    "SELECT id, status, rating FROM reviews WHERE book_id = ? AND user_id = ? FOR UPDATE", book_id,
                    user_id);
                SavedReview saved;
                saved.verified = Orders(db_).has_bought(user_id, book_id);
                if (existing) {
                    const std::string old_status = existing->str(1);
                    saved.id = existing->i64(0);
                    saved.status = hold || old_status == "rejected" ? "pending" : "published";
                    move_rating(book_id, old_status, static_cast<int>(existing->i64(2)), saved.status, input.rating);
                    db_.exec("UPDATE reviews SET rating = ?, title = ?, body = ?, status = ?, verified = ?, updated_at = ?"
                             " WHERE id = ?",
                             input.rating, input.title, input.body, saved.status, saved.verified, now, saved.id);
                    return saved;
                }
                if (!db_.query_one("SELECT 1 FROM books WHERE id = ? AND status = 'published'", book_id))
                    throw NotFound("This book is not in the catalogue.");
                saved.created = true;
                saved.status = hold ? "pending" : "published";
                move_rating(book_id, "", 0, saved.status, input.rating);  // book row first: see reviews.h
                db_.exec("INSERT INTO reviews (book_id, user_id, rating, title, body, status, verified, created_at,"
                         " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         book_id, user_id, input.rating, input.title, input.body, saved.status, saved.verified, now, now);
                saved.id = static_cast<int64_t>(db_.last_insert_id());
                return saved;
            });
        } catch (const db::Error& e) {
            if (!e.is_duplicate_key() || pass > 0) throw;
        }
    }
}

bool Reviews::remove(int64_t book_id, int64_t user_id) {
    return db_.transaction([&] {
        const auto existing = db_.query_one(
            "SELECT id, status, rating FROM reviews WHERE book_id = ? AND user_id = ? FOR UPDATE", book_id, user_id);
        if (!existing) return false;
        move_rating(book_id, existing->str(1), static_cast<int>(existing->i64(2)), "", 0);
        db_.exec("DELETE FROM reviews WHERE id = ?", existing->i64(0));
        return true;
    });
}

std::optional<Review> Reviews::find(int64_t review_id) {
    const auto row = db_.query_one(std::string(kColumns) + "WHERE r.id = ?", review_id);
    if (!row) return std::nullopt;
    return read(*row);
}

std::optional<Review> Reviews::find_own(int64_t book_id, int64_t user_id) {
    const auto row = db_.query_one(std::string(kColumns) + "WHERE r.book_id = ? AND r.user_id = ?", book_id, user_id);
    if (!row) return std::nullopt;
    return read(*row);
}

ReviewPage Reviews::list(int64_t book_id, ReviewSort sort, const std::string& after, int limit) {
    const bool helpful = sort == ReviewSort::Helpful;
    const std::string key = helpful ? "r.helpful_count" : "r.created_at";
    std::string sql = std::string(kColumns) + "WHERE r.book_id = ? AND r.status = 'published'";
    std::vector<db::Param> params{db::to_param(book_id)};
    int64_t after_key = 0, after_id = 0;
    if (!after.empty() && parse_cursor(after, sort, after_key, after_id)) {
        sql += " AND (" + key + " < ? OR (" + key + " = ? AND r.id < ?))";
        const db::Param k = helpful ? db::to_param(after_key) : db::to_param(Time{after_key});
        params.insert(params.end(), {k, k, db::to_param(after_id)});
    }
    sql += " ORDER BY " + key + " DESC, r.id DESC LIMIT ?";
    params.push_back(db::to_param(limit + 1));
    ReviewPage page;
    for (const auto& r : db_.query_params(sql, params)) page.reviews.push_back(read(r));
    if (static_cast<int>(page.reviews.size()) > limit) {
        page.reviews.pop_back();
        const Review& last = page.reviews.back();
        page.next_cursor = helpful ? "h." + std::to_string(last.helpful_count) + "." + std::to_string(last.id)
                                   : "n." + std::to_string(last.created.us) + "." + std::to_string(last.id);
    }
    return page;
}

RatingSummary Reviews::summary(int64_t book_id) {
    RatingSummary s;
    const auto row = db_.query_one(
        "SELECT rating_count, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5 FROM books WHERE id = ?",
        book_id);
    if (!row) return s;
    s.count = row->i64(0);
    s.sum = row->i64(1);
    for (size_t i = 0; i < 5; ++i) s.stars[i] = row->i64(2 + i);
    s.average = format_rating(rating_hundredths(s.sum, s.count));
    return s;
}

VisitorReviews Reviews::visitor(int64_t book_id, int64_t user_id, const std::vector<int64_t>& review_ids) {
    // The own review's row ends in two NULLs; a vote's row is NULLs but for the review id; a wishlist's
    // row is NULLs but for its id and name (last). Sorted by that name, so the wishlists come in order
    // after the other rows (whose name is NULL).
    std::string nulls;
    for (int i = 0; i < kColumnCount; ++i) nulls += "NULL, ";
    std::string sql = "(" + std::string(kSelect) + ", NULL, NULL" + kFrom + "WHERE r.book_id = ? AND r.user_id = ?)";
    std::vector<db::Param> params{db::to_param(book_id), db::to_param(user_id)};
    if (!review_ids.empty()) {
        sql += " UNION ALL (SELECT " + nulls + "v.review_id, NULL FROM review_votes v WHERE v.user_id = ? AND v.review_id IN (" +
               db::placeholders(review_ids.size()) + "))";
        params.push_back(db::to_param(user_id));
        for (const int64_t id : review_ids) params.push_back(db::to_param(id));
    }
    sql += " UNION ALL (SELECT " + nulls + "w.id, w.name FROM wishlists w WHERE w.user_id = ?)";
    params.push_back(db::to_param(user_id));
    sql += " ORDER BY " + std::to_string(kColumnCount + 2) + ", " + std::to_string(kColumnCount + 1);
    VisitorReviews out;
    for (const auto& row : db_.query_params(sql, params)) {
        if (!row.is_null(0)) out.own = read(row);
        else if (row.is_null(kColumnCount + 1)) out.voted.insert(row.i64(kColumnCount));
        else out.wishlists.emplace_back(row.i64(kColumnCount), row.str(kColumnCount + 1));
    }
    return out;
}

VoteResult Reviews::vote(int64_t review_id, int64_t user_id, Time now) {
    try {
        return db_.transaction([&] {
            // The count first (the review row's lock), then the vote: the vote's foreign-key check would
            // otherwise share-lock the review and two voters upgrading it would deadlock.
            const uint64_t changed = db_.exec(
                "UPDATE reviews SET helpful_count = helpful_count + 1 WHERE id = ? AND status = 'published' AND user_id <> ?",
                review_id, user_id);
            if (changed == 0) {
                const auto r = db_.query_one("SELECT user_id, status FROM reviews WHERE id = ?", review_id);
                if (!r || r->str(1) != "published") return VoteResult::NotFound;
                return VoteResult::OwnReview;
            }
            db_.exec("INSERT INTO review_votes (review_id, user_id, created_at) VALUES (?, ?, ?)", review_id, user_id, now);
            return VoteResult::Counted;
        });
    } catch (const db::Error& e) {
        if (e.is_duplicate_key()) return VoteResult::AlreadyVoted;  // the count rolled back with it
        throw;
    }
}

ReportResult Reviews::report(int64_t review_id, int64_t user_id, const std::string& reason, const std::string& note,
                             Time now) {
    bool known = false;
    for (const auto& r : report_reasons()) known = known || r.first == reason;
    if (!known) throw Invalid("reason", "Choose what is wrong with this review.");
    const std::string text = trim(note);
    if (!is_plain_text(text, true) || utf8_length(text) > kReportNoteMax)
        throw Invalid("note", "Keep the note to " + std::to_string(kReportNoteMax) + " characters of plain text.");
    try {
        return db_.transaction([&] {
            const uint64_t changed = db_.exec(
                "UPDATE reviews SET reported_count = reported_count + 1 WHERE id = ? AND status = 'published' AND user_id <> ?",
                review_id, user_id);
            if (changed == 0) {
                const auto r = db_.query_one("SELECT user_id, status FROM reviews WHERE id = ?", review_id);
                if (!r || r->str(1) != "published") return ReportResult::NotFound;
                return ReportResult::OwnReview;
            }
            db_.exec("INSERT INTO review_reports (review_id, user_id, reason, note, created_at) VALUES (?, ?, ?, ?, ?)",
                     review_id, user_id, reason, text, now);
            return ReportResult::Reported;
        });
    } catch (const db::Error& e) {
        if (e.is_duplicate_key()) return ReportResult::AlreadyReported;
        throw;
    }
}

std::vector<Review> Reviews::moderation_queue(int limit) {
    std::vector<Review> out;
    for (const auto& r : db_.query(std::string(kColumns) +
                                       "WHERE (r.status = 'published' AND r.reported_count > 0) OR r.status = 'pending'"
                                       " ORDER BY r.reported_count DESC, r.id LIMIT ?",
                                   limit))
        out.push_back(read(r));
    // Why each was reported: one query for the whole page.
    std::map<int64_t, Review*> by_id;
    std::vector<db::Param> ids;
    for (auto& r : out) {
        if (r.reported_count == 0) continue;
        by_id[r.id] = &r;
        ids.push_back(db::to_param(r.id));
    }
    if (ids.empty()) return out;
    for (const auto& r : db_.query_params("SELECT review_id, reason, note, created_at FROM review_reports WHERE review_id IN (" +
                                              db::placeholders(ids.size()) + ") ORDER BY review_id, created_at, id",
                                          ids)) {
        std::string label = r.str(1);
        for (const auto& [value, text] : report_reasons())
            if (value == label) label = text;
        by_id.at(r.i64(0))->reports.push_back({label, r.str(2), r.time(3)});
    }
    return out;
}

void Reviews::moderate(int64_t actor_id, int64_t review_id, const std::string& decision, Time now) {
    if (decision != "approve" && decision != "reject") throw BadRequest("Choose approve or reject.");
    db_.transaction([&] {
        const auto r = db_.query_one("SELECT book_id, status, rating, reported_count FROM reviews WHERE id = ? FOR UPDATE",
                                     review_id);
        if (!r) throw NotFound("There is no such review.");
        const std::string old_status = r->str(1);
        const std::string new_status = decision == "approve" ? "published" : "rejected";
        const int rating = static_cast<int>(r->i64(2));
        move_rating(r->i64(0), old_status, rating, new_status, rating);
        db_.exec("UPDATE reviews SET status = ?, reported_count = 0 WHERE id = ?", new_status, review_id);
        db_.exec("DELETE FROM review_reports WHERE review_id = ?", review_id);
        Audit(db_).record(actor_id, "review." + decision, "review", review_id,
                          {{"status", old_status}, {"reports", std::to_string(r->i64(3))}},
                          {{"status", new_status}, {"reports", "0"}}, now);
    });
}

void Reviews::reply(int64_t actor_id, int64_t review_id, const std::string& raw, Time now) {
    const std::string text = trim(raw);
    if (!is_plain_text(text, true) || utf8_length(text) > kReviewReplyMax)
        throw Invalid("reply", "Keep the reply to " + std::to_string(kReviewReplyMax) + " characters of plain text.");
    db_.transaction([&] {
        const auto r = db_.query_one("SELECT COALESCE(admin_reply, '') FROM reviews WHERE id = ? FOR UPDATE", review_id);
        if (!r) throw NotFound("There is no such review.");
        db_.exec("UPDATE reviews SET admin_reply = ?, replied_at = ? WHERE id = ?",
                 text.empty() ? std::optional<std::string>() : std::optional<std::string>(text),
                 text.empty() ? std::optional<Time>() : std::optional<Time>(now), review_id);
        Audit(db_).record(actor_id, "review.reply", "review", review_id, {{"reply", r->str(0)}}, {{"reply", text}}, now);
    });
}

}  // namespace bf::store
