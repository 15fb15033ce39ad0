#include "engine/services/timeline_service.hpp"

#include "engine/store/contact_repository.hpp"
#include "engine/store/database.hpp"
#include "engine/store/invitation_repository.hpp"
#include "engine/store/response_repository.hpp"

#include <algorithm>

namespace touchpoint::engine::services {

outcome<contact_timeline> timeline_service::of(const std::string& external_id) {
    store::leased_session lease(db_);
    auto contact = store::contact_repository(lease).find_by_external_id(external_id);
    if (!contact) return not_found("no contact " + external_id);
    contact_timeline out;
    out.contact = std::move(*contact);
    const auto& id = out.contact.id;
    // One more than the cap of each, to know whether some were left out.
    out.events = store::timeline_repository(lease).latest_events(id, max_per_kind + 1);
    out.attempts = store::timeline_repository(lease).latest_attempts(id, max_per_kind + 1);
    store::invitation_filter filter;
    filter.contact_id = id;
    out.invitations = store::invitation_repository(lease).list(filter, std::nullopt, max_per_kind + 1);
    out.responses = store::response_repository(lease).list_by_contact(id);
    const auto cap = [&out](auto& rows) {
        if (rows.size() <= static_cast<std::size_t>(max_per_kind)) return;
        out.truncated = true;
        rows.resize(max_per_kind);
    };
    cap(out.events);
    cap(out.attempts);
    cap(out.invitations);
    if (out.responses.size() > static_cast<std::size_t>(max_per_kind)) {
        // Oldest first from the repository: keep the latest.
        out.truncated = true;
        out.responses.erase(out.responses.begin(), out.responses.end() - max_per_kind);
    }
    // Oldest first, as the timeline reads.
    std::ranges::reverse(out.events);
    std::ranges::reverse(out.attempts);
    return out;
}

} // namespace touchpoint::engine::services
