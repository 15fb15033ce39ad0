// One contact's journey (GET /v1/contacts/{external_id}/timeline): its events,
// its invitations with their status and reasons, the delivery attempts of
// their messages, and its responses. Each kind is read newest first up to a
// cap, so a contact with years of events answers as fast as a new one.
#pragma once

#include "engine/services/service_error.hpp"
#include "engine/store/event_repository.hpp"
#include "engine/store/records.hpp"
#include "engine/store/timeline_repository.hpp"

#include <string>
#include <vector>

namespace touchpoint::engine::store {
class database;
}

namespace touchpoint::engine::services {

// Each list oldest first.
struct contact_timeline {
    store::contact_row contact;
    std::vector<store::event_row> events;
    std::vector<store::invitation_row> invitations;
    std::vector<store::contact_attempt> attempts;
    std::vector<store::response_row> responses;
    bool truncated = false; // some kind had more than the cap: the oldest are left out
};

class timeline_service {
public:
    static constexpr int max_per_kind = 500;

    explicit timeline_service(store::database& db) : db_(db) {}

    // 404 for an unknown (or erased) contact.
    outcome<contact_timeline> of(const std::string& external_id);

private:
    store::database& db_;
};

} // namespace touchpoint::engine::services
