#include "core/crypto.h"

#include <sodium.h>

#include <condition_variable>
#include <fstream>
#include <sstream>
#include <mutex>
#include <stdexcept>

namespace bf::crypto {
namespace {

// A counting semaphore (C++17 has none) bounding simultaneous argon2id hashes.
class HashSlots {
public:
    void set_limit(int n) {
        std::lock_guard<std::mutex> lock(mutex_);
        limit_ = n < 1 ? 1 : n;
    }
    void acquire() {
        std::unique_lock<std::mutex> lock(mutex_);
        cv_.wait(lock, [&] { return in_use_ < limit_; });
        ++in_use_;
    }
    void release() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            --in_use_;
        }
        cv_.notify_one();
    }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    int limit_ = 2;
    int in_use_ = 0;
};

HashSlots g_hash_slots;

struct SlotGuard {
    SlotGuard() { g_hash_slots.acquire(); }
    ~SlotGuard() { g_hash_slots.release(); }
};

}  // namespace

void init() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string random_bytes(size_t n) {
    std::string out(n, '\0');
    randombytes_buf(out.data(), n);
    return out;
}

std::string random_token(size_t bytes) { return base64url_encode(random_bytes(bytes)); }

namespace {

std::string base64_with(std::string_view bytes, int variant) {
    std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), variant);
    out.resize(out.size() - 1);  // drop the terminating NUL
    return out;
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
    return base64_with(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

std::string base64_encode(std::string_view bytes) { return base64_with(bytes, sodium_base64_VARIANT_ORIGINAL); }

bool base64url_decode(std::string_view text, std::string& out) {
    out.assign(text.size(), '\0');
    size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                          nullptr, &len, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
        return false;
    out.resize(len);
    return true;
}

std::string hex_encode(std::string_view bytes) {
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    out.pop_back();
    return out;
}

std::string sha256(std::string_view data) {
    std::string out(crypto_hash_sha256_BYTES, '\0');
    crypto_hash_sha256(reinterpret_cast<unsigned char*>(out.data()),
                       reinterpret_cast<const unsigned char*>(data.data()), data.size());
    return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string read_secret_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read secret_file " + path);
    std::stringstream s;
    s << in.rdbuf();
    if (s.str().size() < 32) throw std::runtime_error("secret_file must hold at least 32 bytes");
    return s.str();
}

Signer::Signer(std::string key) : key_(std::move(key)) {
    if (key_.size() < crypto_auth_KEYBYTES) throw std::runtime_error("signing key must be at least 32 bytes");
    key_.resize(crypto_auth_KEYBYTES);
}

std::string Signer::mac(std::string_view message) const {
    std::string out(crypto_auth_BYTES, '\0');
    crypto_auth(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(message.data()),
                message.size(), reinterpret_cast<const unsigned char*>(key_.data()));
    return out;
}

bool Signer::verify(std::string_view message, std::string_view mac) const {
    if (mac.size() != crypto_auth_BYTES) return false;
    return crypto_auth_verify(reinterpret_cast<const unsigned char*>(mac.data()),
                              reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                              reinterpret_cast<const unsigned char*>(key_.data())) == 0;
}

std::string Signer::seal(std::string_view payload) const {
    return std::string(payload) + "." + base64url_encode(mac(payload));
}

bool Signer::open(std::string_view sealed, std::string& payload) const {
    const auto dot = sealed.rfind('.');
    if (dot == std::string_view::npos) return false;
    std::string mac_bytes;
    if (!base64url_decode(sealed.substr(dot + 1), mac_bytes)) return false;
    if (!verify(sealed.substr(0, dot), mac_bytes)) return false;
    payload = std::string(sealed.substr(0, dot));
    return true;
}

void set_max_concurrent_password_hashes(int n) { g_hash_slots.set_limit(n); }

std::string hash_password(std::string_view password) {
    SlotGuard slot;
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return out;
}

bool verify_password(std::string_view encoded_hash, std::string_view password) {
    const std::string hash(encoded_hash);  // libsodium wants a NUL-terminated string
    SlotGuard slot;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace bf::crypto
