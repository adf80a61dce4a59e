#pragma once
// The transactional outbox: emails are rows written inside the transaction of the
// event that causes them; the mailer sends them later.
#include <optional>
#include <string>

#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

struct OutboxMessage {
    std::string kind;        // "verify_email", "password_reset", "receipt", ...
    std::string dedupe_key;  // unique: the same event never queues a message twice
    std::string recipient;
    std::string subject;
    std::string text;
    std::string html;
    std::optional<std::string> list_unsubscribe;
};

class Outbox {
public:
    explicit Outbox(db::Connection& db) : db_(db) {}
    // Queues a message in the caller's transaction; false when its dedupe key was already queued.
    bool enqueue(const OutboxMessage& message, Time now);

private:
    db::Connection& db_;
};

}  // namespace bf::store
