#pragma once
// The outbox as admins see it: how many messages wait, fail or have given up, which ones, and
// putting failed or dead ones back in line (audited). Reads only the outbox's own columns: the
// mailer owns sending, retries and backoff.
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "db/connection.h"
#include "store/outbox.h"

namespace bf::store {

// pending: never tried yet; failed: pending again after a failed attempt (attempts > 0);
// dead: the mailer gave up.
enum class OutboxState { Pending, Failed, Dead };
const char* outbox_state_name(OutboxState s);  // "pending", "failed", "dead"
std::optional<OutboxState> parse_outbox_state(const std::string& name);

struct OutboxCounts {
    int64_t pending = 0, failed = 0, dead = 0;
};

// One class's queue: messages not yet sent (pending, including those waiting for a retry) and the
// one that has waited longest (the earliest queued).
struct MailQueue {
    MailClass mail_class = MailClass::Transactional;
    int64_t length = 0;
    std::optional<Time> oldest;  // created_at of the earliest queued, when any waits
    // Seconds the oldest has waited at `now` (0 when none waits).
    int64_t oldest_age_seconds(Time now) const {
        return oldest && now > *oldest ? (now.us - oldest->us) / 1'000'000 : 0;
    }
};

struct OutboxListing {
    int64_t id = 0;
    std::string kind;
    std::string recipient;
    std::string subject;
    std::string status;  // as stored: pending, sent, failed, dead
    int64_t attempts = 0;
    std::optional<std::string> last_error;
    Time next_attempt{};
    Time created{};
};

class OutboxAdmin {
public:
    explicit OutboxAdmin(db::Connection& db) : db_(db) {}

    // A message a mailer is sending (its claim ahead of now) counts as pending, not failed.
    OutboxCounts counts(Time now);
    // Each class's queue, transactional first, empty ones included (the console and the metrics).
    std::vector<MailQueue> queues();
    // Newest first, keyset-paginated: messages with id < before_id.
    std::vector<OutboxListing> list(OutboxState state, std::optional<int64_t> before_id, int limit, Time now);
    // A dead or failed message goes back to pending with its attempts reset, due now. Throws NotFound,
    // or Conflict when it is neither (sent, or waiting for its first try).
    void requeue(std::optional<int64_t> actor_id, int64_t message_id, Time now);
    // Every dead message, in one statement and one audit row; answers how many.
    int64_t requeue_dead(std::optional<int64_t> actor_id, Time now);

private:
    db::Connection& db_;
};

}  // namespace bf::store
