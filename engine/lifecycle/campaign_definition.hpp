// A campaign as a marketer writes it (docs/campaigns.md): which survey it sends,
// through which channel, when its trigger fires, to whom, within which hours,
// with which reminders and texts. Parsed from the JSON of POST /v1/campaigns
// with every error named by its field ("trigger.after"); no I/O, so whether the
// survey exists is the campaign service's concern.
#pragma once

#include "engine/lifecycle/iso_duration.hpp"
#include "engine/lifecycle/names.hpp"
#include "surveys/field_error.hpp"
#include "surveys/localized_text.hpp"

#include <boost/json/fwd.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint::engine::lifecycle {

enum class trigger_type { event, after_event, attribute_date, recurring, manual };

std::string_view to_string(trigger_type type);

// One condition of a `where` object: the value at `key` (an event's
// "properties.NAME", a contact's "attr.NAME" or "locale") is one of `values`,
// compared as text (true as "true", 5 as "5").
struct condition {
    std::string key;
    std::vector<std::string> values;

    friend bool operator==(const condition&, const condition&) = default;
};

struct trigger {
    trigger_type type = trigger_type::manual;
    std::string event;      // event, after_event; recurring: the start event, if any
    iso_duration delay;     // event: "delay"; after_event: "after"; attribute_date: "offset"; recurring: start "after"
    std::vector<condition> where; // event: conditions on "properties.NAME"
    std::string attribute;  // attribute_date: the contact attribute holding a date
    iso_duration every;     // recurring
};

struct audience {
    std::vector<condition> where; // on "attr.NAME" and "locale"
    int sample_percent = 100;     // 1 to 100
};

// Days and hours in which messages may go out, read in the contact's time zone
// when it has one, else in `timezone`. start < end, both minutes after midnight.
struct send_window {
    std::array<bool, 7> days{}; // Monday first, as ISO 8601 counts
    int start_minute = 0;
    int end_minute = 24 * 60;
    std::string timezone = "UTC";
};

struct campaign_message {
    surveys::localized_text subject;
    surveys::localized_text intro;
    std::string sender_name;
};

struct campaign_definition {
    std::string name;
    std::string survey_id;
    std::string channel = "webhook"; // "email" or "webhook"
    lifecycle::trigger trigger;
    lifecycle::audience audience;
    std::vector<std::string> cancel_on; // event names that cancel pending invitations
    std::optional<lifecycle::send_window> send_window;
    std::vector<iso_duration> reminders; // each after the invitation was sent
    std::optional<iso_duration> expires_after;
    std::optional<iso_duration> resurvey_after;
    campaign_message message;
};

struct campaign_parse_result {
    campaign_definition definition;
    surveys::field_errors errors;

    bool ok() const { return errors.empty(); }
};

inline constexpr std::size_t max_campaign_reminders = 5;
inline constexpr std::size_t max_conditions = 20;
inline constexpr std::size_t max_condition_values = 100;

// Reads every field of a campaign body; unknown fields are ignored so that
// reading back a campaign (with "id", "status", "stats") and sending it again works.
campaign_parse_result parse_campaign(const boost::json::value& input);

// The campaign's JSON as stored and returned (durations in their canonical
// ISO 8601 spelling, windows as "09:00").
boost::json::object campaign_to_json(const campaign_definition& definition);

} // namespace touchpoint::engine::lifecycle
