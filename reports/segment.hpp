// Segments of a report: the same statistics per value of a response property
// (channel, locale, campaign or a contact attribute).
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace touchpoint::reports {

// A segment's value; empty for responses without one (no such attribute, say).
using segment_value = std::optional<std::string>;

// At most this many segment values are listed per question, the largest first.
constexpr std::size_t max_segments = 50;

} // namespace touchpoint::reports
