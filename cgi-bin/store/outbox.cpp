#include "store/outbox.h"

namespace bf::store {

const char* mail_class_name(MailClass c) { return c == MailClass::Bulk ? "bulk" : "transactional"; }

MailClass parse_mail_class(const std::string& name) {
    return name == "bulk" ? MailClass::Bulk : MailClass::Transactional;
}

bool Outbox::enqueue(const OutboxMessage& m, Time now) {
    // INSERT IGNORE would also hide other errors; ON DUPLICATE KEY keeps the first row untouched.
    const uint64_t affected = db_.exec(
        "INSERT INTO outbox (dedupe_key, kind, mail_class, recipient, subject, body_text, body_html, list_unsubscribe,"
        " status, attempts, next_attempt_at, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)"
        " ON DUPLICATE KEY UPDATE id = id",
        m.dedupe_key, m.kind, mail_class_name(m.mail_class), m.recipient, m.subject, m.text, m.html, m.list_unsubscribe, now, now);
    return affected == 1;
}

}  // namespace bf::store
