#pragma once
// Readers' reviews of books: one per reader per book, held for approval or published at once, helpful
// votes, reports, and the moderators' decisions and replies.
//
// The book's rating (books.rating_avg, rating_count, rating_sum, rating_1..rating_5) counts published
// reviews only, and changes in the transaction that changes a review's rating or status, so it is exact
// under any concurrency. Lock order, everywhere: the review row first, then the book row. The book row
// is locked late, by the UPDATE of its counters, which comes BEFORE the review's own INSERT: the insert's
// foreign-key check takes a shared lock on the book, and two transactions each holding that shared lock
// and then asking for the exclusive one would deadlock. So a review write holds the book for two
// statements and the commit, and a write that changes no published rating never touches the book.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

inline constexpr size_t kReviewTitleMax = 120;
inline constexpr size_t kReviewBodyMin = 10;
inline constexpr size_t kReviewBodyMax = 5000;
inline constexpr size_t kReviewReplyMax = 2000;
inline constexpr size_t kReportNoteMax = 500;

struct ReviewInput {
    int rating = 0;  // 1..5
    std::string title;
    std::string body;
};

// Trims the text and returns a message per wrong field (rating, title, body); empty when fine.
std::map<std::string, std::string> validate(ReviewInput& input);

// The average as shown (and stored): sum / count rounded half up to hundredths, from integers only.
int64_t rating_hundredths(int64_t sum, int64_t count);
std::string format_rating(int64_t hundredths);  // 425 -> "4.25"
int64_t parse_rating(const std::string& decimal);  // "4.25" (books.rating_avg as read) -> 425

// A reader's report of a review, as the moderators read it (who reported it stays out).
struct ReviewReport {
    std::string reason;  // report_reasons()'s label
    std::string note;
    Time created{};
};

struct Review {
    int64_t id = 0;
    int64_t book_id = 0;
    int64_t user_id = 0;
    std::string reviewer;  // the reader's display name ("Former reader" once the account is closed)
    int rating = 0;
    std::string title;
    std::string body;
    std::string status;  // published, pending, rejected
    bool verified = false;
    int64_t helpful_count = 0;
    int64_t reported_count = 0;
    std::optional<std::string> admin_reply;
    std::optional<Time> replied_at;
    Time created{};
    Time updated{};
    // Filled by the moderation queue.
    std::string book_title;
    std::string book_slug;
    std::vector<ReviewReport> reports;  // the open ones, oldest first
};

struct RatingSummary {
    int64_t count = 0;
    int64_t sum = 0;
    std::string average = "0.00";
    int64_t stars[5] = {0, 0, 0, 0, 0};  // stars[0] = one-star reviews
};

enum class ReviewSort { Helpful, Newest };

struct ReviewPage {
    std::vector<Review> reviews;
    std::string next_cursor;  // empty on the last page
};

struct SavedReview {
    int64_t id = 0;
    bool created = false;
    std::string status;
    bool verified = false;
};

enum class VoteResult { Counted, AlreadyVoted, OwnReview, NotFound };
enum class ReportResult { Reported, AlreadyReported, OwnReview, NotFound };

// Report reasons as stored, with their labels.
const std::vector<std::pair<std::string, std::string>>& report_reasons();

struct VisitorReviews {
    std::optional<Review> own;
    std::set<int64_t> voted;
    // The visitor's wishlists (id, name; by name), for the book page's "save to a wishlist": read in
    // the same statement, so a logged-in book page asks the database one thing about its visitor.
    std::vector<std::pair<int64_t, std::string>> wishlists;
};

class Reviews {
public:
    explicit Reviews(db::Connection& db) : db_(db) {}

    // Writes the reader's review of the book, or replaces it. Throws Invalid with field messages.
    // `hold` (review_moderation = on) makes it wait for approval; an edit of a rejected review always
    // waits. verified is computed here from the reader's paid orders.
    SavedReview save(int64_t book_id, int64_t user_id, ReviewInput input, bool hold, Time now);
    // Deletes the reader's review of the book (its votes and reports go with it). False when none.
    bool remove(int64_t book_id, int64_t user_id);

    std::optional<Review> find(int64_t review_id);
    std::optional<Review> find_own(int64_t book_id, int64_t user_id);
    // Published reviews of a book, keyset-paged (the cursor comes from the previous page).
    ReviewPage list(int64_t book_id, ReviewSort sort, const std::string& after, int limit);
    RatingSummary summary(int64_t book_id);
    // What a book page shows one reader of its reviews, in one query: their own review of the book
    // and which of `review_ids` (the reviews on the page) they voted helpful.
    // The visitor's own review of the book, their votes among `review_ids` and their wishlists: one query.
    VisitorReviews visitor(int64_t book_id, int64_t user_id, const std::vector<int64_t>& review_ids);

    // One "helpful" per reader per review, never on one's own, published reviews only.
    VoteResult vote(int64_t review_id, int64_t user_id, Time now);
    // One report per reader per review; reason is one of report_reasons().
    ReportResult report(int64_t review_id, int64_t user_id, const std::string& reason, const std::string& note,
                        Time now);

    // ---- moderation (admins; each change audited in its transaction) ----
    // Reported reviews first (most reports first), then those waiting for approval, oldest first.
    std::vector<Review> moderation_queue(int limit);
    // "approve" publishes, "reject" hides; either clears the review's open reports.
    void moderate(int64_t actor_id, int64_t review_id, const std::string& decision, Time now);
    // The shop's public answer under the review; empty text removes it.
    void reply(int64_t actor_id, int64_t review_id, const std::string& text, Time now);

private:
    // Moves the book's counters from one (status, rating) of a review to another; no-op when the
    // published rating does not change. Must run inside the caller's transaction.
    void move_rating(int64_t book_id, const std::string& old_status, int old_rating, const std::string& new_status,
                     int new_rating);
    db::Connection& db_;
};

}  // namespace bf::store
