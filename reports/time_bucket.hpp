// Calendar buckets for trends. Days are counted from 1970-01-01 (UTC), which is
// how the store groups answers, so the same grouping works on every database.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace touchpoint::reports {

enum class interval { day, week, month };

std::optional<interval> parse_interval(std::string_view name);
std::string_view to_string(interval value);

// The first day of the bucket that holds `day`: itself, the Monday of its ISO
// week, or the first of its month.
std::int64_t bucket_start(std::int64_t day, interval value);

// "2026-11-23" for a day number.
std::string format_day(std::int64_t day);

constexpr std::int64_t millis_per_day = 86'400'000;

// Day number of a UTC instant in milliseconds since the epoch (floor, also before 1970).
constexpr std::int64_t day_of_millis(std::int64_t millis) {
    return millis >= 0 ? millis / millis_per_day : -((-millis + millis_per_day - 1) / millis_per_day);
}

} // namespace touchpoint::reports
