#pragma once
// The transactional outbox: emails are rows written inside the transaction of the
// event that causes them; the mailer sends them later.
#include <optional>
#include <string>

#include "core/time.h"
#include "db/connection.h"

namespace bf::store {

// Transactional mail answers something a person just did and waits seconds at most: the mailer claims
// it first and keeps part of the send budget for it. Bulk mail (digests, newsletters, statements)
// goes out in order, in what is left. A message is transactional unless marked bulk.
enum class MailClass { Transactional, Bulk };
inline constexpr MailClass kMailClasses[] = {MailClass::Transactional, MailClass::Bulk};
const char* mail_class_name(MailClass c);  // "transactional", "bulk": as stored in outbox.mail_class
MailClass parse_mail_class(const std::string& name);  // anything but "bulk" is transactional

struct OutboxMessage {
    std::string kind;        // "verify_email", "password_reset", "receipt", ...
    std::string dedupe_key;  // unique: the same event never queues a message twice
    std::string recipient;
    std::string subject;
    std::string text;
    std::string html;
    std::optional<std::string> list_unsubscribe;
    MailClass mail_class = MailClass::Transactional;
};

class Outbox {
public:
    explicit Outbox(db::Connection& db) : db_(db) {}
    // Queues a message in the caller's transaction; false when its dedupe key was already queued.
    bool enqueue(const OutboxMessage& message, Time now);
    // Queues many in the caller's transaction, kRowsPerInsert rows per statement (a 100,000-reader
    // digest is 1,000 statements, not 100,000); answers how many were new.
    uint64_t enqueue_all(const OutboxMessage* messages, size_t count, Time now);
    static constexpr size_t kRowsPerInsert = 100;

private:
    db::Connection& db_;
};

}  // namespace bf::store
