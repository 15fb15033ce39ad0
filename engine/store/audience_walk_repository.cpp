#include "engine/store/audience_walk_repository.hpp"

#include "engine/store/nullable.hpp"

namespace touchpoint::engine::store {
using soci::into;
using soci::use;

namespace {

constexpr const char* walk_columns = "SELECT id, campaign_id, kind, status, after_contact, contacts_seen, scheduled, skipped, "
                                     "started_at, updated_at, finished_at FROM audience_walks ";

std::optional<audience_walk_row> read_one(soci::session& session, const std::string& where, const std::string& a,
                                          const std::string& b = "") {
    audience_walk_row row;
    long long seen = 0, scheduled = 0, skipped = 0, started = 0, updated = 0;
    nullable_column<long long> finished;
    soci::statement statement(session);
    statement.exchange(into(row.id));
    statement.exchange(into(row.campaign_id));
    statement.exchange(into(row.kind));
    statement.exchange(into(row.status));
    statement.exchange(into(row.after_contact));
    statement.exchange(into(seen));
    statement.exchange(into(scheduled));
    statement.exchange(into(skipped));
    statement.exchange(into(started));
    statement.exchange(into(updated));
    statement.exchange(store::into(finished));
    statement.exchange(use(a));
    if (!b.empty()) statement.exchange(use(b));
    statement.alloc();
    statement.prepare(walk_columns + where);
    statement.define_and_bind();
    if (!statement.execute(true)) return std::nullopt;
    row.contacts_seen = seen;
    row.scheduled = scheduled;
    row.skipped = skipped;
    row.started_at = started;
    row.updated_at = updated;
    row.finished_at = finished.get();
    return row;
}

} // namespace

bool audience_walk_repository::start(const audience_walk_row& row) {
    const long long started = row.started_at, updated = row.updated_at;
    // The partial unique index on running walks refuses a second one; DO NOTHING
    // turns that into "not started" on SQLite and PostgreSQL alike.
    soci::statement insert =
        (session_.prepare << "INSERT INTO audience_walks (id, campaign_id, kind, status, after_contact, started_at, updated_at) "
                             "VALUES (:id, :campaign, :kind, 'running', :after, :started, :updated) ON CONFLICT DO NOTHING",
         use(row.id), use(row.campaign_id), use(row.kind), use(row.after_contact), use(started), use(updated));
    insert.execute(true);
    return insert.get_affected_rows() == 1;
}

std::optional<audience_walk_row> audience_walk_repository::find(const std::string& id) {
    return read_one(session_, "WHERE id = :id", id);
}

std::optional<audience_walk_row> audience_walk_repository::latest(const std::string& campaign_id, const std::string& kind) {
    return read_one(session_, "WHERE campaign_id = :campaign AND kind = :kind ORDER BY started_at DESC, id DESC LIMIT 1",
                    campaign_id, kind);
}

std::optional<audience_walk_row> audience_walk_repository::claim_page(const std::string& id, const std::string& after_contact,
                                                                      std::int64_t now) {
    const long long updated = now;
    // The row lock this takes makes a second worker holding the same page wait,
    // then find the cursor moved.
    soci::statement claim = (session_.prepare << "UPDATE audience_walks SET updated_at = :updated WHERE id = :id AND "
                                                 "status = 'running' AND after_contact = :after",
                             use(updated), use(id), use(after_contact));
    claim.execute(true);
    if (claim.get_affected_rows() != 1) return std::nullopt;
    return find(id);
}

void audience_walk_repository::advance(const std::string& id, const std::string& after_contact, std::int64_t seen,
                                       std::int64_t scheduled, std::int64_t skipped, std::int64_t now) {
    const long long more_seen = seen, more_scheduled = scheduled, more_skipped = skipped, updated = now;
    session_ << "UPDATE audience_walks SET after_contact = :after, contacts_seen = contacts_seen + :seen, "
                "scheduled = scheduled + :scheduled, skipped = skipped + :skipped, updated_at = :updated WHERE id = :id",
        use(after_contact), use(more_seen), use(more_scheduled), use(more_skipped), use(updated), use(id);
}

bool audience_walk_repository::finish(const std::string& id, const std::string& status, std::int64_t now) {
    const long long at = now;
    soci::statement statement = (session_.prepare << "UPDATE audience_walks SET status = :status, finished_at = :finished, "
                                                     "updated_at = :updated WHERE id = :id AND status = 'running'",
                                 use(status), use(at), use(at), use(id));
    statement.execute(true);
    return statement.get_affected_rows() == 1;
}

std::optional<std::string> audience_walk_repository::stop_running(const std::string& campaign_id, std::int64_t now) {
    auto running = read_one(session_, "WHERE campaign_id = :campaign AND status = 'running'", campaign_id);
    if (!running || !finish(running->id, "stopped", now)) return std::nullopt;
    return running->id;
}

std::optional<audience_walk_row> audience_walk_repository::restart_stopped(const std::string& campaign_id,
                                                                           const std::string& kind, std::int64_t now) {
    auto walk = latest(campaign_id, kind);
    if (!walk || walk->status != "stopped") return std::nullopt;
    const long long updated = now;
    soci::statement statement =
        (session_.prepare << "UPDATE audience_walks SET status = 'running', finished_at = NULL, updated_at = :updated "
                             "WHERE id = :id AND status = 'stopped' AND NOT EXISTS (SELECT 1 FROM audience_walks o "
                             "WHERE o.campaign_id = :campaign AND o.status = 'running')",
         use(updated), use(walk->id), use(campaign_id));
    statement.execute(true);
    if (statement.get_affected_rows() != 1) return std::nullopt;
    return find(walk->id);
}

} // namespace touchpoint::engine::store
