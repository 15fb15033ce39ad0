// API keys: created once and shown once, stored as SHA-256 hashes, checked on
// every API call (with a short cache so a hot key does not cost a query each time).
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace touchpoint::engine::store {
class database;
}

namespace touchpoint::engine::services {

enum class key_scope { admin, ingest };

std::optional<key_scope> parse_scope(std::string_view name);

class api_key_service {
public:
    explicit api_key_service(store::database& db) : db_(db) {}

    // Returns the new key; only its hash is kept.
    std::string create(key_scope scope, const std::string& name);
    // The scope of a presented key, or empty when it is unknown or revoked.
    std::optional<key_scope> authenticate(std::string_view key);

private:
    struct cached {
        key_scope scope;
        std::chrono::steady_clock::time_point until;
    };
    static constexpr std::chrono::seconds cache_for{10};

    store::database& db_;
    std::mutex mutex_;
    std::map<std::string, cached, std::less<>> cache_; // by key hash
};

} // namespace touchpoint::engine::services
