#include "http/fcgi_io.h"

#include <fastcgi.h>
#include <limits.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

namespace bf::http {

void send_stdout(const FCGX_Request& request, const std::string& data) {
    constexpr size_t kRecordMax = 0xfff8;  // the record length is 16 bits; a multiple of 8 needs no padding
    struct Header {
        unsigned char bytes[FCGI_HEADER_LEN];
    };
    const size_t records = (data.size() + kRecordMax - 1) / kRecordMax;
    std::vector<Header> headers(records);
    std::vector<iovec> pieces;
    pieces.reserve(2 * records);
    for (size_t i = 0; i < records; ++i) {
        const size_t at = i * kRecordMax, length = std::min(kRecordMax, data.size() - at);
        headers[i] = Header{{FCGI_VERSION_1, FCGI_STDOUT, static_cast<unsigned char>(request.requestId >> 8),
                             static_cast<unsigned char>(request.requestId), static_cast<unsigned char>(length >> 8),
                             static_cast<unsigned char>(length), 0, 0}};
        pieces.push_back({headers[i].bytes, FCGI_HEADER_LEN});
        pieces.push_back({const_cast<char*>(data.data() + at), length});
    }
    for (size_t next = 0; next < pieces.size();) {
        const int count = static_cast<int>(std::min<size_t>(pieces.size() - next, IOV_MAX));
        ssize_t sent = ::writev(request.ipcFd, &pieces[next], count);
        if (sent < 0) {
            if (errno == EINTR) continue;
            return;
        }
        // Skip what went out; a short write leaves the rest of one piece for the next round.
        while (next < pieces.size() && static_cast<size_t>(sent) >= pieces[next].iov_len) {
            sent -= static_cast<ssize_t>(pieces[next].iov_len);
            ++next;
        }
        if (next < pieces.size()) {
            pieces[next].iov_base = static_cast<char*>(pieces[next].iov_base) + sent;
            pieces[next].iov_len -= static_cast<size_t>(sent);
        }
    }
}

bool read_to_end(FCGX_Stream* in) {
    char buf[4096];
    for (size_t read = 0; !FCGX_HasSeenEOF(in) && read < 64 * 1024;) {
        const int n = FCGX_GetStr(buf, sizeof buf, in);
        if (n <= 0) break;
        read += static_cast<size_t>(n);
    }
    return FCGX_HasSeenEOF(in) && FCGX_GetError(in) == 0;
}

void finish(FCGX_Request& request) {
    if (read_to_end(request.in)) FCGX_Detach(&request);
    FCGX_Finish_r(&request);
}

}  // namespace bf::http
