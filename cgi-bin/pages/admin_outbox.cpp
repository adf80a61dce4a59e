// /admin/outbox: how many emails wait for their first try, are failing (pending again after an error)
// or dead (given up), each class's queue (transactional, bulk) and how long its oldest message has waited, the messages of each with their last error, and putting failed or dead ones
// back in line, one at a time or every dead one at once. Sending stays the mailer's work.
#include <tuple>

#include "core/errors.h"
#include "core/text.h"
#include "pages/admin_nav.h"

namespace bf::pages {
namespace {

constexpr int kPageSize = 50;

using store::OutboxState;

std::string list_url(OutboxState state) { return std::string("/admin/outbox?show=") + store::outbox_state_name(state); }

OutboxState shown_state(Context& ctx) {
    const std::string show = ctx.req.field("show");
    if (show.empty()) return OutboxState::Dead;
    const auto state = store::parse_outbox_state(show);
    if (!state) throw NotFound("Choose pending, failed or dead messages.");
    return *state;
}

http::Response outbox(Context& ctx) {
    const OutboxState state = shown_state(ctx);
    View view("admin/outbox.tpl", "Outbox");
    add_admin_nav(view, "outbox");
    auto& page = view.page();
    const auto counts = ctx.store.outbox_admin.counts(ctx.now());
    const std::vector<std::tuple<OutboxState, int64_t, const char*>> tabs = {
        {OutboxState::Dead, counts.dead, "dead: the mailer gave up"},
        {OutboxState::Failed, counts.failed, "failing: waiting to be tried again"},
        {OutboxState::Pending, counts.pending, "waiting for their first try or being sent"}};
    for (const auto& [s, n, label] : tabs) {
        auto* tab = page.AddSectionDictionary("TAB");
        tab->SetValue("URL", list_url(s));
        tab->SetIntValue("COUNT", n);
        tab->SetValue("LABEL", label);
        tab->SetValue("STATE_CLASS", std::string(store::outbox_state_name(s)) + (n > 0 ? "-some" : "-none"));
        if (s == state) tab->ShowSection("CURRENT");
    }
    for (const auto& q : ctx.store.outbox_admin.queues()) {
        auto* row = page.AddSectionDictionary("QUEUE");
        row->SetValue("CLASS", store::mail_class_name(q.mail_class));
        row->SetValue("WHAT", q.mail_class == store::MailClass::Bulk ? "digests and other mail to lists, in what the rate leaves"
                                                                     : "verification, password resets, receipts, order news: sent first");
        row->SetIntValue("LENGTH", q.length);
        row->SetValue("OLDEST", q.oldest ? format_duration(q.oldest_age_seconds(ctx.now())) : "none waiting");
    }
    page.SetValue("SHOWN", store::outbox_state_name(state));
    if (counts.dead > 0) {
        page.SetIntValue("DEAD_COUNT", counts.dead);
        page.ShowSection("CAN_REQUEUE_DEAD");
    }

    const auto before = page_marker(ctx, "before");
    auto messages = ctx.store.outbox_admin.list(state, before, kPageSize + 1, ctx.now());
    const bool more = messages.size() > kPageSize;
    if (more) messages.resize(kPageSize);
    auto* table = messages.empty() ? nullptr : page.AddSectionDictionary("HAS_MESSAGES");
    for (const auto& m : messages) {
        auto* row = table->AddSectionDictionary("MESSAGE");
        row->SetIntValue("ID", m.id);
        row->SetValue("CREATED", format_human(m.created));
        row->SetValue("KIND", m.kind);
        row->SetValue("RECIPIENT", m.recipient);
        row->SetValue("SUBJECT", m.subject);
        row->SetIntValue("ATTEMPTS", m.attempts);
        row->SetValue("NEXT", format_human(m.next_attempt));
        if (m.last_error && !m.last_error->empty()) row->SetValueAndShowSection("ERROR", *m.last_error, "HAS_ERROR");
        if (state != OutboxState::Pending) row->ShowSection("CAN_REQUEUE");
        if (state == OutboxState::Dead) row->ShowSection("DEAD");
        else row->ShowSection("WAITING");
    }
    if (messages.empty()) page.ShowSection("EMPTY");
    if (more)
        page.SetValueAndShowSection("NEXT_URL", list_url(state) + "&before=" + std::to_string(messages.back().id), "HAS_MORE");
    return ctx.render(view);
}

http::Response do_requeue(Context& ctx) {
    const int64_t id = path_id(ctx, "There is no message with that id in the outbox.");
    ctx.store.outbox_admin.requeue(ctx.require_user().id, id, ctx.now());
    const auto from = store::parse_outbox_state(ctx.req.field("show")).value_or(OutboxState::Dead);
    return http::Response::see_other(list_url(from), "Message #" + std::to_string(id) + " is back in line: the mailer sends it next.");
}

http::Response do_requeue_dead(Context& ctx) {
    const int64_t n = ctx.store.outbox_admin.requeue_dead(ctx.require_user().id, ctx.now());
    return http::Response::see_other(list_url(OutboxState::Pending),
                                     n == 0   ? "No dead messages to put back."
                                     : n == 1 ? "1 dead message is back in line."
                                              : std::to_string(n) + " dead messages are back in line.");
}

}  // namespace

void register_admin_outbox_routes(App& app) {
    app.add("GET", "/admin/outbox", {outbox, Access::Admin});
    app.add("POST", "/admin/outbox/requeue-dead", {do_requeue_dead, Access::Admin});
    app.add("POST", "/admin/outbox/{id}/requeue", {do_requeue, Access::Admin});
}

}  // namespace bf::pages
