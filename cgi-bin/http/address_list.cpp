#include "http/address_list.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <stdexcept>

#include "core/text.h"

namespace bf::http {
namespace {

// The address as 16 bytes (IPv4 mapped into IPv6) and whether it was written as IPv4.
std::optional<std::array<uint8_t, 16>> to_bytes(const std::string& text, bool& v4) {
    std::array<uint8_t, 16> out{};
    in_addr a4{};
    if (inet_pton(AF_INET, text.c_str(), &a4) == 1) {
        out[10] = out[11] = 0xff;
        std::memcpy(out.data() + 12, &a4, 4);
        v4 = true;
        return out;
    }
    in6_addr a6{};
    if (inet_pton(AF_INET6, text.c_str(), &a6) == 1) {
        std::memcpy(out.data(), &a6, 16);
        v4 = false;
        return out;
    }
    return std::nullopt;
}

}  // namespace

AddressList AddressList::parse(const std::string& list) {
    AddressList result;
    for (const std::string& entry : split_trimmed(list, ',')) {
        const auto slash = entry.find('/');
        bool v4 = false;
        const auto bytes = to_bytes(entry.substr(0, slash), v4);
        if (!bytes) throw std::invalid_argument("not an address or network: " + entry);
        Network n;
        n.bytes = *bytes;
        n.prefix = 128;
        if (slash != std::string::npos) {
            const std::string bits = entry.substr(slash + 1);
            const int max = v4 ? 32 : 128;
            int prefix = -1;
            if (!bits.empty() && bits.size() <= 3 && bits.find_first_not_of("0123456789") == std::string::npos)
                prefix = std::stoi(bits);
            if (prefix < 0 || prefix > max) throw std::invalid_argument("bad prefix length: " + entry);
            n.prefix = v4 ? prefix + 96 : prefix;
        }
        result.networks_.push_back(n);
    }
    return result;
}

bool AddressList::contains(const std::string& address) const {
    bool v4 = false;
    const auto bytes = to_bytes(address, v4);
    if (!bytes) return false;
    for (const Network& n : networks_) {
        bool match = true;
        for (int bit = 0; bit < n.prefix && match; bit += 8) {
            const int take = std::min(8, n.prefix - bit);
            const uint8_t mask = static_cast<uint8_t>(0xff << (8 - take));
            match = ((*bytes)[bit / 8] & mask) == (n.bytes[bit / 8] & mask);
        }
        if (match) return true;
    }
    return false;
}

}  // namespace bf::http
