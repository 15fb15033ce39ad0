// Share links for the HTML report: "EXPIRY.SIGNATURE", an HMAC-SHA256 under the
// server secret of the survey id and the expiry, so a link opens one survey's
// report until it expires and cannot be altered to open another.
#pragma once

#include "engine/security/crypto.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace touchpoint::engine::security {

class report_link_signer {
public:
    explicit report_link_signer(std::string_view secret);

    std::string issue(const std::string& survey_id, std::int64_t expires_at_ms) const;
    // True when the token was issued for this survey and has not expired at now_ms.
    bool verify(const std::string& survey_id, std::string_view token, std::int64_t now_ms) const;

private:
    std::string signature(const std::string& survey_id, std::int64_t expires_at_ms) const;
    std::shared_ptr<const hmac_sha256_key> mac_;
};

} // namespace touchpoint::engine::security
