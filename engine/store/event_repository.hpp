// Lifecycle events, stored once per idempotency key.
#pragma once

#include "engine/store/database.hpp"

#include <cstdint>
#include <optional>
#include <vector>
#include <string>

namespace touchpoint::engine::store {

struct event_row {
    std::string id; // the caller's idempotency key
    std::string contact_id;
    std::string name;
    std::int64_t occurred_at = 0;
    std::string properties; // a JSON object
    std::int64_t received_at = 0;
};

class event_repository {
public:
    explicit event_repository(soci::session& session) : session_(session) {}
    explicit event_repository(leased_session& lease) : session_(lease.session()), statements_(&lease.statements()) {}

    // Stores the event unless its id is taken; false when it was (the stored
    // event is then the caller's to compare).
    bool insert_new(const event_row& row);
    std::optional<event_row> find(const std::string& id);
    // When the contact first did `name` (by when it happened), if ever.
    std::optional<std::int64_t> first_occurrence(const std::string& contact_id, const std::string& name);
    // Whether the contact did one of `names` after `after` (by when it happened).
    bool happened_after(const std::string& contact_id, const std::vector<std::string>& names, std::int64_t after);
    // When the contact last did `name`, if ever.
    std::optional<std::int64_t> last_occurrence(const std::string& contact_id, const std::string& name);

private:
    sql_runner sql(); // through the connection's statement cache when it has one
    soci::session& session_;
    statement_cache* statements_ = nullptr;
};

} // namespace touchpoint::engine::store
