#include "engine/store/database.hpp"
#include "engine/store/migrations.hpp"

#include <soci/soci.h>

#include <chrono>

namespace touchpoint::engine::store {
namespace {

// Statements in a migration file end with ";" at the end of a line; comment
// lines are dropped. The files hold no semicolons inside string literals.
std::vector<std::string> split_statements(const std::string& sql) {
    std::vector<std::string> statements;
    std::string current;
    std::size_t pos = 0;
    while (pos < sql.size()) {
        auto end = sql.find('\n', pos);
        if (end == std::string::npos) end = sql.size();
        std::string line = sql.substr(pos, end - pos);
        pos = end + 1;
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line.compare(first, 2, "--") == 0) continue;
        current += line + "\n";
        const auto last = line.find_last_not_of(" \t\r");
        if (line[last] == ';') {
            statements.push_back(current);
            current.clear();
        }
    }
    if (current.find_first_not_of(" \t\r\n") != std::string::npos) statements.push_back(current);
    return statements;
}

bool is_applied(soci::session& session, int version) {
    int count = 0;
    session << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(version), soci::into(count);
    return count > 0;
}

} // namespace

int migrate(database& db, const std::function<void(const migration&)>& on_apply, int up_to_version) {
    soci::session session(db.pool());
    session << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
    int applied = 0;
    for (const auto& m : all_migrations()) {
        if (m.version > up_to_version) break;
        write_transaction transaction(db, session);
        // Several engine processes may start at once on one PostgreSQL: one migrates,
        // the others wait here and then find the work done.
        if (db.kind() == dialect::postgresql) session << "SELECT pg_advisory_xact_lock(7316001)";
        if (is_applied(session, m.version)) continue;
        if (on_apply) on_apply(m);
        for (const auto& statement : split_statements(m.sql)) session << statement;
        const long long now = std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::system_clock::now().time_since_epoch()).count();
        session << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)",
            soci::use(m.version), soci::use(m.name), soci::use(now);
        transaction.commit();
        ++applied;
    }
    return applied;
}

} // namespace touchpoint::engine::store
