// Instance settings: one JSON document per name ("fatigue").
#pragma once

#include "engine/store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace touchpoint::engine::store {

class settings_repository {
public:
    explicit settings_repository(leased_session& lease) : session_(lease.session()) {}

    std::optional<std::string> get(const std::string& name);
    // Inserts or replaces the document.
    void put(const std::string& name, const std::string& value, std::int64_t now);

private:
    soci::session& session_;
};

} // namespace touchpoint::engine::store
