// Reviews: a reader writes, edits or deletes their review of a book, votes others' reviews helpful and
// reports bad ones; the book page shows the rating with a bar per star and the reviews, most helpful or
// newest first; admins approve, reject and reply at /admin/reviews.
//
// Config key review_moderation: "off" (default) publishes at once, "on" holds new and edited reviews
// until an admin approves them.
#include <atomic>
#include <chrono>

#include "core/errors.h"
#include "core/text.h"
#include "core/ttl_cache.h"
#include "pages/admin_nav.h"
#include "pages/catalog_view.h"
#include "pages/readers.h"

namespace bf::pages {
namespace {

constexpr int kReviewsPerPage = 10;

const Field kTitleField{"title", "Title", "text", "off", "Sum the book up in a few words.", true, true,
                        static_cast<int>(store::kReviewTitleMax)};
const Field kBodyField{"body", "Your review", "textarea", "off",
                       "What did you like or not? Please avoid spoiling the ending.", true, true,
                       static_cast<int>(store::kReviewBodyMax)};
const Field kReasonField{"reason", "What is wrong with this review?", "select", "off", "", true, true, 0};
const Field kNoteField{"note", "Anything the moderators should know?", "textarea", "off", "Optional.", false, true,
                       static_cast<int>(store::kReportNoteMax)};

const char* const kStarWords[] = {"", "1 star: did not like it", "2 stars: it was all right", "3 stars: liked it",
                                  "4 stars: really liked it", "5 stars: loved it"};

bool hold_reviews(const App& app) { return app.config().get("review_moderation", "off") == "on"; }

std::string stars_visual(int64_t filled) {
    std::string s;
    for (int64_t i = 1; i <= 5; ++i) s += i <= filled ? "\xE2\x98\x85" : "\xE2\x98\x86";  // ★ ☆
    return s;
}

void add_paragraphs(ctemplate::TemplateDictionary& dict, const std::string& text) {
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string line = trim(std::string_view(text).substr(start, end - start));
        if (!line.empty()) dict.AddSectionDictionary("PARAGRAPH")->SetValue("TEXT", line);
        start = end + 1;
    }
}

int64_t id_param(Context& ctx, const char* name) { return path_id(ctx, "There is no such review.", name); }

store::Book published_book(Context& ctx) {
    auto book = ctx.store.catalog.find_published(ctx.req.param("slug"));
    if (!book) throw NotFound("This book is not in the catalogue.");
    return std::move(*book);
}

void fill_review(ctemplate::TemplateDictionary& d, const store::Review& r) {
    d.SetIntValue("ID", r.id);
    d.SetIntValue("RATING", r.rating);
    d.SetValue("STARS", stars_visual(r.rating));
    d.SetValue("TITLE", r.title);
    d.SetValue("REVIEWER", r.reviewer);
    d.SetValue("DATE", format_date(r.created));
    if (r.updated.us - r.created.us > 60 * 1000000LL) d.ShowSection("EDITED");
    if (r.verified) d.ShowSection("VERIFIED");
    add_paragraphs(d, r.body);
    if (r.admin_reply) {
        auto* reply = d.AddSectionDictionary("HAS_REPLY");
        add_paragraphs(*reply, *r.admin_reply);
    }
    d.SetValue("HELPFUL_TEXT", r.helpful_count == 0   ? "No votes yet"
                               : r.helpful_count == 1 ? "1 reader found this helpful"
                                                      : std::to_string(r.helpful_count) + " readers found this helpful");
}

// ---- the book page's section -----------------------------------------------------------

struct ReviewsData {
    store::RatingSummary summary;
    store::ReviewPage page;
};

TtlCache<ReviewsData>& reviews_cache() {
    static TtlCache<ReviewsData> cache(std::chrono::seconds(1), 2000);
    return cache;
}

// A vote or a reply: only the review lists change.
void reviews_changed() { reviews_cache().clear(); }

// The visitor's part of a book page (own review, votes, wishlists) per user, book and page of reviews,
// kept for a second as the session is (README, "Sessions and what a worker keeps"): another process's
// change shows within that second, and any state-changing request in this process drops them all at
// once. A read that raced with such a request is not kept (the generation moved meanwhile).
TtlCache<store::VisitorReviews>& visitor_cache() {
    static TtlCache<store::VisitorReviews> cache(std::chrono::seconds(1), 20000);
    return cache;
}
std::atomic<uint64_t> visitor_generation{0};

// A review written, deleted or moderated may move the book's rating.
void rating_may_have_changed() {
    reviews_changed();
    catalog_changed();  // the cards and the book page show the new average at once in this worker
}

}  // namespace

