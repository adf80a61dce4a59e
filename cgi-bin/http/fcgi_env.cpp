#include "http/fcgi_env.h"

#include <cstring>

namespace bf::http {

Env env_from(char** envp) {
    Env env;
    for (char** p = envp; p && *p; ++p) {
        const char* eq = std::strchr(*p, '=');
        if (eq) env.emplace(std::string(*p, static_cast<size_t>(eq - *p)), std::string(eq + 1));
    }
    return env;
}

}  // namespace bf::http
