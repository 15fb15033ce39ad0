// Reading responses; writing goes through the response_writer's group commit.
#pragma once

#include "engine/store/database.hpp"
#include "engine/store/records.hpp"
#include "engine/store/sql_builder.hpp"

#include <optional>
#include <vector>

namespace touchpoint::engine::store {

struct response_filter {
    std::optional<std::string> survey_id;
    std::optional<std::int64_t> from; // created_at >= from
    std::optional<std::int64_t> to;   // created_at < to
};

class response_repository {
public:
    explicit response_repository(soci::session& session) : session_(session) {}
    explicit response_repository(leased_session& lease) : session_(lease.session()) {}

    // A page in (created_at, id) order after the cursor.
    std::vector<response_row> list(const response_filter& filter, const std::optional<page_cursor>& after, int limit);
    // The statement list() runs, for checking its plan.
    static sql_builder list_query(const response_filter& filter, const std::optional<page_cursor>& after, int limit);
    std::optional<response_row> find_by_invitation(const std::string& invitation_id);
    std::vector<response_row> list_by_contact(const std::string& contact_id);
    void replace_answers_document(const std::string& id, const std::string& answers);

private:
    soci::session& session_;
};

} // namespace touchpoint::engine::store