void forget_visitor_data() {
    ++visitor_generation;
    visitor_cache().clear();
}

store::VisitorReviews add_book_reviews(ctemplate::TemplateDictionary& page, Context& ctx, const store::Book& b) {
    const bool newest = ctx.req.field("reviews") == "newest";
    const std::string after = ctx.req.field("after");
    const std::string key = std::to_string(b.id) + (newest ? "|n|" : "|h|") + after;
    auto data = reviews_cache().get(key);
    if (!data) {
        ReviewsData fresh;
        fresh.summary = ctx.store.reviews.summary(b.id);
        fresh.page = ctx.store.reviews.list(b.id, newest ? store::ReviewSort::Newest : store::ReviewSort::Helpful, after,
                                            kReviewsPerPage);
        data = reviews_cache().put(key, std::move(fresh));
    }
    const auto& s = data->summary;
    auto* section = page.AddIncludeDictionary("REVIEWS");
    section->SetFilename("reviews/section.tpl");
    auto& d = *section;
    d.SetValue("SLUG", b.slug);
    d.SetValue("BOOK_TITLE", b.title);
    d.SetValue("REVIEW_SORT", newest ? "newest" : "helpful");  // a vote comes back to the same order
    if (s.count > 0) {
        auto* sum = d.AddSectionDictionary("HAS_RATINGS");
        const int64_t h = store::rating_hundredths(s.sum, s.count);
        sum->SetValue("AVERAGE", s.average);
        sum->SetValue("STARS", stars_visual((h + 50) / 100));
        sum->SetIntValue("COUNT", s.count);
        sum->SetValue("RATINGS_WORD", s.count == 1 ? "rating" : "ratings");
        for (int star = 5; star >= 1; --star) {
            const int64_t n = s.stars[star - 1];
            const int64_t percent = (n * 100 + s.count / 2) / s.count;
            auto* row = sum->AddSectionDictionary("STAR_ROW");
            row->SetIntValue("STAR", star);
            row->SetValue("STAR_WORD", star == 1 ? "star" : "stars");
            row->SetIntValue("N", n);
            row->SetIntValue("PERCENT", percent);
        }
    } else {
        d.ShowSection("NO_RATINGS");
    }
    // Sorting and paging links.
    auto* sort_helpful = d.AddSectionDictionary("SORT");
    sort_helpful->SetValue("URL", "/books/" + b.slug + "#reviews");
    sort_helpful->SetValue("LABEL", "Most helpful");
    if (!newest) sort_helpful->ShowSection("CURRENT");
    auto* sort_newest = d.AddSectionDictionary("SORT");
    sort_newest->SetValue("URL", "/books/" + b.slug + "?reviews=newest#reviews");
    sort_newest->SetValue("LABEL", "Newest");
    if (newest) sort_newest->ShowSection("CURRENT");
    if (!data->page.next_cursor.empty())
        d.SetValueAndShowSection("NEXT_URL",
                                 "/books/" + b.slug + "?reviews=" + (newest ? "newest" : "helpful") +
                                     "&after=" + url_encode(data->page.next_cursor) + "#reviews",
                                 "HAS_NEXT");
    if (!after.empty()) d.SetValueAndShowSection("FIRST_URL", newest ? "/books/" + b.slug + "?reviews=newest#reviews"
                                                                     : "/books/" + b.slug + "#reviews", "HAS_FIRST");

    // The visitor's part: their own review, and which reviews they already voted for.
    const auto& user = ctx.user();
    store::VisitorReviews mine;
    if (user) {
        std::vector<int64_t> ids;
        std::string visitor_key = std::to_string(user->id) + "|" + std::to_string(b.id);
        for (const auto& r : data->page.reviews) {
            ids.push_back(r.id);
            visitor_key += "|" + std::to_string(r.id);
        }
        if (const auto kept = visitor_cache().get(visitor_key)) {
            mine = *kept;
        } else {
            const uint64_t generation = visitor_generation.load();
            mine = ctx.store.reviews.visitor(b.id, user->id, ids);
            if (visitor_generation.load() == generation) visitor_cache().put(visitor_key, mine);
        }
        if (const auto& own = mine.own) {
            auto* own_dict = d.AddSectionDictionary("OWN_REVIEW");
            fill_review(*own_dict, *own);
            if (own->status == "pending") own_dict->ShowSection("PENDING");
            if (own->status == "rejected") own_dict->ShowSection("REJECTED");
        } else {
            d.ShowSection("CAN_WRITE");
        }
    } else {
        d.SetValueAndShowSection("LOGIN_URL", "/login?next=" + url_encode("/books/" + b.slug + "/review"), "LOGGED_OUT");
    }
    if (data->page.reviews.empty()) d.ShowSection("NO_REVIEWS");
    for (const auto& r : data->page.reviews) {
        auto* row = d.AddSectionDictionary("REVIEW");
        fill_review(*row, r);
        if (!user) continue;
        if (user->id == r.user_id) row->ShowSection("IS_OWN");
        else if (mine.voted.count(r.id)) row->ShowSection("VOTED");
        else row->ShowSection("CAN_VOTE");
        if (user->id != r.user_id) row->ShowSection("CAN_REPORT");
    }
    return mine;
}

