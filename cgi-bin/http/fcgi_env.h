#pragma once
// The request's variables as libfcgi hands them over ("NAME=value" strings) made into an Env.
#include "http/request.h"

namespace bf::http {

// Each "NAME=value" entry split at its first '='; entries without one are skipped; of two entries
// with the same name the first counts.
Env env_from(char** envp);

}  // namespace bf::http
