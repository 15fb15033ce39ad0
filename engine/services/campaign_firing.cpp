#include "engine/services/campaign_firing.hpp"

#include "engine/lifecycle/trigger_schedule.hpp"
#include "engine/security/crypto.hpp"
#include "engine/security/token_signer.hpp"
#include "engine/services/invitation_service.hpp"
#include "engine/services/settings_service.hpp"
#include "engine/store/contact_repository.hpp"
#include "engine/store/database.hpp"
#include "engine/store/event_repository.hpp"
#include "engine/store/invitation_repository.hpp"
#include "engine/store/job_repository.hpp"
#include "engine/stored_json.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace touchpoint::engine::services {
using lifecycle::trigger_type;

namespace {

std::vector<lifecycle::past_invitation> history_of(store::leased_session& lease, const std::string& contact_id) {
    std::vector<lifecycle::past_invitation> history;
    for (auto& [at, campaign] : store::invitation_repository(lease).survey_history(contact_id))
        history.push_back({at, std::move(campaign)});
    return history;
}

contact_context context_of(store::leased_session& lease, store::contact_row row, bool unsubscribed,
                           lifecycle::fatigue_settings fatigue) {
    contact_context context;
    context.facts = {row.external_id, row.locale.value_or(""), row.timezone.value_or(""),
                     parse_stored_json(row.attributes).as_object()};
    context.standing = {unsubscribed, row.email.has_value()};
    context.fatigue = std::move(fatigue);
    context.history = history_of(lease, row.id);
    context.row = std::move(row);
    return context;
}

store::job_row job_of(const std::string& kind, const std::string& channel, const std::string& invitation_id, std::int64_t due,
                      std::int64_t now) {
    store::job_row job;
    job.id = security::new_ordered_id("job");
    job.kind = kind;
    job.channel = channel;
    job.invitation_id = invitation_id;
    job.payload = "{}";
    job.idempotency_key = kind + "_" + invitation_id;
    job.due_at = due;
    job.created_at = job.updated_at = now;
    return job;
}

std::int64_t expiry_of(const lifecycle::campaign_definition& definition, std::int64_t due) {
    const auto lasts = definition.expires_after ? *definition.expires_after
                                                : lifecycle::iso_duration{false, 0, default_invitation_days * 86'400'000LL};
    // Whole seconds: the token carries the expiry at that precision.
    return lasts.after(due) / 1000 * 1000;
}

} // namespace

std::optional<contact_context> lock_contact(store::leased_session& lease, const std::string& contact_id) {
    store::contact_repository(lease).lock_for_surveys(contact_id);
    return read_locked_contact(lease, contact_id, settings_service::fatigue(lease));
}

std::optional<contact_context> read_locked_contact(store::leased_session& lease, const std::string& contact_id,
                                                   const lifecycle::fatigue_settings& fatigue) {
    auto found = store::contact_repository(lease).find_with_standing(contact_id);
    if (!found) return std::nullopt;
    return context_of(lease, std::move(found->row), found->unsubscribed, fatigue);
}

contact_context read_locked_contact(store::leased_session& lease, const store::contact_with_standing& known,
                                    const lifecycle::fatigue_settings& fatigue) {
    return context_of(lease, known.row, known.unsubscribed, fatigue);
}

contact_context lock_contact(store::leased_session& lease, store::contact_row row, bool unsubscribed,
                             const lifecycle::fatigue_settings& fatigue) {
    store::contact_repository(lease).lock_for_surveys(row.id);
    return context_of(lease, std::move(row), unsubscribed, fatigue);
}

