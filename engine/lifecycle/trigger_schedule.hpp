// When the triggers that no event fires come due for one contact
// (docs/campaigns.md): `attribute_date` at a date the contact's attributes hold,
// moved by an offset; `recurring` on a grid of occurrences, `every` apart from
// its first. Pure: the caller reads the contact and its events and writes what
// these decide.
#pragma once

#include "engine/lifecycle/audience.hpp"
#include "engine/lifecycle/campaign_definition.hpp"
#include "reports/time_zone.hpp"

#include <boost/json/fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace touchpoint::engine::lifecycle {

// A trigger time this far in the past still fires (at once, in the send
// window); an older one fires nothing. A date names a whole day, so a contact
// upserted on the day its date names, or a campaign activated that day, still
// invites; a renewal that passed before is not surveyed about.
inline constexpr std::int64_t late_trigger_grace_ms = 86'400'000;

// Whether a trigger time may still fire at `now`.
constexpr bool still_due(std::int64_t fires_at, std::int64_t now) { return fires_at >= now - late_trigger_grace_ms; }

// A date read from a contact attribute.
struct attribute_date {
    std::string text;     // as the attribute holds it: the firing's key, so one date schedules once
    std::int64_t at = 0;  // the instant, UTC milliseconds
};

// A JSON string "2027-03-01" (a day: its local midnight in `zone`) or a date
// and time with "Z" or an offset ("2027-03-01T09:30:00Z", "2027-03-01T09:30+01:00",
// seconds and a fraction optional); empty for anything else, numbers included.
std::optional<attribute_date> read_attribute_date(const boost::json::value& value, const reports::time_zone& zone);

// The time zone a contact's local calendar is read in: its own when it has a
// known one, else the campaign's send window's, else UTC.
reports::time_zone contact_zone(const campaign_definition& campaign, const contact_facts& contact);

// When an `attribute_date` trigger fires for the contact: the date in its
// `attribute` moved by `offset`, with the date as read. Empty when the contact
// has no such attribute or it holds no date.
struct attribute_date_firing {
    attribute_date date;
    std::int64_t fires_at = 0;
};
std::optional<attribute_date_firing> attribute_date_trigger(const trigger& trigger, const contact_facts& contact,
                                                            const reports::time_zone& zone);

// `recurring`: occurrence n (0, 1, ...) falls n × every after the first, counted
// from the first so that send windows and late sends never make the grid drift
// (months follow the calendar: 31 January + P1M × 2 is 31 March).
std::int64_t occurrence_time(const trigger& trigger, std::int64_t first, std::int64_t n);

// The first occurrence's time: start.after past the contact's first start
// event (`since`); without a start, one period (`every`) past the contact's
// creation (`since`), so contacts' cycles are spread by when each joined.
std::int64_t first_occurrence_time(const trigger& trigger, std::int64_t since);

// The smallest n >= from_index whose occurrence is at or after `not_before`.
std::int64_t next_occurrence_index(const trigger& trigger, std::int64_t first, std::int64_t not_before,
                                   std::int64_t from_index);

// The occurrence number a recurring firing's key ends with (":occurrence_N"); empty for other keys.
std::optional<std::int64_t> occurrence_of_key(std::string_view trigger_key);

} // namespace touchpoint::engine::lifecycle
