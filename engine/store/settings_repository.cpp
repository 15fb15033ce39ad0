#include "engine/store/settings_repository.hpp"

#include "engine/store/statement_cache.hpp"

#include <soci/soci.h>

namespace touchpoint::engine::store {
using soci::into;
using soci::use;

std::optional<std::string> settings_repository::get(const std::string& name) {
    std::string value;
    const bool found_row = sql().run("SELECT value FROM settings WHERE name = :name", use(name), into(value));
    if (!found_row) return std::nullopt;
    return value;
}

void settings_repository::put(const std::string& name, const std::string& value, std::int64_t now) {
    const long long when = now;
    sql().run("INSERT INTO settings (name, value, updated_at) VALUES (:name, :value, :at) "
                "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        use(name), use(value), use(when));
}

sql_runner settings_repository::sql() { return {session_, statements_}; }

} // namespace touchpoint::engine::store
