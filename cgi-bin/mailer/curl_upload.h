#pragma once
// Feeding a message held in memory to libcurl as an upload (CURLOPT_READFUNCTION + READDATA).
// Header-only, so bench/smtp_baseline uses it without the rest of the project.
#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>

namespace bf::mailer {

struct CurlUpload {
    const std::string* data = nullptr;
    size_t offset = 0;

    static size_t read(char* buffer, size_t size, size_t count, void* user) {
        auto* u = static_cast<CurlUpload*>(user);
        const size_t n = std::min(size * count, u->data->size() - u->offset);
        std::memcpy(buffer, u->data->data() + u->offset, n);
        u->offset += n;
        return n;
    }
};

}  // namespace bf::mailer