std::optional<store::invitation_row> fire(store::leased_session& lease, const store::campaign_row& campaign,
                                          const lifecycle::campaign_definition& definition, contact_context& contact,
                                          const firing& firing, std::int64_t now) {
    const auto decision = lifecycle::plan_invitation(definition, campaign.id, contact.facts, contact.standing, contact.fatigue,
                                                     contact.history, firing.fires_at);
    // A cancel_on event that happened after this trigger, stored before it arrived, cancels it at once.
    const bool cancel_seen = !definition.cancel_on.empty() &&
                             store::event_repository(lease).happened_after(contact.row.id, definition.cancel_on,
                                                                           firing.triggered_at);
    const bool cancelled = decision.scheduled && cancel_seen;
    store::invitation_row row;
    row.id = security::new_invitation_id();
    row.survey_id = definition.survey_id;
    row.contact_id = contact.row.id;
    row.channel = definition.channel;
    row.campaign_id = campaign.id;
    row.created_at = now;
    row.status = cancelled ? "cancelled" : decision.scheduled ? "scheduled" : "skipped";
    // A skipped firing is recorded at the time its trigger fired.
    const auto due = decision.scheduled ? decision.due_at : firing.fires_at;
    row.expires_at = expiry_of(definition, due);
    if (!decision.scheduled) row.reason = decision.reason;
    if (cancelled) row.reason = "cancelled_by_event";
    row.due_at = due;
    const auto key = firing.occurrence.empty() ? std::string() : campaign.id + ":" + contact.row.id + ":" + firing.occurrence;
    const store::campaign_delivery delivery{row.status, row.reason, due, key, firing.triggered_at};
    store::invitation_repository invitations(lease);
    store::job_repository jobs(lease);
    if (!invitations.insert_campaign_invitation(row, delivery)) {
        // This firing was seen before. An after_event trigger counts from the
        // earliest occurrence even when it arrives later: its scheduled
        // invitation moves (the rules are judged again when it comes due; this
        // plan counted the invitation itself).
        if (definition.trigger.type == trigger_type::after_event && !cancel_seen) {
            const auto moved_due = lifecycle::within_send_window(definition, contact.facts, firing.fires_at);
            auto moved = invitations.retime_scheduled(delivery.trigger_key, firing.triggered_at, moved_due);
            if (!moved) return std::nullopt;
            jobs.retime_send(*moved, moved_due, now);
            auto stored = invitations.find(*moved);
            if (!stored) return std::nullopt;
            return stored;
        }
        // A date whose decision skipped (the contact was not in the audience yet)
        // is decided again as the contact changes.
        if (!firing.decide_skip_again || !decision.scheduled) return std::nullopt;
        auto reopened = invitations.reopen_skipped(delivery.trigger_key, due, *row.expires_at);
        if (!reopened) return std::nullopt;
        row.id = *reopened;
        auto stored = invitations.find(row.id);
        if (!stored) return std::nullopt;
        row = std::move(*stored);
    }
    if (cancelled) return row;
    if (decision.scheduled) {
        // The send job: at due_at the sender judges the invitation again and hands it to its channel.
        jobs.enqueue(job_of("send", definition.channel, row.id, due, now));
        // Later firings for this contact, in this transaction, see this one.
        contact.history.push_back({due, campaign.id});
    } else if (definition.trigger.type == trigger_type::recurring) {
        // No send job will continue the chain past a skipped occurrence: this job does, at its time.
        jobs.enqueue(job_of("recur", definition.channel, row.id, firing.fires_at, now));
    }
    return row;
}

std::vector<store::invitation_row> fire_attribute_date(store::leased_session& lease, const store::campaign_row& campaign,
                                                       const lifecycle::campaign_definition& definition,
                                                       contact_context& contact, std::int64_t now) {
    std::vector<store::invitation_row> made;
    const auto zone = lifecycle::contact_zone(definition, contact.facts);
    const auto firing_of_date = lifecycle::attribute_date_trigger(definition.trigger, contact.facts, zone);
    // An invitation for a date the contact no longer holds is about nothing.
    const std::string keep = firing_of_date ? campaign.id + ":" + contact.row.id + ":" + firing_of_date->date.text : "";
    const auto cancelled = store::invitation_repository(lease).cancel_scheduled_except(campaign.id, contact.row.id, keep,
                                                                                         "attribute_changed");
    if (!cancelled.empty()) {
        store::job_repository jobs(lease);
        for (const auto& id : cancelled) jobs.cancel_for_invitation(id, now);
        contact.history = history_of(lease, contact.row.id);
    }
    if (!firing_of_date || !lifecycle::still_due(firing_of_date->fires_at, now)) return made;
    // Triggered now, when the date was set: a cancel_on event after this cancels it, one before does not.
    if (auto row = fire(lease, campaign, definition, contact,
                        {firing_of_date->fires_at, firing_of_date->date.text, now, true}, now))
        made.push_back(std::move(*row));
    return made;
}

