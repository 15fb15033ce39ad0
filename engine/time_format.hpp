// UTC instants as milliseconds since the epoch, and their ISO-8601 text form.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace touchpoint::engine {

std::int64_t now_ms();

// "2026-11-23T09:15:02.120Z"
std::string format_time(std::int64_t ms);

// Accepts "2026-11-23", "2026-11-23T09:15:02Z", with optional fraction and a "Z"
// or "+01:00" offset; empty when the text is none of these.
std::optional<std::int64_t> parse_time(std::string_view text);

} // namespace touchpoint::engine
