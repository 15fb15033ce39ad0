#include "engine/security/report_link.hpp"

#include <charconv>

namespace touchpoint::engine::security {

// The purpose is part of the signed message, so a report link can never pass
// for any other token signed under the same secret.
report_link_signer::report_link_signer(std::string_view secret) : mac_(std::make_shared<hmac_sha256_key>(secret)) {}

std::string report_link_signer::signature(const std::string& survey_id, std::int64_t expires_at_ms) const {
    return base64url_encode(mac_->sign("touchpoint report link\n" + survey_id + "\n" + std::to_string(expires_at_ms)));
}

std::string report_link_signer::issue(const std::string& survey_id, std::int64_t expires_at_ms) const {
    return std::to_string(expires_at_ms) + "." + signature(survey_id, expires_at_ms);
}

bool report_link_signer::verify(const std::string& survey_id, std::string_view token, std::int64_t now_ms) const {
    const auto dot = token.find('.');
    if (dot == std::string_view::npos) return false;
    std::int64_t expires = 0;
    const auto digits = token.substr(0, dot);
    if (auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), expires);
        error != std::errc() || end != digits.data() + digits.size())
        return false;
    // One spelling per expiry: the signature covers to_string's, so "0" + a link would pass too.
    if (digits != std::to_string(expires)) return false;
    const auto expected = signature(survey_id, expires);
    const auto given = token.substr(dot + 1);
    if (given.size() != expected.size() ||
        !constant_time_equal(reinterpret_cast<const std::uint8_t*>(given.data()),
                             reinterpret_cast<const std::uint8_t*>(expected.data()), expected.size()))
        return false;
    return now_ms < expires;
}

} // namespace touchpoint::engine::security
