#include "engine/services/trigger_service.hpp"

#include "engine/lifecycle/invitation_plan.hpp"
#include "engine/lifecycle/trigger_schedule.hpp"
#include "engine/services/campaign_firing.hpp"
#include "engine/services/settings_service.hpp"
#include "engine/store/campaign_repository.hpp"
#include "engine/store/contact_repository.hpp"
#include "engine/store/database.hpp"
#include "engine/store/event_repository.hpp"
#include "engine/store/invitation_repository.hpp"
#include "engine/store/job_repository.hpp"
#include "engine/stored_json.hpp"

#include <boost/json.hpp>

namespace touchpoint::engine::services {
namespace json = boost::json;
using lifecycle::trigger_type;

const event_trigger_lookups::listeners& event_trigger_lookups::of(store::leased_session& lease,
                                                                  const std::string& event_name) {
    if (const auto found = by_event_.find(event_name); found != by_event_.end()) return found->second;
    listeners found;
    store::campaign_repository campaign_store(lease);
    // Two indexed lookups per event name; most events wake no campaign.
    found.cancelling = campaign_store.active_cancelled_by(event_name);
    for (auto& campaign : campaign_store.active_for_event(event_name)) {
        auto parsed = lifecycle::parse_campaign(parse_stored_json(campaign.definition));
        if (!parsed.ok()) continue; // written by campaign_to_json; one that no longer reads fires nothing
        found.campaigns.emplace_back(std::move(campaign), std::move(parsed.definition));
    }
    return by_event_.emplace(event_name, std::move(found)).first->second;
}

const lifecycle::fatigue_settings& event_trigger_lookups::fatigue(store::leased_session& lease) {
    if (!fatigue_) fatigue_ = settings_service::fatigue(lease);
    return *fatigue_;
}

std::vector<store::invitation_row> trigger_service::on_event(store::leased_session& lease,
                                                             const store::contact_with_standing& known,
                                                             const store::event_row& event, std::int64_t now,
                                                             event_trigger_lookups& lookups) {
    std::vector<store::invitation_row> made;
    const auto& listening = lookups.of(lease, event.name);
    const auto& cancelling = listening.cancelling;
    const auto& campaigns = listening.campaigns;
    if (cancelling.empty() && campaigns.empty()) return made;

    // Locked before reading or changing the contact's invitations, so a trigger
    // and a cancellation for one contact, in two processes, take turns.
    const auto& contact_id = known.row.id;
    store::contact_repository contacts(lease);
    const bool read_again = contacts.lock_for_surveys(contact_id);
    // cancel_on: the contact's scheduled invitations of these campaigns whose
    // trigger happened before this event end here, with their pending deliveries.
    for (const auto& campaign_id : cancelling)
        for (const auto& invitation : store::invitation_repository(lease).cancel_scheduled(campaign_id, contact_id, event.occurred_at))
            store::job_repository(lease).cancel_for_invitation(invitation, now);
    if (campaigns.empty()) return made;

    auto contact = read_again ? read_locked_contact(lease, contact_id, lookups.fatigue(lease))
                              : std::optional(read_locked_contact(lease, known, lookups.fatigue(lease)));
    if (!contact) return made;
    const auto properties = parse_stored_json(event.properties);

    for (const auto& [campaign, definition] : campaigns) {
        // after_event and a recurring start count from the contact's first such event: a later one changes nothing.
        std::optional<std::int64_t> first;
        if (definition.trigger.type == trigger_type::after_event || definition.trigger.type == trigger_type::recurring)
            first = store::event_repository(lease).first_occurrence(contact_id, event.name);
        if (definition.trigger.type == trigger_type::recurring) {
            // The chain starts at its first occurrence not yet past: an old start event arriving late makes no backlog.
            if (definition.trigger.event != event.name || !first || *first != event.occurred_at) continue;
            if (auto row = fire_occurrence(lease, campaign, definition, *contact, event.occurred_at, 0,
                                           now - lifecycle::late_trigger_grace_ms, now))
                made.push_back(std::move(*row));
            continue;
        }
        const auto fires_at =
            lifecycle::trigger_time(definition.trigger, event.name, properties.as_object(), event.occurred_at, first);
        if (!fires_at) continue;
        const std::string occurrence = definition.trigger.type == trigger_type::after_event ? "first" : "";
        if (auto row = fire(lease, campaign, definition, *contact, {*fires_at, occurrence, event.occurred_at}, now))
            made.push_back(std::move(*row));
    }
    return made;
}

bool trigger_service::after_commit(const std::vector<store::invitation_row>& made, std::int64_t now) const {
    if (!wake_ || !any_due(made, now)) return false;
    wake_();
    return true;
}

} // namespace touchpoint::engine::services
