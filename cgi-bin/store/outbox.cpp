#include "store/outbox.h"

#include <algorithm>
#include <vector>

namespace bf::store {

const char* mail_class_name(MailClass c) { return c == MailClass::Bulk ? "bulk" : "transactional"; }

MailClass parse_mail_class(const std::string& name) {
    return name == "bulk" ? MailClass::Bulk : MailClass::Transactional;
}

namespace {

constexpr const char* kInsert =
    "INSERT INTO outbox (dedupe_key, kind, mail_class, recipient, subject, body_text, body_html, list_unsubscribe,"
    " status, attempts, next_attempt_at, created_at) VALUES ";
constexpr const char* kRow = "(?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)";
// INSERT IGNORE would also hide other errors; ON DUPLICATE KEY keeps the first row untouched (and
// counts 0 affected rows for it, 1 for each row inserted).
constexpr const char* kKeepFirst = " ON DUPLICATE KEY UPDATE id = id";

}  // namespace

bool Outbox::enqueue(const OutboxMessage& m, Time now) {
    return enqueue_all(&m, 1, now) == 1;
}

uint64_t Outbox::enqueue_all(const OutboxMessage* messages, size_t count, Time now) {
    uint64_t added = 0;
    for (size_t at = 0; at < count; at += kRowsPerInsert) {
        const size_t n = std::min(kRowsPerInsert, count - at);
        std::string sql = kInsert;
        std::vector<db::Param> params;
        params.reserve(n * 10);
        for (size_t i = 0; i < n; ++i) {
            const OutboxMessage& m = messages[at + i];
            if (i > 0) sql += ", ";
            sql += kRow;
            for (auto p : {db::to_param(m.dedupe_key), db::to_param(m.kind), db::to_param(mail_class_name(m.mail_class)),
                           db::to_param(m.recipient), db::to_param(m.subject), db::to_param(m.text), db::to_param(m.html),
                           db::to_param(m.list_unsubscribe), db::to_param(now), db::to_param(now)})
                params.push_back(std::move(p));
        }
        sql += kKeepFirst;
        added += db_.exec_params(sql, params);
    }
    return added;
}

}  // namespace bf::store
