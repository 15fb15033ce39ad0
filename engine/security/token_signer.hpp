// Respondent tokens: the invitation's random id and an optional expiry, signed
// with HMAC-SHA256 under the server secret. They carry no personal data.
#pragma once

#include "engine/security/crypto.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace touchpoint::engine::security {

struct token_claims {
    std::string invitation_id;
    std::optional<std::int64_t> expires_at_ms;
};

class token_signer {
public:
    explicit token_signer(std::string secret);

    // `invitation_id` must come from new_invitation_id().
    std::string issue(const token_claims& claims) const;

    // Empty when the token is malformed or its signature does not match.
    std::optional<token_claims> verify(std::string_view token) const;

private:
    std::shared_ptr<const hmac_sha256_key> mac_;
};

// "inv_" and 24 hex digits: the 12 bytes a token carries, the creation time in
// milliseconds then 6 random bytes.
std::string new_invitation_id();

} // namespace touchpoint::engine::security
