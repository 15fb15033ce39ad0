// What one contact's timeline reads besides its invitations and responses: its
// events, and the delivery attempts of messages about its invitations.
#pragma once

#include "engine/store/database.hpp"
#include "engine/store/event_repository.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint::engine::store {

// A delivery attempt of a message about one of the contact's invitations.
struct contact_attempt {
    std::string job_id;
    std::string kind; // send, webhook
    std::optional<std::string> event_type;
    std::string invitation_id;
    int attempt = 0;
    std::int64_t started_at = 0;
    std::int64_t duration_ms = 0;
    std::string outcome;
    std::optional<int> peer_status;
    std::optional<std::string> error;
};

class timeline_repository {
public:
    explicit timeline_repository(leased_session& lease) : session_(lease.session()) {}

    // The contact's latest `limit` events, newest first.
    std::vector<event_row> latest_events(const std::string& contact_id, int limit);
    // The latest `limit` delivery attempts for its invitations, newest first.
    std::vector<contact_attempt> latest_attempts(const std::string& contact_id, int limit);

private:
    soci::session& session_;
};

} // namespace touchpoint::engine::store
