// Campaigns: create, read, list, edit, and move between draft, active, paused
// and archived (docs/campaigns.md). A campaign names a survey that must exist
// and be live; its definition is read by lifecycle::parse_campaign.
// Activating or resuming an attribute_date or recurring campaign, or editing
// an active one's trigger, starts a scan of every contact that schedules its
// invitations; resuming a manual one continues the send its pause stopped.
#pragma once

#include "engine/lifecycle/campaign_definition.hpp"
#include "engine/services/service_error.hpp"
#include "engine/store/audience_walk_repository.hpp"
#include "engine/store/campaign_repository.hpp"
#include "engine/store/invitation_repository.hpp"

#include <boost/json/fwd.hpp>

#include <functional>
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
    // The latest manual send and the latest scan (attribute_date, recurring), with their progress.
    std::optional<store::audience_walk_row> manual_send, scan;
};

class campaign_service {
public:
    static constexpr std::size_t max_campaigns_listed = 200;

    campaign_service(store::database& db, survey_service& surveys) : db_(db), surveys_(surveys) {}
    // Called after a commit that started a walk, whose first page is due now.
    void set_wake(std::function<void()> wake) { wake_ = std::move(wake); }

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
    // POST /v1/campaigns/{id}/send: an active manual campaign invites its
    // audience now, in the background (services/audience_walker.hpp); the walk
    // started. 409 when the campaign is not active, not manual, its survey is
    // archived, or a send of it is running.
    outcome<store::audience_walk_row> send(const std::string& id);
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
    std::function<void()> wake_;
};

} // namespace touchpoint::engine::services
