// API keys, stored as SHA-256 hashes of the key.
#pragma once

#include "engine/store/records.hpp"

#include <soci/session.h>

#include <optional>

namespace touchpoint::engine::store {

class api_key_repository {
public:
    explicit api_key_repository(soci::session& session) : session_(session) {}

    void insert(const api_key_row& row);
    // Only keys not revoked.
    std::optional<api_key_row> find_by_hash(const std::string& key_hash);

private:
    soci::session& session_;
};

} // namespace touchpoint::engine::store
