// Webhook subscriptions: target, event types, filters and signing secrets.
#pragma once

#include "engine/store/database.hpp"
#include "engine/store/records.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint::engine::store {

struct webhook_row {
    std::string id;
    std::string url;
    std::string events;  // JSON array of event types
    std::string filters; // JSON object: survey_id, campaign_id, band
    std::optional<std::string> description;
    std::string secret; // "whsec_…"
    std::optional<std::string> previous_secret;
    std::optional<std::int64_t> previous_secret_until;
    std::string status; // active | disabled | deleted
    std::optional<std::string> disabled_reason;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
};

class webhook_repository {
public:
    explicit webhook_repository(leased_session& lease) : session_(lease.session()), statements_(&lease.statements()) {}

    void insert(const webhook_row& row);
    // Writes every column but id and created_at; false when no such subscription.
    bool update(const webhook_row& row);
    std::optional<webhook_row> find(const std::string& id);
    // Not deleted, in (created_at, id) order after the cursor.
    std::vector<webhook_row> list(const std::optional<page_cursor>& after, int limit);
    // Every active subscription (a small table: read whole, then cached).
    std::vector<webhook_row> active();

private:
    sql_runner sql(); // through the connection's statement cache when it has one
    soci::session& session_;
    statement_cache* statements_ = nullptr;
};

} // namespace touchpoint::engine::store
