// Campaigns: create, read, list, edit, and move between draft, active, paused
// and archived (docs/campaigns.md). A campaign names a survey that must exist
// and be live; its definition is read by lifecycle::parse_campaign.
#pragma once

#include "engine/lifecycle/campaign_definition.hpp"
#include "engine/services/service_error.hpp"
#include "engine/store/campaign_repository.hpp"
#include "engine/store/invitation_repository.hpp"

#include <boost/json/fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace touchpoint::engine::store {
class database;
}

namespace touchpoint::engine::services {

class survey_service;

struct campaign_view {
    store::campaign_row row;
    lifecycle::campaign_definition definition;
    store::campaign_funnel stats;
    // After an edit: invitations still scheduled, which the edit applies to.
    std::optional<std::int64_t> pending_affected;
};

class campaign_service {
public:
    static constexpr std::size_t max_campaigns_listed = 200;

    campaign_service(store::database& db, survey_service& surveys) : db_(db), surveys_(surveys) {}

    // A new draft; 422 naming the field when the definition or its survey is wrong.
    outcome<campaign_view> create(const boost::json::value& body);
    outcome<campaign_view> get(const std::string& id);
    std::vector<campaign_view> list(const store::campaign_filter& filter, const std::optional<store::page_cursor>& after,
                                    int limit);
    // Replaces the definition; refused for an archived campaign (409). Invitations
    // already sent keep what they were sent with; scheduled ones follow the edit.
    outcome<campaign_view> update(const std::string& id, const boost::json::value& body);

    // draft -> active. Already active: unchanged. Paused: 409, resume it.
    outcome<campaign_view> activate(const std::string& id);
    // active -> paused; already paused: unchanged.
    outcome<campaign_view> pause(const std::string& id);
    // paused -> active; already active: unchanged.
    outcome<campaign_view> resume(const std::string& id);
    // Any status -> archived (DELETE); its scheduled invitations are then cancelled when due.
    outcome<campaign_view> archive(const std::string& id);

    // The definition from a request body, with its survey checked (422 naming the
    // field); what create and update store, and what a preview replays.
    outcome<lifecycle::campaign_definition> read_definition(const boost::json::value& body);

private:
    outcome<campaign_view> move(const std::string& id, const char* to, std::initializer_list<const char*> from,
                                const char* verb);
    campaign_view view_of(store::leased_session& lease, store::campaign_row row);

    store::database& db_;
    survey_service& surveys_;
};

} // namespace touchpoint::engine::services
