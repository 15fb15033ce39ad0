#include "channels/webhook/webhook_signature.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace touchpoint::channels::webhook {
namespace {

constexpr std::string_view prefix = "whsec_";

std::string base64(const unsigned char* data, std::size_t size) {
    std::string out(4 * ((size + 2) / 3), '\0');
    const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size));
    out.resize(static_cast<std::size_t>(written));
    return out;
}

// Standard base64 with padding, strictly: EVP_DecodeBlock accepts more than that.
std::optional<std::vector<unsigned char>> decode_base64(std::string_view text) {
    if (text.empty() || text.size() % 4 != 0) return std::nullopt;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
        const bool padding = c == '=' && i >= text.size() - 2 && (i == text.size() - 1 || text.back() == '=');
        if (!alphabet && !padding) return std::nullopt;
    }
    std::vector<unsigned char> out(text.size() / 4 * 3);
    const int written = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(text.data()),
                                        static_cast<int>(text.size()));
    if (written < 0) return std::nullopt;
    const std::size_t padding = text.ends_with("==") ? 2 : text.ends_with('=') ? 1 : 0;
    out.resize(static_cast<std::size_t>(written) - padding);
    return out;
}

} // namespace

std::optional<webhook_secret> webhook_secret::parse(std::string_view text) {
    if (!text.starts_with(prefix)) return std::nullopt;
    auto key = decode_base64(text.substr(prefix.size()));
    if (!key || key->size() < 24 || key->size() > 64) return std::nullopt;
    return webhook_secret(std::string(text), std::move(*key));
}

webhook_secret webhook_secret::generate() {
    std::vector<unsigned char> key(32);
    if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1) throw std::runtime_error("no random bytes for a webhook secret");
    auto text = std::string(prefix) + base64(key.data(), key.size()); // before the key moves
    return webhook_secret(std::move(text), std::move(key));
}

std::string webhook_secret::sign(std::string_view message_id, std::int64_t timestamp, std::string_view body) const {
    std::string content;
    content.reserve(message_id.size() + body.size() + 24);
    content.append(message_id).append(".").append(std::to_string(timestamp)).append(".").append(body);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()), reinterpret_cast<const unsigned char*>(content.data()),
         content.size(), mac, &size);
    return "v1," + base64(mac, size);
}

std::string signature_header(const std::vector<const webhook_secret*>& secrets, std::string_view message_id,
                             std::int64_t timestamp, std::string_view body) {
    std::string out;
    for (const auto* secret : secrets) {
        if (!out.empty()) out += ' ';
        out += secret->sign(message_id, timestamp, body);
    }
    return out;
}

} // namespace touchpoint::channels::webhook
