#pragma once
// The mailer's periodic chores besides mail. Add one line per task in housekeeping.cpp.
#include "mailer/mailer.h"

namespace bf::mailer {

void add_housekeeping(Mailer& mailer);

}  // namespace bf::mailer
