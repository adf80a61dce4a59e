#include "mailer/password_resets.h"

#include "core/crypto.h"
#include "emails/account_emails.h"
#include "store/store.h"

namespace bf::mailer {

namespace {
constexpr int64_t kResetTokenMinutes = 60;
constexpr int kRequestsPerRound = 200;
}  // namespace

void add_password_resets(Mailer& mailer, const Config& config) {
    const std::string base_url = config.get("base_url", "http://127.0.0.1:8080");
    mailer.every("password resets", 1, [base_url](store::Store& store, Time now) {
        const auto mail_for = [&](const store::User& user) {
            const std::string token = crypto::random_token();
            const std::string token_hash = crypto::sha256(token);
            return store::MailedToken{token_hash, now.plus_minutes(kResetTokenMinutes),
                                      emails::password_reset_email(base_url, user.email, user.display_name, token,
                                                                   token_hash)};
        };
        while (store.accounts.handle_reset_requests(mail_for, kRequestsPerRound, now) == kRequestsPerRound) {
        }
    });
}

}  // namespace bf::mailer
