// Standard Webhooks v1 signatures (https://www.standardwebhooks.com): the
// signed content is "msg_id.timestamp.body", the key is the secret's bytes
// (base64 after "whsec_"), the signature "v1," + base64(HMAC-SHA256). Several
// signatures, space-separated, let receivers switch secrets without a gap.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace touchpoint::channels::webhook {

// A signing secret: "whsec_" + base64 of 24 to 64 random bytes.
class webhook_secret {
public:
    // Empty when `text` is not "whsec_" followed by standard base64 of 24 to 64 bytes.
    static std::optional<webhook_secret> parse(std::string_view text);
    // 32 bytes from the operating system's random source.
    static webhook_secret generate();

    const std::string& text() const { return text_; } // "whsec_…", to show once and store
    // "v1,<base64>" for one message; timestamp in seconds since the epoch.
    std::string sign(std::string_view message_id, std::int64_t timestamp, std::string_view body) const;

private:
    webhook_secret(std::string text, std::vector<unsigned char> key) : text_(std::move(text)), key_(std::move(key)) {}
    std::string text_;
    std::vector<unsigned char> key_;
};

// The webhook-signature header: each secret's signature, space-separated.
std::string signature_header(const std::vector<const webhook_secret*>& secrets, std::string_view message_id,
                             std::int64_t timestamp, std::string_view body);

} // namespace touchpoint::channels::webhook
