// Replaying stored events through a campaign definition without sending
// (POST /v1/campaigns/preview): one contact at a time, its events in the order
// they happened go through the rules an arriving event goes through
// (trigger_time, then plan_invitation; cancel_on first), with the invitations
// the campaign would have made added to the contact's history as they are made.
#pragma once

#include "engine/lifecycle/audience.hpp"
#include "engine/lifecycle/campaign_definition.hpp"
#include "engine/lifecycle/fatigue.hpp"
#include "engine/lifecycle/invitation_plan.hpp"

#include <boost/json/object.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace touchpoint::engine::lifecycle {

// One stored event of the contact: of the trigger's name or of a cancel_on name.
struct replay_event {
    std::string name;
    std::int64_t occurred_at = 0;
    boost::json::object properties; // read only by an event trigger's `where`
};

// One contact as the replay reads it.
struct replay_contact {
    contact_facts facts;
    contact_standing standing;
    // The invitations it has that count for fatigue (its own stored ones that the
    // replay makes again left out); the replay adds those it would make.
    std::vector<past_invitation> history;
    // after_event: when the contact first did the trigger's event, ever.
    std::optional<std::int64_t> first_occurrence;
    // In the replayed period, in the order they happened.
    std::vector<replay_event> events;
};

// Why a firing made no invitation, in the order a preview reports them.
inline constexpr std::array<std::string_view, 7> replay_skip_reasons = {
    "unsubscribed", "no_email", "audience", "sampled_out", "resurvey_too_soon", "fatigue", "cancelled_by_event"};

struct replay_day {
    std::int64_t invitations = 0;
    std::int64_t skipped = 0; // cancelled ones included
};

struct replay_summary {
    std::int64_t contacts = 0;         // contacts the trigger fired for
    std::int64_t invited_contacts = 0; // of those, contacts with at least one invitation
    std::int64_t triggers = 0;         // firings: invitations plus every skipped one
    std::int64_t invitations = 0;      // would have gone out (cancelled ones not counted)
    std::array<std::int64_t, replay_skip_reasons.size()> skipped{}; // by replay_skip_reasons
    // By UTC day (days since 1970-01-01) of the invitation's due time as the
    // trigger service records it: when it goes out, or for a skipped one when
    // the trigger fired; a cancelled one on the day it would have gone out.
    std::map<std::int64_t, replay_day> per_day;
};

// Whether the replay knows this trigger: event and after_event, the ones events fire.
bool is_replayable(trigger_type type);

class campaign_replay {
public:
    // `campaign_id` draws the sample and names the campaign in the history
    // (resurvey_after); a definition not saved yet needs one no stored campaign has.
    campaign_replay(campaign_definition campaign, std::string campaign_id, fatigue_settings fatigue);

    // Runs one contact's events through the rules; its history is used up.
    void replay(replay_contact& contact);

    const replay_summary& summary() const { return summary_; }

private:
    void count_skip(std::string_view reason, std::int64_t at);

    campaign_definition campaign_;
    std::string campaign_id_;
    fatigue_settings fatigue_;
    replay_summary summary_;
};

} // namespace touchpoint::engine::lifecycle
