#pragma once
// Emails written by pages: rendered here from templates/emails/, queued by the store.
#include <string>

#include "pages/app.h"
#include "store/outbox.h"

namespace bf::pages {

store::OutboxMessage verification_email(const App& app, const std::string& to, const std::string& name,
                                        const std::string& token, const std::string& token_hash);
store::OutboxMessage password_reset_email(const App& app, const std::string& to, const std::string& name,
                                          const std::string& token, const std::string& token_hash);

}  // namespace bf::pages