std::optional<store::invitation_row> fire_occurrence(store::leased_session& lease, const store::campaign_row& campaign,
                                                     const lifecycle::campaign_definition& definition,
                                                     contact_context& contact, std::int64_t since, std::int64_t from_index,
                                                     std::int64_t not_before, std::int64_t now) {
    store::event_repository events(lease);
    for (const auto& name : definition.cancel_on)
        if (const auto last = events.last_occurrence(contact.row.id, name); last && *last > since) return std::nullopt;
    const auto first = lifecycle::first_occurrence_time(definition.trigger, since);
    const auto n = lifecycle::next_occurrence_index(definition.trigger, first, not_before, from_index);
    return fire(lease, campaign, definition, contact,
                {lifecycle::occurrence_time(definition.trigger, first, n), "occurrence_" + std::to_string(n), since}, now);
}

namespace {

// Where a contact's recurring grid starts from: its first start event, or its creation.
std::optional<std::int64_t> recurring_since(store::leased_session& lease, const lifecycle::campaign_definition& definition,
                                            const contact_context& contact) {
    if (definition.trigger.event.empty()) return contact.row.created_at;
    return store::event_repository(lease).first_occurrence(contact.row.id, definition.trigger.event);
}

} // namespace

std::optional<store::invitation_row> continue_chain(store::leased_session& lease, const store::campaign_row& campaign,
                                                    const lifecycle::campaign_definition& definition,
                                                    contact_context& contact, const std::string& invitation_id,
                                                    std::int64_t now) {
    if (definition.trigger.type != trigger_type::recurring) return std::nullopt;
    const auto since = recurring_since(lease, definition, contact);
    if (!since) return std::nullopt;
    const auto key = store::invitation_repository(lease).trigger_key_of(invitation_id);
    const auto n = key ? lifecycle::occurrence_of_key(*key) : std::nullopt;
    // Strictly after now: occurrences missed while the engine was down are not made up.
    return fire_occurrence(lease, campaign, definition, contact, *since, n ? *n + 1 : 0, now + 1, now);
}

std::vector<store::invitation_row> fire_scheduled_trigger(store::leased_session& lease, const store::campaign_row& campaign,
                                                          const lifecycle::campaign_definition& definition,
                                                          contact_context& contact, std::int64_t now) {
    if (definition.trigger.type == trigger_type::attribute_date)
        return fire_attribute_date(lease, campaign, definition, contact, now);
    std::vector<store::invitation_row> made;
    if (definition.trigger.type != trigger_type::recurring) return made;
    const auto since = recurring_since(lease, definition, contact);
    if (!since) return made;
    // The next occurrence to come: one whose time passed (while the campaign was
    // paused, or before it started) is not made up.
    if (auto row = fire_occurrence(lease, campaign, definition, contact, *since, 0, now, now)) made.push_back(std::move(*row));
    return made;
}

std::vector<store::invitation_row> on_contact_changed(store::leased_session& lease, const std::string& contact_id,
                                                      std::int64_t now) {
    std::vector<store::invitation_row> made;
    store::campaign_repository campaign_store(lease);
    std::vector<std::pair<store::campaign_row, lifecycle::campaign_definition>> campaigns;
    for (const char* type : {"attribute_date", "recurring"})
        for (auto& campaign : campaign_store.active_of_type(type)) {
            auto parsed = lifecycle::parse_campaign(parse_stored_json(campaign.definition));
            if (!parsed.ok()) continue; // written by campaign_to_json; one that no longer reads fires nothing
            // A recurring chain with a start event begins with that event, not with the contact.
            if (parsed.definition.trigger.type == trigger_type::recurring && !parsed.definition.trigger.event.empty()) continue;
            campaigns.emplace_back(std::move(campaign), std::move(parsed.definition));
        }
    if (campaigns.empty()) return made;
    auto contact = lock_contact(lease, contact_id);
    if (!contact) return made;
    for (const auto& [campaign, definition] : campaigns)
        for (auto& row : fire_scheduled_trigger(lease, campaign, definition, *contact, now)) made.push_back(std::move(row));
    return made;
}

bool any_due(const std::vector<store::invitation_row>& made, std::int64_t now) {
    return std::ranges::any_of(made, [now](const store::invitation_row& row) {
        return row.status == "scheduled" && row.due_at && *row.due_at <= now;
    });
}

} // namespace touchpoint::engine::services
