#include "engine/security/token_signer.hpp"

#include "engine/security/crypto.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace touchpoint::engine::security {
namespace {

constexpr std::uint8_t format_version = 1;
constexpr std::size_t id_size = 12;
constexpr std::size_t mac_size = 16; // 128 bits of HMAC-SHA256 are plenty against forgery
constexpr std::size_t payload_size = 1 + id_size + 8;
constexpr std::string_view id_prefix = "inv_";

bool parse_hex(std::string_view text, std::uint8_t* out) {
    auto digit = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < text.size() / 2; ++i) {
        const int high = digit(text[2 * i]);
        const int low = digit(text[2 * i + 1]);
        if (high < 0 || low < 0) return false;
        out[i] = static_cast<std::uint8_t>(high * 16 + low);
    }
    return true;
}

} // namespace

token_signer::token_signer(std::string secret) {
    if (secret.size() < 16) throw std::invalid_argument("the token secret must be at least 16 bytes");
    mac_ = std::make_shared<const hmac_sha256_key>(secret);
}

std::string token_signer::issue(const token_claims& claims) const {
    std::uint8_t buffer[payload_size + mac_size];
    const std::string_view id = claims.invitation_id;
    if (id.size() != id_prefix.size() + 2 * id_size || !id.starts_with(id_prefix) ||
        !parse_hex(id.substr(id_prefix.size()), buffer + 1))
        throw std::invalid_argument("not an invitation id: " + claims.invitation_id);
    buffer[0] = format_version;
    const auto expiry = static_cast<std::uint64_t>(claims.expires_at_ms.value_or(0) / 1000);
    for (int i = 0; i < 8; ++i) buffer[1 + id_size + i] = static_cast<std::uint8_t>(expiry >> (56 - 8 * i));
    const auto mac = mac_->sign({reinterpret_cast<const char*>(buffer), payload_size});
    std::copy_n(mac.begin(), mac_size, buffer + payload_size);
    return base64url_encode(buffer, sizeof buffer);
}

std::optional<token_claims> token_signer::verify(std::string_view token) const {
    if (token.size() > 64) return std::nullopt;
    bytes raw;
    if (!base64url_decode(token, raw) || raw.size() != payload_size + mac_size || raw[0] != format_version)
        return std::nullopt;
    const auto mac = mac_->sign({reinterpret_cast<const char*>(raw.data()), payload_size});
    if (!constant_time_equal(mac.data(), raw.data() + payload_size, mac_size)) return std::nullopt;
    token_claims claims;
    claims.invitation_id = std::string(id_prefix) + hex_encode(raw.data() + 1, id_size);
    std::uint64_t expiry = 0;
    for (int i = 0; i < 8; ++i) expiry = (expiry << 8) | raw[1 + id_size + i];
    if (expiry != 0) claims.expires_at_ms = static_cast<std::int64_t>(expiry) * 1000;
    return claims;
}

std::string new_invitation_id() {
    // The creation time in milliseconds (6 bytes) then 6 random bytes: answers
    // arrive roughly in the order invitations went out, so the responses index on
    // invitation_id grows at its end instead of everywhere. The HMAC, not this
    // id, is what makes a token unguessable.
    static_assert(id_prefix == "inv_" && id_size == 12, "new_ordered_id makes 12 bytes after \"inv_\"");
    return new_ordered_id("inv");
}

} // namespace touchpoint::engine::security
