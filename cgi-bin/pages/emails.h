#pragma once
// Emails written by pages: rendered here from templates/emails/, queued by the store.
#include <string>
#include <vector>

#include "core/money.h"
#include "pages/app.h"
#include "store/accounts.h"
#include "store/orders.h"
#include "store/outbox.h"

namespace bf::pages {

// The link confirms the address and, for a new account, logs it in; `next` is where it then leads.
store::OutboxMessage verification_email(const App& app, const std::string& to, const std::string& name,
                                        const std::string& token, const std::string& token_hash,
                                        const std::string& next = "");
// A change of email: the confirmation link goes to the NEW address; once used, the old one is told.
store::OutboxMessage email_change_email(const App& app, const std::string& new_email, const std::string& name,
                                        const std::string& token, const std::string& token_hash);
// To the owner of an address another account asked to move to: the form itself does not say it is taken.
store::OutboxMessage address_in_use_notice(const App& app, const std::string& to, const std::string& name,
                                           const std::string& token_hash);
store::OutboxMessage email_changed_notice(const App& app, const std::string& old_email, const std::string& name,
                                          const std::string& new_email, const std::string& token_hash);

// Told to the account's address when its password changes (from settings or a reset link) and when
// it is closed; the store sets kind and dedupe key.
store::AccountNotice password_changed_notice(const App& app);
store::AccountNotice account_closed_notice(const App& app);

// The buyer's receipt for a paid order; dedupe key receipt:{order number}.
store::OutboxMessage receipt_email(const App& app, const store::Order& order);


}  // namespace bf::pages
