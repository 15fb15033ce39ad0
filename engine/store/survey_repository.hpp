// Surveys and their immutable-once-answered versions.
#pragma once

#include "engine/store/database.hpp"
#include "engine/store/records.hpp"

#include <optional>
#include <vector>

namespace touchpoint::engine::store {

class survey_repository {
public:
    explicit survey_repository(soci::session& session) : session_(session) {}
    explicit survey_repository(leased_session& lease) : session_(lease.session()), statements_(&lease.statements()) {}

    // Inserts the survey and its first version.
    void insert(const survey_row& row);
    std::optional<survey_row> find(const std::string& id);
    std::optional<std::string> find_version_definition(const std::string& id, int version);
    // Newest first is what a marketer wants, but keyset paging is by creation order.
    std::vector<survey_row> list(const std::optional<page_cursor>& after, int limit, bool include_archived);
    void replace_definition(const std::string& id, int version, const std::string& definition);
    void add_version(const std::string& id, int version, const std::string& definition, std::int64_t now);
    // Writes name, kind, status, current_version and updated_at.
    void update(const survey_row& row);
    bool version_has_responses(const std::string& id, int version);

private:
    sql_runner sql(); // through the connection's statement cache when it has one
    soci::session& session_;
    statement_cache* statements_ = nullptr;
};

} // namespace touchpoint::engine::store
