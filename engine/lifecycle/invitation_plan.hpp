// Whether and when a campaign invites one contact once its trigger fired: the
// rules in the order their reasons are reported (docs/campaigns.md), then the
// send window on the contact's own clock. Pure: the caller reads the contact,
// its invitation history and the settings, and writes the decision.
#pragma once

#include "engine/lifecycle/audience.hpp"
#include "engine/lifecycle/campaign_definition.hpp"
#include "engine/lifecycle/fatigue.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint::engine::lifecycle {

// What the rules read of the contact besides its facts.
struct contact_standing {
    bool unsubscribed = false;
    bool has_email = false;
};

struct invitation_decision {
    bool scheduled = false;
    std::string reason;     // when skipped: unsubscribed, no_email, audience, sampled_out, fatigue, resurvey_too_soon
    std::int64_t due_at = 0; // when scheduled: the trigger's time moved into the send window, UTC milliseconds
};

// The time an `event` trigger fires for an event of `name` with `properties`
// that happened at `occurred_at`: occurred_at + delay, when the name is the
// trigger's and every `where` condition holds on "properties.NAME" (compared as
// text, as audience conditions are); empty otherwise.
std::optional<std::int64_t> event_trigger_time(const trigger& trigger, const std::string& name,
                                               const boost::json::object& properties, std::int64_t occurred_at);

// The time an `after_event` trigger fires: `after` past the contact's first
// such event (by when it happened).
std::int64_t after_event_trigger_time(const trigger& trigger, std::int64_t first_occurred_at);

// `at` moved into the campaign's send window (read in the contact's time zone
// when it has a known one, else the campaign's); `at` itself without a window.
std::int64_t within_send_window(const campaign_definition& campaign, const contact_facts& contact, std::int64_t at);

// When an `event` or `after_event` trigger fires for the contact's event of
// `name` that happened at `occurred_at`: event_trigger_time for an event
// trigger; for an after_event trigger, after_event_trigger_time when this event
// is the contact's first of that name (`first_occurred_at`, by when it
// happened), so a later one fires nothing. Empty for the other triggers. The
// trigger service and the campaign replay both decide through this.
std::optional<std::int64_t> trigger_time(const trigger& trigger, const std::string& name,
                                         const boost::json::object& properties, std::int64_t occurred_at,
                                         std::optional<std::int64_t> first_occurred_at);

// The decision for one contact whose trigger fired at `fires_at`. `history` is
// every invitation the contact has, sent or scheduled, across campaigns.
invitation_decision plan_invitation(const campaign_definition& campaign, const std::string& campaign_id,
                                    const contact_facts& contact, const contact_standing& standing,
                                    const fatigue_settings& fatigue, const std::vector<past_invitation>& history,
                                    std::int64_t fires_at);

} // namespace touchpoint::engine::lifecycle
