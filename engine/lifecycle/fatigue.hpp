// Survey fatigue: how often one contact may be surveyed, across every campaign
// and channel (the settings), and how often by one campaign (its resurvey_after).
#pragma once

#include "engine/lifecycle/iso_duration.hpp"
#include "surveys/field_error.hpp"

#include <boost/json/fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint::engine::lifecycle {

// GET/PUT /v1/settings "fatigue". Zero turns a rule off.
struct fatigue_settings {
    int min_days_between_surveys = 30;
    int max_surveys = 3;                                   // within `period`
    iso_duration period = *parse_iso_duration("P90D");

    friend bool operator==(const fatigue_settings&, const fatigue_settings&) = default;
};

// An invitation the contact already has, sent or still scheduled.
struct past_invitation {
    std::int64_t at = 0; // when it was (or is to be) sent, UTC milliseconds
    std::string campaign_id;
};

enum class fatigue_verdict { allowed, resurvey_too_soon, fatigue };

// Whether `campaign_id` may survey the contact at `at`:
// - resurvey_too_soon: the same campaign has an invitation less than
//   resurvey_after before or after `at`;
// - fatigue: any invitation less than min_days_between_surveys days before or
//   after `at`, or max_surveys of them already in the period ending at `at`.
// Scheduled invitations count as well as sent ones, so two triggers that fire
// together cannot both pass.
fatigue_verdict check_fatigue(const fatigue_settings& settings, const std::optional<iso_duration>& resurvey_after,
                              const std::string& campaign_id, const std::vector<past_invitation>& history,
                              std::int64_t at);

// {"min_days_between_surveys": 30, "max_surveys": {"count": 3, "period": "P90D"}}
boost::json::object fatigue_to_json(const fatigue_settings& settings);

// The same object read back; errors name their field under `path` ("fatigue.max_surveys.period").
// min_days_between_surveys is 0 to 3650, count 0 to 100, period P1D to 10 years.
std::optional<fatigue_settings> parse_fatigue(const boost::json::value& value, const std::string& path,
                                              surveys::field_errors& errors);

} // namespace touchpoint::engine::lifecycle
