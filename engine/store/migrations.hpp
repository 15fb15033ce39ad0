// Numbered schema migrations, applied in order at start and by `touchpoint migrate`.
#pragma once

#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace touchpoint::engine::store {

class database;

struct migration {
    int version;
    std::string name;
    std::string sql;
};

const std::vector<migration>& all_migrations();

// Applies every migration not yet recorded in schema_migrations, each in its own
// transaction; returns how many were applied. Safe to run from several processes.
// `up_to_version` stops after that version: a test of a migration's backfill
// starts from the schema before it.
int migrate(database& db, const std::function<void(const migration&)>& on_apply = {},
            int up_to_version = std::numeric_limits<int>::max());

} // namespace touchpoint::engine::store
