// What an arriving event makes: for each active campaign whose `event` or
// `after_event` trigger it fires, or whose `recurring` chain it starts (the
// contact's first start event), one invitation for the contact, scheduled
// (due when the send window next opens) or skipped with its reason, written in
// the event's own transaction through services/campaign_firing. The contact's row is locked first, so fatigue
// checks for one contact never run side by side, in one process or several; a
// trigger firing seen twice (a retried event) makes nothing new. A scheduled
// invitation gets its send job in the outbox, due when the invitation is.
#pragma once

#include "engine/store/records.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint::engine::store {
class leased_session;
struct event_row;
}

namespace touchpoint::engine::services {

class trigger_service {
public:
    // Inside the caller's write transaction on `lease`, after `event` was stored
    // for `contact_id`; the invitations this event made (none when no campaign listens).
    std::vector<store::invitation_row> on_event(store::leased_session& lease, const std::string& contact_id,
                                                const store::event_row& event, std::int64_t now);

    // Once the event's transaction committed: wakes the dispatcher when an
    // invitation it made is due already (a trigger without delay); true when it did.
    bool after_commit(const std::vector<store::invitation_row>& made, std::int64_t now) const;
    void set_wake(std::function<void()> wake) { wake_ = std::move(wake); }

private:
    std::function<void()> wake_;
};

} // namespace touchpoint::engine::services
