// The few cryptographic primitives the engine needs, from OpenSSL.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

struct evp_mac_ctx_st; // OpenSSL's EVP_MAC_CTX, kept out of this header

namespace touchpoint::engine::security {

using bytes = std::vector<std::uint8_t>;

bytes random_bytes(std::size_t count);
// HMAC-SHA256 under one fixed key, for the hot path: the keyed context is built
// once and copied per message, instead of looking the algorithm up and hashing
// the key on every call. sign() is safe to call from many threads at once.
class hmac_sha256_key {
public:
    explicit hmac_sha256_key(std::string_view key);
    ~hmac_sha256_key();
    hmac_sha256_key(const hmac_sha256_key&) = delete;
    hmac_sha256_key& operator=(const hmac_sha256_key&) = delete;

    bytes sign(std::string_view message) const;

private:
    ::evp_mac_ctx_st* keyed_; // OpenSSL's EVP_MAC_CTX
};
std::string sha256_hex(std::string_view data);

std::string base64url_encode(const std::uint8_t* data, std::size_t size);
inline std::string base64url_encode(const bytes& data) { return base64url_encode(data.data(), data.size()); }
// Unpadded base64url (RFC 4648, section 5). False on characters outside the
// alphabet and on any spelling base64url_encode would not write (a length of
// 4k + 1, unused bits set in the last character), so each byte string has one text.
bool base64url_decode(std::string_view text, bytes& out);

std::string hex_encode(const std::uint8_t* data, std::size_t size);

// Compares in time independent of where the inputs differ.
bool constant_time_equal(const std::uint8_t* a, const std::uint8_t* b, std::size_t size);

// The prefix, "_", then 12 random bytes in lowercase hex ("svy_" + 24 digits).
std::string new_id(std::string_view prefix);

// The prefix, "_", then the current time in milliseconds since 1970 as 12 hex
// digits, then 6 random bytes in hex: as long as new_id, and ids made later sort
// after (ids of one millisecond in any order). For rows written in bulk (jobs,
// delivery attempts, message ids, invitations, contacts made by events) each
// insert lands at the right edge of the primary key's index, not on a random leaf, so a
// commit writes a few index pages rather than one per row. Reveals when the row
// was made, which its created_at shows anyway; not for secrets (the random part
// comes from a per-thread generator, not the OS).
std::string new_ordered_id(std::string_view prefix);

} // namespace touchpoint::engine::security
