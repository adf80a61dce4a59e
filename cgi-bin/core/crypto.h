#pragma once
// Everything secret goes through libsodium: random tokens, hashes, MACs, passwords.
#include <string>
#include <string_view>

namespace bf::crypto {

void init();  // sodium_init(); call once before threads start

std::string random_bytes(size_t n);
// A URL- and cookie-safe random token of `bytes` random bytes (base64url, no padding).
std::string random_token(size_t bytes = 32);
std::string base64url_encode(std::string_view bytes);
std::string base64_encode(std::string_view bytes);  // standard alphabet with padding (MIME)
bool base64url_decode(std::string_view text, std::string& out);
std::string hex_encode(std::string_view bytes);

std::string sha256(std::string_view data);  // 32 raw bytes
bool constant_time_equal(std::string_view a, std::string_view b);

// The bytes of secret_file (at least 32); throws std::runtime_error when unreadable or short.
std::string read_secret_file(const std::string& path);

// HMAC-SHA-512-256 under a secret key of at least 32 bytes.
class Signer {
public:
    explicit Signer(std::string key);
    std::string mac(std::string_view message) const;  // 32 raw bytes
    bool verify(std::string_view message, std::string_view mac) const;
    // "payload.mac" with the MAC in base64url; open() returns false if tampered.
    std::string seal(std::string_view payload) const;
    bool open(std::string_view sealed, std::string& payload) const;

private:
    std::string key_;
};

// argon2id at libsodium's INTERACTIVE limits. Each hash takes ~64 MiB, so at most
// `max_concurrent_password_hashes` run at once in a process; others wait their turn.
void set_max_concurrent_password_hashes(int n);
std::string hash_password(std::string_view password);
bool verify_password(std::string_view encoded_hash, std::string_view password);

}  // namespace bf::crypto
