// API keys, stored as SHA-256 hashes of the key.
#pragma once

#include "engine/store/database.hpp"
#include "engine/store/records.hpp"

#include <optional>

namespace touchpoint::engine::store {

class api_key_repository {
public:
    explicit api_key_repository(soci::session& session) : session_(session) {}
    explicit api_key_repository(leased_session& lease) : session_(lease.session()) {}

    void insert(const api_key_row& row);
    // Only keys not revoked.
    std::optional<api_key_row> find_by_hash(const std::string& key_hash);

private:
    soci::session& session_;
};

} // namespace touchpoint::engine::store