namespace {

// ---- writing a review --------------------------------------------------------------------

http::Response review_form(Context& ctx, const store::Book& b, const FormState& form, bool editing) {
    View view("reviews/form.tpl", editing ? "Edit your review" : "Review " + b.title);
    view.status = form.errors.empty() ? 200 : 422;
    auto& page = view.page();
    page.SetValue("SLUG", b.slug);
    page.SetValue("BOOK_TITLE", b.title);
    page.SetValue("HEADING", editing ? "Edit your review" : "Write a review");
    page.ShowSection(editing ? "EDITING" : "NEW_REVIEW");
    if (hold_reviews(ctx.app)) page.ShowSection("MODERATED");
    add_form_errors(page, form);
    const auto rating = form.values.find("rating");
    for (int star = 5; star >= 1; --star) {
        auto* r = page.AddSectionDictionary("STAR_OPTION");
        r->SetIntValue("VALUE", star);
        r->SetValue("LABEL", kStarWords[star]);
        r->SetValue("STARS", stars_visual(star));
        if (rating != form.values.end() && rating->second == std::to_string(star)) r->ShowSection("CHECKED");
    }
    if (const auto e = form.errors.find("rating"); e != form.errors.end())
        page.SetValueAndShowSection("RATING_ERROR", e->second, "HAS_RATING_ERROR");
    add_field(page, "TITLE_FIELD", kTitleField, form);
    add_textarea(page, "BODY_FIELD", kBodyField, form, 8);
    return ctx.render(view);
}

http::Response show_review_form(Context& ctx) {
    const auto b = published_book(ctx);
    FormState form;
    const auto own = ctx.store.reviews.find_own(b.id, ctx.require_user().id);
    if (own) form.values = {{"rating", std::to_string(own->rating)}, {"title", own->title}, {"body", own->body}};
    return review_form(ctx, b, form, own.has_value());
}

http::Response save_review(Context& ctx) {
    const auto b = published_book(ctx);
    const int64_t user_id = ctx.require_user().id;
    FormState form;
    form.values = {{"rating", ctx.req.field("rating")},
                   {"title", ctx.req.field("title")},
                   {"body", normalize_newlines(ctx.req.field("body"))}};
    store::ReviewInput input;
    const std::string rating = form.values["rating"];
    input.rating = static_cast<int>(parse_int(rating, 1, 5).value_or(0));
    input.title = form.values["title"];
    input.body = form.values["body"];
    store::SavedReview saved;
    try {
        saved = ctx.store.reviews.save(b.id, user_id, input, hold_reviews(ctx.app), ctx.now());
    } catch (const Invalid& e) {
        form.errors = e.fields;
        return review_form(ctx, b, form, ctx.store.reviews.find_own(b.id, user_id).has_value());
    }
    rating_may_have_changed();
    const std::string message =
        saved.status == "pending"
            ? "Thank you! Your review will appear once a moderator has read it."
            : saved.created ? "Thank you! Your review is published." : "Your review is updated.";
    return http::Response::see_other("/books/" + b.slug + "#your-review", message);
}

http::Response delete_review(Context& ctx) {
    const auto b = published_book(ctx);
    const bool removed = ctx.store.reviews.remove(b.id, ctx.require_user().id);
    if (removed) rating_may_have_changed();
    return http::Response::see_other("/books/" + b.slug + "#reviews",
                                     removed ? "Your review is deleted." : "You had no review of this book.");
}

// ---- votes and reports --------------------------------------------------------------------

// The book's page in the order the reader was reading it (the form says which), at the review.
std::string back_to_review(Context& ctx, const store::Review& r) {
    return "/books/" + r.book_slug + (ctx.req.field("reviews") == "newest" ? "?reviews=newest" : "") + "#review-" +
           std::to_string(r.id);
}

http::Response vote_helpful(Context& ctx) {
    const int64_t id = id_param(ctx, "id");
    const auto result = ctx.store.reviews.vote(id, ctx.require_user().id, ctx.now());
    if (result == store::VoteResult::NotFound) throw NotFound("There is no such review.");
    const auto review = ctx.store.reviews.find(id);
    if (!review) throw NotFound("There is no such review.");
    if (result == store::VoteResult::OwnReview)
        return http::Response::see_other(back_to_review(ctx, *review), "You cannot vote for your own review.", "error");
    if (result == store::VoteResult::Counted) reviews_changed();
    return http::Response::see_other(back_to_review(ctx, *review), result == store::VoteResult::Counted
                                                                  ? "Thanks for your vote."
                                                                  : "You already found this review helpful.");
}

http::Response report_form(Context& ctx, const store::Review& r, const FormState& form) {
    View view("reviews/report.tpl", "Report a review");
    view.status = form.errors.empty() ? 200 : 422;
    auto& page = view.page();
    fill_review(page, r);
    page.SetValue("BOOK_TITLE", r.book_title);
    page.SetValue("BOOK_URL", "/books/" + r.book_slug);
    add_form_errors(page, form);
    std::vector<std::pair<std::string, std::string>> options{{"", "Choose a reason"}};
    for (const auto& reason : store::report_reasons()) options.push_back(reason);
    add_select(page, "REASON_FIELD", kReasonField, options, form);
    add_textarea(page, "NOTE_FIELD", kNoteField, form, 3);
    return ctx.render(view);
}

store::Review public_review(Context& ctx) {
    const auto r = ctx.store.reviews.find(id_param(ctx, "id"));
    if (!r || r->status != "published") throw NotFound("There is no such review.");
    return *r;
}

http::Response show_report(Context& ctx) { return report_form(ctx, public_review(ctx), FormState{}); }

http::Response do_report(Context& ctx) {
    const auto r = public_review(ctx);
    FormState form;
    form.values = {{"reason", ctx.req.field("reason")}, {"note", normalize_newlines(ctx.req.field("note"))}};
    store::ReportResult result;
    try {
        result = ctx.store.reviews.report(r.id, ctx.require_user().id, form.values["reason"], form.values["note"], ctx.now());
    } catch (const Invalid& e) {
        form.errors = e.fields;
        return report_form(ctx, r, form);
    }
    if (result == store::ReportResult::NotFound) throw NotFound("There is no such review.");
    if (result == store::ReportResult::OwnReview)
        return http::Response::see_other(back_to_review(ctx, r), "You cannot report your own review.", "error");
    return http::Response::see_other(back_to_review(ctx, r), result == store::ReportResult::Reported
                                                            ? "Thank you. A moderator will look at this review."
                                                            : "You have already reported this review.");
}

// ---- moderation ----------------------------------------------------------------------------

http::Response moderation(Context& ctx) {
    View view("admin/reviews.tpl", "Reviews");
    add_admin_nav(view, "reviews");
    auto& page = view.page();
    page.SetValue("MODE", hold_reviews(ctx.app) ? "held for approval (review_moderation = on)"
                                                : "published at once (review_moderation = off)");
    const auto queue = ctx.store.reviews.moderation_queue(100);
    if (queue.empty()) page.ShowSection("EMPTY");
    for (const auto& r : queue) {
        auto* row = page.AddSectionDictionary("REVIEW");
        fill_review(*row, r);
        row->SetValue("BOOK_TITLE", r.book_title);
        row->SetValue("BOOK_URL", "/books/" + r.book_slug);
        row->SetValue("REPLY", r.admin_reply.value_or(""));
        if (r.reported_count > 0) {
            row->SetIntValue("REPORTS", r.reported_count);
            row->ShowSection("REPORTED");
        }
        if (!r.reports.empty()) row->ShowSection("HAS_REPORTS");
        for (const auto& report : r.reports) {
            auto* d = row->AddSectionDictionary("REPORT");
            d->SetValue("REASON", report.reason);
            d->SetValue("DATE", format_human(report.created));
            if (!report.note.empty()) d->SetValueAndShowSection("NOTE", report.note, "HAS_NOTE");
        }
        if (r.status == "pending") row->ShowSection("PENDING");
        if (r.status == "published") row->ShowSection("PUBLISHED");
    }
    return ctx.render(view);
}

http::Response decide(Context& ctx) {
    const std::string decision = ctx.req.field("decision");
    ctx.store.reviews.moderate(ctx.require_user().id, id_param(ctx, "id"), decision, ctx.now());
    rating_may_have_changed();
    return http::Response::see_other("/admin/reviews", decision == "approve" ? "The review is published."
                                                                             : "The review is rejected and hidden.");
}

http::Response reply(Context& ctx) {
    const std::string text = ctx.req.field("reply");
    ctx.store.reviews.reply(ctx.require_user().id, id_param(ctx, "id"), text, ctx.now());
    reviews_changed();
    return http::Response::see_other("/admin/reviews", trim(text).empty() ? "The reply is removed." : "Your reply is published under the review.");
}

}  // namespace

void register_review_routes(App& app) {
    app.add("GET", "/books/{slug}/review", {show_review_form, Access::User});
    app.add("POST", "/books/{slug}/review", {save_review, Access::User});
    app.add("POST", "/books/{slug}/review/delete", {delete_review, Access::User});
    app.add("POST", "/reviews/{id}/helpful", {vote_helpful, Access::User});
    app.add("GET", "/reviews/{id}/report", {show_report, Access::User});
    app.add("POST", "/reviews/{id}/report", {do_report, Access::User});
    app.add("GET", "/admin/reviews", {moderation, Access::Admin});
    app.add("POST", "/admin/reviews/{id}/decision", {decide, Access::Admin});
    app.add("POST", "/admin/reviews/{id}/reply", {reply, Access::Admin});
}

}  // namespace bf::pages
