#include "engine/services/api_key_service.hpp"

#include "engine/security/crypto.hpp"
#include "engine/store/api_key_repository.hpp"
#include "engine/store/database.hpp"
#include "engine/time_format.hpp"

namespace touchpoint::engine::services {

std::optional<key_scope> parse_scope(std::string_view name) {
    if (name == "admin") return key_scope::admin;
    if (name == "ingest") return key_scope::ingest;
    return std::nullopt;
}

std::string api_key_service::create(key_scope scope, const std::string& name) {
    const auto secret = security::random_bytes(32);
    const auto key = "tp_" + std::string(scope == key_scope::admin ? "admin_" : "ingest_") + security::base64url_encode(secret);
    store::api_key_row row;
    row.id = security::new_id("key");
    row.name = name;
    row.scope = scope == key_scope::admin ? "admin" : "ingest";
    row.key_hash = security::sha256_hex(key);
    row.created_at = now_ms();
    store::leased_session lease(db_);
    store::api_key_repository(lease).insert(row);
    return key;
}

std::optional<key_scope> api_key_service::authenticate(std::string_view key) {
    if (key.empty() || key.size() > 200) return std::nullopt;
    // Keys carry 256 random bits, so a plain SHA-256 is a safe way to store them.
    const auto hash = security::sha256_hex(key);
    const auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(mutex_);
        if (auto it = cache_.find(hash); it != cache_.end() && it->second.until > now) return it->second.scope;
    }
    std::optional<store::api_key_row> row;
    {
        store::leased_session lease(db_);
        row = store::api_key_repository(lease).find_by_hash(hash);
    }
    if (!row) return std::nullopt;
    const auto scope = parse_scope(row->scope).value_or(key_scope::ingest);
    std::lock_guard lock(mutex_);
    if (cache_.size() > 10'000) cache_.clear();
    cache_[hash] = {scope, now + cache_for};
    return scope;
}

} // namespace touchpoint::engine::services
