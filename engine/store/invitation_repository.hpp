// Invitations: one per survey sent to (or shown to) one contact.
#pragma once

#include "engine/store/database.hpp"
#include "engine/store/records.hpp"
#include "engine/store/sql_builder.hpp"

#include <optional>
#include <vector>

namespace touchpoint::engine::store {

struct invitation_filter {
    std::optional<std::string> survey_id;
    std::optional<std::string> contact_id;
    std::optional<std::string> status;
    std::optional<std::string> campaign_id;
};

class invitation_repository {
public:
    explicit invitation_repository(soci::session& session) : session_(session) {}
    explicit invitation_repository(leased_session& lease) : session_(lease.session()) {}

    void insert(const invitation_row& row);
    std::optional<invitation_row> find(const std::string& id);
    // A page in (created_at, id) order after the cursor.
    std::vector<invitation_row> list(const invitation_filter& filter, const std::optional<page_cursor>& after, int limit);
    // The statement list() runs, for checking its plan.
    static sql_builder list_query(const invitation_filter& filter, const std::optional<page_cursor>& after, int limit);
    // First opening only; later views keep the first time.
    void mark_opened(const std::string& id, std::int64_t now);

private:
    soci::session& session_;
};

class leased_session;

// Everything answering needs, in one query: run for every answer submitted, so it
// uses the statement prepared on the leased connection.
std::optional<invitation_context> find_invitation_context(leased_session& session, const std::string& invitation_id);

} // namespace touchpoint::engine::store
