#include "engine/store/api_key_repository.hpp"

#include <soci/soci.h>

namespace touchpoint::engine::store {
using soci::into;
using soci::use;

void api_key_repository::insert(const api_key_row& row) {
    const long long created = row.created_at;
    session_ << "INSERT INTO api_keys (id, name, scope, key_hash, created_at) VALUES (:id, :name, :scope, :hash, :created)",
        use(row.id), use(row.name), use(row.scope), use(row.key_hash), use(created);
}

std::optional<api_key_row> api_key_repository::find_by_hash(const std::string& key_hash) {
    api_key_row row;
    long long created = 0;
    session_ << "SELECT id, name, scope, key_hash, created_at FROM api_keys WHERE key_hash = :hash AND revoked_at IS NULL",
        use(key_hash), into(row.id), into(row.name), into(row.scope), into(row.key_hash), into(created);
    if (!session_.got_data()) return std::nullopt;
    row.created_at = created;
    return row;
}

} // namespace touchpoint::engine::store
