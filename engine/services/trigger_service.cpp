#include "engine/services/trigger_service.hpp"

#include "engine/lifecycle/invitation_plan.hpp"
#include "engine/security/crypto.hpp"
#include "engine/security/token_signer.hpp"
#include "engine/services/invitation_service.hpp"
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

std::vector<store::invitation_row> trigger_service::on_event(store::leased_session& lease, const std::string& contact_id,
                                                             const store::event_row& event, std::int64_t now) {
    std::vector<store::invitation_row> made;
    store::campaign_repository campaign_store(lease);
    // Two indexed lookups per event; most events wake no campaign.
    const auto cancelling = campaign_store.active_cancelled_by(event.name);
    auto campaigns = campaign_store.active_for_event(event.name);
    if (cancelling.empty() && campaigns.empty()) return made;

    // Locked before reading or changing the contact's invitations, so a trigger
    // and a cancellation for one contact, in two processes, take turns.
    store::contact_repository contacts(lease);
    contacts.lock_for_surveys(contact_id);
    // cancel_on: the contact's scheduled invitations of these campaigns whose
    // trigger happened before this event end here, with their pending deliveries.
    for (const auto& campaign_id : cancelling)
        for (const auto& invitation : store::invitation_repository(lease).cancel_scheduled(campaign_id, contact_id, event.occurred_at))
            store::job_repository(lease).cancel_for_invitation(invitation, now);
    if (campaigns.empty()) return made;

    const auto contact = contacts.find(contact_id);
    if (!contact) return made;
    const lifecycle::contact_facts facts{contact->external_id, contact->locale.value_or(""), contact->timezone.value_or(""),
                                         parse_stored_json(contact->attributes).as_object()};
    const lifecycle::contact_standing standing{contacts.unsubscribed_at(contact_id).has_value(), contact->email.has_value()};
    const auto fatigue = settings_service::fatigue(lease);
    store::invitation_repository invitations(lease);
    std::vector<lifecycle::past_invitation> history;
    for (auto& [at, campaign] : invitations.survey_history(contact_id)) history.push_back({at, std::move(campaign)});
    const auto properties = parse_stored_json(event.properties);

    for (const auto& campaign : campaigns) {
        auto parsed = lifecycle::parse_campaign(parse_stored_json(campaign.definition));
        if (!parsed.ok()) continue; // written by campaign_to_json; one that no longer reads fires nothing
        const auto& definition = parsed.definition;
        // after_event counts from the contact's first such event: a later one changes nothing.
        std::optional<std::int64_t> first;
        if (definition.trigger.type == trigger_type::after_event)
            first = store::event_repository(lease).first_occurrence(contact_id, event.name);
        const auto fires_at =
            lifecycle::trigger_time(definition.trigger, event.name, properties.as_object(), event.occurred_at, first);
        if (!fires_at) continue;
        const std::string occurrence = definition.trigger.type == trigger_type::after_event ? "first" : event.id;
        const auto decision = lifecycle::plan_invitation(definition, campaign.id, facts, standing, fatigue, history, *fires_at);
        // A cancel_on event that happened after this trigger, stored before it arrived, cancels it at once.
        const bool cancel_seen = !definition.cancel_on.empty() &&
                                 store::event_repository(lease).happened_after(contact_id, definition.cancel_on, event.occurred_at);
        const bool cancelled = decision.scheduled && cancel_seen;

        store::invitation_row row;
        row.id = security::new_invitation_id();
        row.survey_id = definition.survey_id;
        row.contact_id = contact_id;
        row.channel = definition.channel;
        row.campaign_id = campaign.id;
        row.created_at = now;
        row.status = cancelled ? "cancelled" : decision.scheduled ? "scheduled" : "skipped";
        const auto due = decision.scheduled ? decision.due_at : *fires_at;
        const auto lasts = definition.expires_after ? *definition.expires_after
                                                    : lifecycle::iso_duration{false, 0, default_invitation_days * 86'400'000LL};
        // Whole seconds: the token carries the expiry at that precision.
        row.expires_at = lasts.after(due) / 1000 * 1000;
        if (!decision.scheduled) row.reason = decision.reason;
        if (cancelled) row.reason = "cancelled_by_event";
        const auto trigger_key = campaign.id + ":" + contact_id + ":" + occurrence;
        const store::campaign_delivery delivery{row.status, row.reason, due, trigger_key, event.occurred_at};
        row.due_at = due;
        if (!invitations.insert_campaign_invitation(row, delivery)) {
            // This firing was seen before. An after_event trigger counts from the
            // earliest occurrence even when it arrives later: its invitation moves.
            // The rules are judged again when it comes due (this plan counted the invitation itself).
            if (definition.trigger.type == trigger_type::after_event && !cancel_seen) {
                const auto moved_due = lifecycle::within_send_window(definition, facts, *fires_at);
                if (auto moved = invitations.retime_scheduled(trigger_key, event.occurred_at, moved_due)) {
                    store::job_repository(lease).retime_send(*moved, moved_due, now);
                    row.id = *moved;
                    row.status = "scheduled";
                    row.reason.reset();
                    row.due_at = moved_due;
                    made.push_back(std::move(row));
                }
            }
            continue;
        }
        if (row.status == "scheduled") {
            // The send job: at due_at the sender judges the invitation again and hands it to its channel.
            store::job_row job;
            job.id = security::new_id("job");
            job.kind = "send";
            job.channel = definition.channel;
            job.invitation_id = row.id;
            job.payload = "{}";
            job.idempotency_key = "send_" + row.id;
            job.due_at = due;
            job.created_at = job.updated_at = now;
            store::job_repository(lease).enqueue(job);
        }
        // Later campaigns woken by the same event see this one in the history.
        if (row.status == "scheduled") history.push_back({due, campaign.id});
        made.push_back(std::move(row));
    }
    return made;
}

bool trigger_service::after_commit(const std::vector<store::invitation_row>& made, std::int64_t now) const {
    if (!wake_) return false;
    for (const auto& row : made)
        if (row.status == "scheduled" && row.due_at && *row.due_at <= now) {
            wake_();
            return true;
        }
    return false;
}

} // namespace touchpoint::engine::services
