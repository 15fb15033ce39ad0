// Instance settings: one JSON document per name ("fatigue").
#pragma once

#include "engine/store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace touchpoint::engine::store {

class settings_repository {
public:
    explicit settings_repository(leased_session& lease) : session_(lease.session()), statements_(&lease.statements()) {}

    std::optional<std::string> get(const std::string& name);
    // Inserts or replaces the document.
    void put(const std::string& name, const std::string& value, std::int64_t now);

private:
    sql_runner sql(); // through the connection's statement cache when it has one
    soci::session& session_;
    statement_cache* statements_ = nullptr;
};

} // namespace touchpoint::engine::store
