#pragma once
// The domain's entry point: one Store per worker thread, over that thread's connection.
#include "db/connection.h"
#include "store/accounts.h"
#include "store/digests.h"
#include "store/login_throttle.h"
#include "store/mail.h"
#include "store/outbox.h"
#include "store/sessions.h"

namespace bf::store {

struct Store {
    explicit Store(db::Connection& connection)
        : db(connection), accounts(connection), sessions(connection), throttle(connection), outbox(connection),
          mail(connection), digests(connection) {}

    // True when the database answers (reconnecting if the link was lost).
    bool healthy() { return db.ping(); }

    db::Connection& db;
    Accounts accounts;
    Sessions sessions;
    LoginThrottle throttle;
    Outbox outbox;
    Mail mail;
    Digests digests;
};

}  // namespace bf::store
