#pragma once
// One FastCGI record as nginx writes it (request id 1, no padding): shared by the FastCGI client of the
// integration tests and the FastCGI fuzz harness.
#include <fastcgi.h>

#include <string>

namespace bf::test {

inline void put_fcgi_record(std::string& out, unsigned char type, const std::string& content) {
    const unsigned char header[FCGI_HEADER_LEN] = {FCGI_VERSION_1, type, 0, 1,
                                                   static_cast<unsigned char>(content.size() >> 8),
                                                   static_cast<unsigned char>(content.size()), 0, 0};
    out.append(reinterpret_cast<const char*>(header), FCGI_HEADER_LEN);
    out += content;
}

}  // namespace bf::test
