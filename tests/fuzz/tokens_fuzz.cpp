// Fuzzes the two verifiers that gate access without a login:
// security::token_signer::verify (respondent tokens in /s/{token} and in-app
// answers) and security::report_link_signer::verify (report share links).
// The input is tried as a token and as a share link as is; then, since a fuzzer
// cannot forge a MAC, a token and a link are issued from the input's bytes and
// characters the input picks are replaced or inserted. Checks:
// nothing throws; a verified token or link is exactly the one that was issued
// for what it carries (no second spelling passes); an issued token verifies to
// its own claims and a link opens its survey only until it expires.
#include "engine/security/report_link.hpp"
#include "engine/security/token_signer.hpp"

#include "fuzz_check.hpp"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>

namespace security = touchpoint::engine::security;

namespace {

const std::string secret = "fuzzing-secret-0123456789abcdef";
const std::string survey_id = "svy_0123456789abcdef01234567";
const std::string other_survey_id = "svy_fedcba9876543210fedcba98";

const security::token_signer& tokens() {
    static const security::token_signer signer(secret);
    return signer;
}

const security::report_link_signer& links() {
    static const security::report_link_signer signer(secret);
    return signer;
}

std::string hex(const std::uint8_t* bytes, std::size_t size) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < size; ++i) {
        out += digits[bytes[i] >> 4];
        out += digits[bytes[i] & 0xf];
    }
    return out;
}

// A verified token must be the one issue() writes for its claims.
void check_token(std::string_view token) {
    const auto claims = tokens().verify(token);
    if (!claims) return;
    FUZZ_CHECK(tokens().issue(*claims) == token);
}

// A link that opens a report must be the one issue() writes for it, and unexpired.
void check_link(const std::string& survey, std::string_view link, std::int64_t now_ms) {
    if (!links().verify(survey, link, now_ms)) return;
    const auto dot = link.find('.');
    FUZZ_CHECK(dot != std::string_view::npos);
    std::int64_t expires = 0;
    std::from_chars(link.data(), link.data() + dot, expires);
    FUZZ_CHECK(now_ms < expires);
    FUZZ_CHECK(links().issue(survey, expires) == link);
}

std::int64_t read_int64(const std::uint8_t* bytes) {
    std::uint64_t value = 0;
    std::memcpy(&value, bytes, sizeof value);
    return static_cast<std::int64_t>(value);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    check_token(text);
    for (const auto now : {std::int64_t{0}, std::int64_t{1'700'000'000'000}, std::numeric_limits<std::int64_t>::min()}) {
        check_link(survey_id, text, now);
        check_link(other_survey_id, text, now);
    }

    // Layout: 12 id bytes, 8 expiry bytes, then (position, character) pairs that alter them.
    if (size < 20) return 0;
    security::token_claims claims;
    claims.invitation_id = "inv_" + hex(data, 12);
    const std::int64_t expires = read_int64(data + 12);
    if (expires != 0) claims.expires_at_ms = expires;
    const auto token = tokens().issue(claims);
    const auto back = tokens().verify(token);
    FUZZ_CHECK(back && back->invitation_id == claims.invitation_id);
    // Expiry is kept in whole seconds; less than one second means none.
    const std::int64_t seconds = expires / 1000;
    FUZZ_CHECK(seconds == 0 ? !back->expires_at_ms : back->expires_at_ms == seconds * 1000);

    const auto link = links().issue(survey_id, expires);
    if (expires != std::numeric_limits<std::int64_t>::min()) FUZZ_CHECK(links().verify(survey_id, link, expires - 1));
    FUZZ_CHECK(!links().verify(survey_id, link, expires));
    FUZZ_CHECK(!links().verify(other_survey_id, link, std::numeric_limits<std::int64_t>::min()));

    // Each pair alters both: the position's top bit inserts instead of replacing.
    std::string altered_token = token, altered_link = link;
    for (std::size_t i = 20; i + 1 < size; i += 2) {
        const bool insert = data[i] & 0x80;
        const std::size_t position = data[i] & 0x7f;
        const char c = static_cast<char>(data[i + 1]);
        for (auto* altered : {&altered_token, &altered_link}) {
            if (insert) altered->insert(std::min(position, altered->size()), 1, c);
            else if (!altered->empty()) (*altered)[position % altered->size()] = c;
        }
    }
    check_token(altered_token);
    check_link(survey_id, altered_link, std::numeric_limits<std::int64_t>::min());
    return 0;
}
