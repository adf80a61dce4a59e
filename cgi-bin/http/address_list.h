#pragma once
// Networks allowed to see something (the metrics endpoint): "127.0.0.1/32, ::1, 10.0.0.0/8".
// A bare address is a network of one. IPv4 addresses seen as IPv6 (::ffff:10.1.2.3) match
// IPv4 networks.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace bf::http {

class AddressList {
public:
    // Throws std::invalid_argument on an entry that is not an address or network.
    static AddressList parse(const std::string& list);
    bool contains(const std::string& address) const;

private:
    struct Network {
        std::array<uint8_t, 16> bytes{};  // IPv4 as ::ffff:a.b.c.d
        int prefix = 128;
    };
    std::vector<Network> networks_;
};

}  // namespace bf::http
