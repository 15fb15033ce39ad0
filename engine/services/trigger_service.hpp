// What an arriving event makes: for each active campaign whose `event` or
// `after_event` trigger it fires, or whose `recurring` chain it starts (the
// contact's first start event), one invitation for the contact, scheduled
// (due when the send window next opens) or skipped with its reason, written in
// the event's own transaction through services/campaign_firing. The contact's row is locked first, so fatigue
// checks for one contact never run side by side, in one process or several; a
// trigger firing seen twice (a retried event) makes nothing new. A scheduled
// invitation gets its send job in the outbox, due when the invitation is.
#pragma once

#include "engine/lifecycle/campaign_definition.hpp"
#include "engine/lifecycle/fatigue.hpp"
#include "engine/store/campaign_repository.hpp"
#include "engine/store/contact_repository.hpp"
#include "engine/store/records.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace touchpoint::engine::store {
class leased_session;
struct event_row;
}

namespace touchpoint::engine::services {

// What the events of one transaction share, read once for all of them: each
// event name's active campaigns (their definitions parsed) and the campaigns it
// cancels, and the fatigue settings. Lives for one transaction, so it never
// holds what another transaction changed.
class event_trigger_lookups {
public:
    struct listeners {
        std::vector<std::string> cancelling; // campaigns with this event in cancel_on
        std::vector<std::pair<store::campaign_row, lifecycle::campaign_definition>> campaigns;
    };
    const listeners& of(store::leased_session& lease, const std::string& event_name);
    const lifecycle::fatigue_settings& fatigue(store::leased_session& lease);

private:
    std::unordered_map<std::string, listeners> by_event_;
    std::optional<lifecycle::fatigue_settings> fatigue_;
};

class trigger_service {
public:
    // Inside the caller's write transaction on `lease`, after `event` was stored
    // for `contact`, read earlier in that transaction; the invitations this event
    // made (none when no campaign listens). `lookups` belongs to that transaction.
    std::vector<store::invitation_row> on_event(store::leased_session& lease, const store::contact_with_standing& contact,
                                                const store::event_row& event, std::int64_t now,
                                                event_trigger_lookups& lookups);

    // Once the event's transaction committed: wakes the dispatcher when an
    // invitation it made is due already (a trigger without delay); true when it did.
    bool after_commit(const std::vector<store::invitation_row>& made, std::int64_t now) const;
    void set_wake(std::function<void()> wake) { wake_ = std::move(wake); }

private:
    std::function<void()> wake_;
};

} // namespace touchpoint::engine::services
