#pragma once
// The mailer works through the password reset requests the form records (store::Accounts::request_reset):
// known, active addresses get a link, unknown ones nothing, all off the request path (#12.8).
#include "core/config.h"
#include "mailer/mailer.h"

namespace bf::mailer {

void add_password_resets(Mailer& mailer, const Config& config);

}  // namespace bf::mailer
