#include "engine/lifecycle/campaign_replay.hpp"

#include <algorithm>

namespace touchpoint::engine::lifecycle {
namespace {

constexpr std::int64_t day_ms = 86'400'000;

std::int64_t utc_day(std::int64_t at) { return at >= 0 ? at / day_ms : -((-at + day_ms - 1) / day_ms); }

// An invitation the replay made for the contact, still to go out.
struct pending_invitation {
    std::int64_t triggered_at = 0; // when its trigger event happened
    std::int64_t due_at = 0;
    bool cancelled = false;
};

} // namespace

bool is_replayable(trigger_type type) { return type == trigger_type::event || type == trigger_type::after_event; }

campaign_replay::campaign_replay(campaign_definition campaign, std::string campaign_id, fatigue_settings fatigue)
    : campaign_(std::move(campaign)), campaign_id_(std::move(campaign_id)), fatigue_(std::move(fatigue)) {}

void campaign_replay::count_skip(std::string_view reason, std::int64_t at) {
    const auto found = std::ranges::find(replay_skip_reasons, reason);
    // plan_invitation gives no other reason; one it may give later still counts as a firing.
    if (found != replay_skip_reasons.end())
        ++summary_.skipped[static_cast<std::size_t>(found - replay_skip_reasons.begin())];
    ++summary_.per_day[utc_day(at)].skipped;
}

void campaign_replay::replay(replay_contact& contact) {
    const auto& trigger = campaign_.trigger;
    std::vector<pending_invitation> pending;
    bool fired = false, fired_first = false;
    for (const auto& event : contact.events) {
        // As an arriving event does: cancel first, so an event that both cancels and
        // triggers ends the earlier invitations and makes a new one.
        if (std::ranges::find(campaign_.cancel_on, event.name) != campaign_.cancel_on.end()) {
            for (auto& p : pending) {
                // Only an invitation triggered before the event and not yet gone out.
                if (p.cancelled || p.triggered_at >= event.occurred_at || event.occurred_at >= p.due_at) continue;
                p.cancelled = true;
                // The replay's own entry: the latest of this campaign at that time.
                const auto mine =
                    std::find_if(contact.history.rbegin(), contact.history.rend(), [&](const past_invitation& past) {
                        return past.at == p.due_at && past.campaign_id == campaign_id_;
                    });
                if (mine != contact.history.rend()) contact.history.erase(std::next(mine).base());
            }
        }
        const auto fires_at =
            trigger_time(trigger, event.name, event.properties, event.occurred_at, contact.first_occurrence);
        if (!fires_at) continue;
        // after_event fires once per contact, as its one "first" trigger key allows.
        if (trigger.type == trigger_type::after_event) {
            if (fired_first) continue;
            fired_first = true;
        }
        fired = true;
        ++summary_.triggers;
        const auto decision =
            plan_invitation(campaign_, campaign_id_, contact.facts, contact.standing, fatigue_, contact.history, *fires_at);
        if (!decision.scheduled) {
            count_skip(decision.reason, *fires_at);
            continue;
        }
        // Later firings for this contact see it, as they would see it stored.
        contact.history.push_back({decision.due_at, campaign_id_});
        pending.push_back({event.occurred_at, decision.due_at, false});
    }
    if (!fired) return;
    ++summary_.contacts;
    bool invited = false;
    for (const auto& p : pending) {
        if (p.cancelled) {
            count_skip("cancelled_by_event", p.due_at);
            continue;
        }
        invited = true;
        ++summary_.invitations;
        ++summary_.per_day[utc_day(p.due_at)].invitations;
    }
    if (invited) ++summary_.invited_contacts;
}

} // namespace touchpoint::engine::lifecycle
