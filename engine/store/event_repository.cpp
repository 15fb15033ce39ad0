#include "engine/store/event_repository.hpp"

#include <soci/soci.h>

namespace touchpoint::engine::store {
using soci::into;
using soci::use;

bool event_repository::insert_new(const event_row& row) {
    const long long occurred = row.occurred_at, received = row.received_at;
    // ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike): a concurrent insert
    // of the same id waits for the other transaction, then inserts nothing.
    soci::statement insert = (session_.prepare << "INSERT INTO events (id, contact_id, name, occurred_at, properties, received_at) "
                                                  "VALUES (:id, :contact, :name, :occurred, :properties, :received) "
                                                  "ON CONFLICT (id) DO NOTHING",
                              use(row.id), use(row.contact_id), use(row.name), use(occurred), use(row.properties),
                              use(received));
    insert.execute(true);
    return insert.get_affected_rows() == 1;
}

std::optional<event_row> event_repository::find(const std::string& id) {
    event_row row;
    long long occurred = 0, received = 0;
    session_ << "SELECT id, contact_id, name, occurred_at, properties, received_at FROM events WHERE id = :id", use(id),
        into(row.id), into(row.contact_id), into(row.name), into(occurred), into(row.properties), into(received);
    if (!session_.got_data()) return std::nullopt;
    row.occurred_at = occurred;
    row.received_at = received;
    return row;
}

std::optional<std::int64_t> event_repository::first_occurrence(const std::string& contact_id, const std::string& name) {
    long long at = 0;
    soci::indicator indicator = soci::i_null;
    session_ << "SELECT MIN(occurred_at) FROM events WHERE contact_id = :contact AND name = :name", use(contact_id),
        use(name), into(at, indicator);
    if (indicator != soci::i_ok) return std::nullopt;
    return at;
}

std::optional<std::int64_t> event_repository::last_occurrence(const std::string& contact_id, const std::string& name) {
    long long at = 0;
    soci::indicator indicator = soci::i_null;
    session_ << "SELECT MAX(occurred_at) FROM events WHERE contact_id = :contact AND name = :name", use(contact_id),
        use(name), into(at, indicator);
    if (indicator != soci::i_ok) return std::nullopt;
    return at;
}

} // namespace touchpoint::engine::store
