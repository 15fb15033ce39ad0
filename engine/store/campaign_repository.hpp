// Campaigns: their definition as JSON and the columns lookups need.
#pragma once

#include "engine/store/database.hpp"
#include "engine/store/records.hpp"
#include "engine/store/sql_builder.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint::engine::store {

struct campaign_row {
    std::string id;
    std::string name;
    std::string survey_id;
    std::string channel;
    std::string status; // draft | active | paused | archived
    std::string trigger_type;
    std::optional<std::string> trigger_event; // the event an event or after_event trigger, or a recurring one's start, waits for
    std::string definition;                   // the campaign's JSON (lifecycle::campaign_to_json)
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

struct campaign_filter {
    std::optional<std::string> status;
    std::optional<std::string> survey_id;
};

class campaign_repository {
public:
    explicit campaign_repository(leased_session& lease) : session_(lease.session()), statements_(&lease.statements()) {}

    void insert(const campaign_row& row);
    // Writes every column but id and created_at; false when no such campaign.
    bool update(const campaign_row& row);
    std::optional<campaign_row> find(const std::string& id);
    // A page in (created_at, id) order after the cursor.
    std::vector<campaign_row> list(const campaign_filter& filter, const std::optional<page_cursor>& after, int limit);
    // Active campaigns whose trigger waits for `event_name` (event and after_event triggers).
    std::vector<campaign_row> active_for_event(const std::string& event_name);
    // Active campaigns whose trigger is of `type` (attribute_date, recurring), found by the status and type index.
    std::vector<campaign_row> active_of_type(const std::string& type);
    // The event names that cancel the campaign's pending invitations (its cancel_on), replaced.
    void set_cancel_events(const std::string& campaign_id, const std::vector<std::string>& event_names);
    // Active campaigns that `event_name` cancels.
    std::vector<std::string> active_cancelled_by(const std::string& event_name);

private:
    sql_runner sql(); // through the connection's statement cache when it has one
    soci::session& session_;
    statement_cache* statements_ = nullptr;
};

} // namespace touchpoint::engine::store
