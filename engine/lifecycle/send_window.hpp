// When a message due at some instant may go out under a campaign's send window:
// the window is read on the local calendar of a time zone (the contact's, else
// the campaign's), so "09:00 to 17:00, Monday to Friday" follows that place's
// daylight-saving changes.
#pragma once

#include "engine/lifecycle/campaign_definition.hpp"
#include "reports/time_zone.hpp"

#include <cstdint>

namespace touchpoint::engine::lifecycle {

// The UTC instant at which the local clock of `zone` reads `minute` minutes into
// local day `day` (days since 1970-01-01). A time skipped by a daylight-saving
// change moves forward by the gap; a time that happens twice is its second
// occurrence, so a message is never sent early.
std::int64_t local_instant(const reports::time_zone& zone, std::int64_t day, int minute);

// `due_utc_ms` itself when it falls inside an opening of the window, else the
// start of the next opening; milliseconds since the epoch, UTC.
std::int64_t next_opening(const send_window& window, const reports::time_zone& zone, std::int64_t due_utc_ms);

// Monday 0 to Sunday 6 of a day number (1970-01-01 was a Thursday).
constexpr int iso_weekday_index(std::int64_t day) { return static_cast<int>(((day % 7) + 7 + 3) % 7); }

} // namespace touchpoint::engine::lifecycle
