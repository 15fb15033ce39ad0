// Creating, reading, editing and archiving surveys. An edit to a version that
// has responses makes a new version; responses keep the version they answered.
#pragma once

#include "engine/services/definition_cache.hpp"
#include "engine/services/service_error.hpp"
#include "engine/store/records.hpp"

#include <boost/json/fwd.hpp>

#include <optional>
#include <vector>

namespace touchpoint::engine::store {
class database;
class leased_session;
} // namespace touchpoint::engine::store

namespace touchpoint::engine::services {

struct survey_view {
    store::survey_row row;
    definition_cache::definition_ptr definition;
};

class survey_service {
public:
    survey_service(store::database& db, definition_cache& cache) : db_(db), cache_(cache) {}

    // A full definition, or {"template":"nps","name":..,"locales":[..]}.
    outcome<survey_view> create(const boost::json::value& body);
    outcome<survey_view> get(const std::string& id);
    std::vector<survey_view> list(const std::optional<store::page_cursor>& after, int limit, bool include_archived);
    outcome<survey_view> update(const std::string& id, const boost::json::value& body);
    outcome<survey_view> archive(const std::string& id);

    // The parsed definition of one version, from the cache when it can.
    definition_cache::definition_ptr definition(const std::string& survey_id, int version, int current_version,
                                                std::int64_t updated_at);
    // The same, reading through a session the caller already holds.
    definition_cache::definition_ptr definition(store::leased_session& lease, const std::string& survey_id, int version,
                                                int current_version, std::int64_t updated_at);

private:
    survey_view view_of(store::survey_row row);

    store::database& db_;
    definition_cache& cache_;
};

} // namespace touchpoint::engine::services
