#include "engine/store/event_repository.hpp"

#include "engine/store/statement_cache.hpp"

#include "engine/store/sql_builder.hpp"

#include <soci/soci.h>

namespace touchpoint::engine::store {
using soci::into;
using soci::use;

bool event_repository::insert_new(const event_row& row) {
    const long long occurred = row.occurred_at, received = row.received_at;
    // ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike): a concurrent insert
    // of the same id waits for the other transaction, then inserts nothing.
    return sql().changed("INSERT INTO events (id, contact_id, name, occurred_at, properties, received_at) "
                                                  "VALUES (:id, :contact, :name, :occurred, :properties, :received) "
                                                  "ON CONFLICT (id) DO NOTHING",
                              use(row.id), use(row.contact_id), use(row.name), use(occurred), use(row.properties),
                              use(received)) == 1;
}

std::optional<event_row> event_repository::find(const std::string& id) {
    event_row row;
    long long occurred = 0, received = 0;
    const bool found_row = sql().run("SELECT id, contact_id, name, occurred_at, properties, received_at FROM events WHERE id = :id", use(id),
        into(row.id), into(row.contact_id), into(row.name), into(occurred), into(row.properties), into(received));
    if (!found_row) return std::nullopt;
    row.occurred_at = occurred;
    row.received_at = received;
    return row;
}

std::optional<std::int64_t> event_repository::first_occurrence(const std::string& contact_id, const std::string& name) {
    long long at = 0;
    soci::indicator indicator = soci::i_null;
    sql().run("SELECT MIN(occurred_at) FROM events WHERE contact_id = :contact AND name = :name", use(contact_id),
        use(name), into(at, indicator));
    if (indicator != soci::i_ok) return std::nullopt;
    return at;
}

bool event_repository::happened_after(const std::string& contact_id, const std::vector<std::string>& names,
                                      std::int64_t after) {
    if (names.empty()) return false;
    // One seek per name on events_contact (contact_id, name, occurred_at).
    sql_builder sql;
    sql.add("SELECT COUNT(*) FROM (SELECT 1 FROM events WHERE contact_id = ").param(contact_id).add(" AND name IN (");
    for (std::size_t i = 0; i < names.size(); ++i) sql.add(i ? ", " : "").param(names[i]);
    sql.add(") AND occurred_at > ").param(static_cast<long long>(after)).add(" LIMIT 1) found");
    long long found = 0;
    soci::statement statement(session_);
    statement.exchange(into(found));
    sql.bind(statement);
    statement.alloc();
    statement.prepare(sql.text);
    statement.define_and_bind();
    statement.execute(true);
    return found > 0;
}

std::optional<std::int64_t> event_repository::last_occurrence(const std::string& contact_id, const std::string& name) {
    long long at = 0;
    soci::indicator indicator = soci::i_null;
    sql().run("SELECT MAX(occurred_at) FROM events WHERE contact_id = :contact AND name = :name", use(contact_id),
        use(name), into(at, indicator));
    if (indicator != soci::i_ok) return std::nullopt;
    return at;
}

sql_runner event_repository::sql() { return {session_, statements_}; }

} // namespace touchpoint::engine::store
