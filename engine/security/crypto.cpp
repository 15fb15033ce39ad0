#include "engine/security/crypto.hpp"

#include <algorithm>
#include <chrono>
#include <random>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <stdexcept>

namespace touchpoint::engine::security {
namespace {

constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int decode_char(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

} // namespace

bytes random_bytes(std::size_t count) {
    bytes out(count);
    if (RAND_bytes(out.data(), static_cast<int>(count)) != 1) throw std::runtime_error("OpenSSL RAND_bytes failed");
    return out;
}

hmac_sha256_key::hmac_sha256_key(std::string_view key) {
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (!mac) throw std::runtime_error("OpenSSL has no HMAC");
    keyed_ = EVP_MAC_CTX_new(mac);
    EVP_MAC_free(mac); // the context keeps its own reference
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string("digest", digest, 0), OSSL_PARAM_construct_end()};
    if (!keyed_ || EVP_MAC_init(keyed_, reinterpret_cast<const unsigned char*>(key.data()), key.size(), params) != 1) {
        EVP_MAC_CTX_free(keyed_);
        throw std::runtime_error("OpenSSL could not set up HMAC-SHA256");
    }
}

hmac_sha256_key::~hmac_sha256_key() { EVP_MAC_CTX_free(keyed_); }

bytes hmac_sha256_key::sign(std::string_view message) const {
    EVP_MAC_CTX* ctx = EVP_MAC_CTX_dup(keyed_);
    bytes out(EVP_MAX_MD_SIZE);
    std::size_t size = 0;
    const bool ok = ctx && EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1 &&
                    EVP_MAC_final(ctx, out.data(), &size, out.size()) == 1;
    EVP_MAC_CTX_free(ctx);
    if (!ok) throw std::runtime_error("OpenSSL HMAC-SHA256 failed");
    out.resize(size);
    return out;
}

std::string sha256_hex(std::string_view data) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
    return hex_encode(digest, sizeof digest);
}

std::string base64url_encode(const std::uint8_t* data, std::size_t size) {
    std::string out;
    out.reserve((size * 4 + 2) / 3);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (std::size_t i = 0; i < size; ++i) {
        buffer = (buffer << 8) | data[i];
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += alphabet[(buffer >> bits) & 0x3f];
        }
    }
    if (bits > 0) out += alphabet[(buffer << (6 - bits)) & 0x3f];
    return out;
}

bool base64url_decode(std::string_view text, bytes& out) {
    out.clear();
    // A length of 4k + 1 leaves 6 bits, not a byte: no encoder writes it.
    if (text.size() % 4 == 1) return false;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        const int value = decode_char(c);
        if (value < 0) return false;
        buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>((buffer >> bits) & 0xff));
        }
    }
    // The last character's unused low bits are zero in the one spelling an
    // encoder writes; anything else is another text for the same bytes.
    return (buffer & ((1u << bits) - 1)) == 0;
}

std::string hex_encode(const std::uint8_t* data, std::size_t size) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out += digits[data[i] >> 4];
        out += digits[data[i] & 0x0f];
    }
    return out;
}

bool constant_time_equal(const std::uint8_t* a, const std::uint8_t* b, std::size_t size) {
    return CRYPTO_memcmp(a, b, size) == 0;
}

std::string new_id(std::string_view prefix) {
    const auto random = random_bytes(12);
    return std::string(prefix) + "_" + hex_encode(random.data(), random.size());
}

std::string new_ordered_id(std::string_view prefix) {
    const auto ms = static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    std::uint8_t bytes[12];
    for (int i = 0; i < 6; ++i) bytes[i] = static_cast<std::uint8_t>(ms >> (8 * (5 - i)));
    // Uniqueness, not secrecy: a per-thread generator seeded from the OS is enough.
    thread_local std::mt19937_64 generator = [] {
        const auto seed = random_bytes(8);
        std::uint64_t value = 0;
        for (auto byte : seed) value = value << 8 | byte;
        return std::mt19937_64(value);
    }();
    const auto random = generator();
    for (int i = 0; i < 6; ++i) bytes[6 + i] = static_cast<std::uint8_t>(random >> (8 * i));
    return std::string(prefix) + "_" + hex_encode(bytes, sizeof bytes);
}

} // namespace touchpoint::engine::security
