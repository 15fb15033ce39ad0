// One firing of a campaign's trigger for one contact, however it came about
// (an event, a date in the contact's attributes, an occurrence of a recurring
// trigger, a manual send): the rules decide (lifecycle::plan_invitation), the
// invitation is written scheduled or skipped under the firing's unique key, and
// a scheduled one gets its send job, so everything after (the judgement again at
// the due time, webhooks, reminders, expiry) is the same for every trigger.
// These run inside the caller's write transaction, with the contact locked.
#pragma once

#include "engine/lifecycle/audience.hpp"
#include "engine/lifecycle/campaign_definition.hpp"
#include "engine/lifecycle/fatigue.hpp"
#include "engine/lifecycle/invitation_plan.hpp"
#include "engine/store/campaign_repository.hpp"
#include "engine/store/records.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint::engine::store {
class leased_session;
}

namespace touchpoint::engine::services {

// What the rules read of one contact, read under its lock.
struct contact_context {
    store::contact_row row;
    lifecycle::contact_facts facts;
    lifecycle::contact_standing standing;
    lifecycle::fatigue_settings fatigue;
    // Its invitations that count for fatigue, with those made since they were read.
    std::vector<lifecycle::past_invitation> history;
};

// Takes the contact's survey lock (the one triggers and the sender take) and
// reads its context; empty when there is no such contact.
std::optional<contact_context> lock_contact(store::leased_session& lease, const std::string& contact_id);
// Reads the context of a contact whose survey lock the caller holds already,
// with the fatigue settings read already (once per batch of events).
std::optional<contact_context> read_locked_contact(store::leased_session& lease, const std::string& contact_id,
                                                   const lifecycle::fatigue_settings& fatigue);
// The context of a contact whose survey lock the caller holds, as this
// transaction read it already (current: see contact_repository::lock_for_surveys).
contact_context read_locked_contact(store::leased_session& lease, const store::contact_with_standing& known,
                                    const lifecycle::fatigue_settings& fatigue);
// The context of a contact read already (a walk's page), locked here.
contact_context lock_contact(store::leased_session& lease, store::contact_row row, bool unsubscribed,
                             const lifecycle::fatigue_settings& fatigue);

struct firing {
    std::int64_t fires_at = 0;     // the trigger's time, before the send window moves it
    // The trigger key's last part: "first", a date, "occurrence_3", "send_ID"; empty
    // for an event trigger, which fires once per stored event (no key needed).
    std::string occurrence;
    std::int64_t triggered_at = 0; // when the trigger happened, which cancel_on compares with
    bool decide_skip_again = false; // an invitation this firing made skipped may be scheduled now
};

// The invitation this firing made, scheduled or skipped; empty when the firing
// was seen before (its key is taken) and nothing changed. With decide_skip_again,
// a skipped one the rules now admit is scheduled and returned.
std::optional<store::invitation_row> fire(store::leased_session& lease, const store::campaign_row& campaign,
                                          const lifecycle::campaign_definition& definition, contact_context& contact,
                                          const firing& firing, std::int64_t now);

// attribute_date: the contact's scheduled invitations of the campaign for a date
// its attribute no longer holds end cancelled (reason attribute_changed), then
// the date it holds fires unless its trigger time passed (lifecycle::still_due);
// a decision for that date that skipped is taken again.
std::vector<store::invitation_row> fire_attribute_date(store::leased_session& lease, const store::campaign_row& campaign,
                                                       const lifecycle::campaign_definition& definition,
                                                       contact_context& contact, std::int64_t now);

// recurring: the contact's first occurrence numbered from_index or later that
// falls at or after not_before, on the grid counted from `since` (the first
// start event, or the contact's creation without a start). Nothing when a
// cancel_on event happened after `since`: that stops the contact's chain.
std::optional<store::invitation_row> fire_occurrence(store::leased_session& lease, const store::campaign_row& campaign,
                                                     const lifecycle::campaign_definition& definition,
                                                     contact_context& contact, std::int64_t since, std::int64_t from_index,
                                                     std::int64_t not_before, std::int64_t now);

// The recurring chain's next step once the occurrence `invitation_id` was sent or
// ended at its due time (skipped, failed): the next occurrence after now.
std::optional<store::invitation_row> continue_chain(store::leased_session& lease, const store::campaign_row& campaign,
                                                    const lifecycle::campaign_definition& definition,
                                                    contact_context& contact, const std::string& invitation_id,
                                                    std::int64_t now);

// What an active attribute_date or recurring campaign does for one contact when
// a scan (or its upsert) reaches it: its date (above), or its chain picked up at
// the next occurrence to come, unless that one was made already (a recurring
// campaign with a start: only for contacts that did the start event).
std::vector<store::invitation_row> fire_scheduled_trigger(store::leased_session& lease, const store::campaign_row& campaign,
                                                          const lifecycle::campaign_definition& definition,
                                                          contact_context& contact, std::int64_t now);

// A contact was created or changed (PUT /v1/contacts): each active
// attribute_date campaign, and each recurring one without a start event,
// fires for it as a scan would. The invitations made.
std::vector<store::invitation_row> on_contact_changed(store::leased_session& lease, const std::string& contact_id,
                                                      std::int64_t now);

// Whether any of these invitations is scheduled and due by `now`: the dispatcher is then woken after the commit.
bool any_due(const std::vector<store::invitation_row>& made, std::int64_t now);

} // namespace touchpoint::engine::services
