#include "engine/store/timeline_repository.hpp"

#include "engine/store/nullable.hpp"

namespace touchpoint::engine::store {
using soci::into;
using soci::use;

std::vector<event_row> timeline_repository::latest_events(const std::string& contact_id, int limit) {
    event_row row;
    long long occurred = 0, received = 0;
    // The events_contact index holds (contact_id, name, occurred_at): the contact's rows are one seek.
    soci::statement statement = (session_.prepare << "SELECT id, name, occurred_at, properties, received_at FROM events "
                                                     "WHERE contact_id = :contact ORDER BY occurred_at DESC, id LIMIT :limit",
                                 use(contact_id), use(limit), into(row.id), into(row.name), into(occurred),
                                 into(row.properties), into(received));
    statement.execute(false);
    std::vector<event_row> out;
    while (statement.fetch()) {
        auto copy = row;
        copy.contact_id = contact_id;
        copy.occurred_at = occurred;
        copy.received_at = received;
        out.push_back(std::move(copy));
    }
    return out;
}

std::vector<contact_attempt> timeline_repository::latest_attempts(const std::string& contact_id, int limit) {
    contact_attempt row;
    long long started = 0, duration = 0;
    nullable_column<std::string> event_type, error;
    nullable_column<int> status;
    // invitations_contact, then jobs_invitation, then delivery_attempts_job: seeks all the way.
    soci::statement statement =
        (session_.prepare << "SELECT a.job_id, j.kind, j.event_type, j.invitation_id, a.attempt, a.started_at, a.duration_ms, "
                             "a.outcome, a.peer_status, a.error FROM invitations i JOIN jobs j ON j.invitation_id = i.id "
                             "JOIN delivery_attempts a ON a.job_id = j.id WHERE i.contact_id = :contact "
                             "ORDER BY a.started_at DESC, a.id LIMIT :limit",
         use(contact_id), use(limit), into(row.job_id), into(row.kind), store::into(event_type), into(row.invitation_id),
         into(row.attempt), into(started), into(duration), into(row.outcome), store::into(status), store::into(error));
    statement.execute(false);
    std::vector<contact_attempt> out;
    while (statement.fetch()) {
        auto copy = row;
        copy.event_type = event_type.get();
        copy.started_at = started;
        copy.duration_ms = duration;
        copy.peer_status = status.get();
        copy.error = error.get();
        out.push_back(std::move(copy));
    }
    return out;
}

} // namespace touchpoint::engine::store
