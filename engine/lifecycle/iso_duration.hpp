// ISO 8601 durations as campaigns write them: "PT2H", "P3D", "P90D", "P1M",
// "-P30D" (a leading minus, from ISO 8601-2, for "before"). Years and months
// are calendar months counted in UTC (31 January + P1M is the last day of
// February); weeks are 7 days and days are 24 hours, so "P1D" is the same
// length on every day of the year, daylight-saving changes included. Send
// windows, not durations, place a message at a local time of day.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace touchpoint::engine::lifecycle {

struct iso_duration {
    bool negative = false;
    std::int64_t months = 0; // years * 12 + months
    std::int64_t millis = 0; // weeks, days, hours, minutes and seconds, at 24 hours a day

    bool is_zero() const { return months == 0 && millis == 0; }
    // The instant this duration after (or, when negative, before) `utc_ms`.
    std::int64_t after(std::int64_t utc_ms) const;
    // An upper bound of the length in milliseconds (months counted as 31 days),
    // for limits such as "at most 10 years".
    std::int64_t longest_millis() const;

    friend bool operator==(const iso_duration&, const iso_duration&) = default;
};

// Empty when `text` is not such a duration: "P" then [nY][nM][nW][nD], then
// optionally "T" and [nH][nM][n[.fff]S], at least one part, integers only except
// seconds (milliseconds kept), case-sensitive as ISO 8601 writes it. Durations
// longer than 100 years are refused as typos.
std::optional<iso_duration> parse_iso_duration(std::string_view text);

// The canonical spelling: years and months, days, then hours, minutes and
// seconds ("P1Y2M", "P14D" for "P2W", "PT1H30M", "-P30D", "PT0S" for zero).
std::string to_string(const iso_duration& duration);

// What a field holding a duration must look like, for error messages.
inline constexpr std::string_view iso_duration_hint = "not an ISO 8601 duration (such as PT2H, P3D, P90D or -P30D)";

} // namespace touchpoint::engine::lifecycle
