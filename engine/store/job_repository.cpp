#include "engine/store/job_repository.hpp"

#include "engine/store/statement_cache.hpp"

#include "engine/store/nullable.hpp"
#include "engine/store/sql_builder.hpp"

#include <algorithm>

namespace touchpoint::engine::store {
using soci::into;
using soci::use;

namespace {

constexpr const char* job_columns = "id, kind, channel, invitation_id, subscription_id, event_type, payload, "
                                    "idempotency_key, state, due_at, attempts, lease_owner, lease_until, last_error, "
                                    "created_at, updated_at";

struct job_columns_into {
    job_row row;
    nullable_column<std::string> invitation_id, subscription_id, event_type, lease_owner, last_error;
    nullable_column<long long> lease_until;
    long long due_at = 0, created_at = 0, updated_at = 0;

    void bind(soci::statement& statement) {
        statement.exchange(into(row.id));
        statement.exchange(into(row.kind));
        statement.exchange(into(row.channel));
        statement.exchange(store::into(invitation_id));
        statement.exchange(store::into(subscription_id));
        statement.exchange(store::into(event_type));
        statement.exchange(into(row.payload));
        statement.exchange(into(row.idempotency_key));
        statement.exchange(into(row.state));
        statement.exchange(into(due_at));
        statement.exchange(into(row.attempts));
        statement.exchange(store::into(lease_owner));
        statement.exchange(store::into(lease_until));
        statement.exchange(store::into(last_error));
        statement.exchange(into(created_at));
        statement.exchange(into(updated_at));
    }

    job_row get() const {
        auto out = row;
        out.invitation_id = invitation_id.get();
        out.subscription_id = subscription_id.get();
        out.event_type = event_type.get();
        out.lease_owner = lease_owner.get();
        out.lease_until = lease_until.get();
        out.last_error = last_error.get();
        out.due_at = due_at;
        out.created_at = created_at;
        out.updated_at = updated_at;
        return out;
    }
};

} // namespace

void job_repository::enqueue(const job_row& row) {
    std::string invitation = row.invitation_id.value_or(""), subscription = row.subscription_id.value_or(""),
                type = row.event_type.value_or("");
    soci::indicator invitation_indicator = indicator_of(row.invitation_id.has_value()),
                    subscription_indicator = indicator_of(row.subscription_id.has_value()),
                    type_indicator = indicator_of(row.event_type.has_value());
    const long long due = row.due_at, created = row.created_at, updated = row.updated_at;
    sql().run("INSERT INTO jobs (id, kind, channel, invitation_id, subscription_id, event_type, payload, idempotency_key, "
                "state, due_at, attempts, created_at, updated_at) VALUES (:id, :kind, :channel, :invitation, :subscription, "
                ":type, :payload, :key, :state, :due, 0, :created, :updated)",
        use(row.id), use(row.kind), use(row.channel), use(invitation, invitation_indicator),
        use(subscription, subscription_indicator), use(type, type_indicator), use(row.payload), use(row.idempotency_key),
        use(row.state), use(due), use(created), use(updated));
}

std::vector<job_row> job_repository::claim(const std::string& owner, std::int64_t now, std::int64_t lease_ms, int limit) {
    const long long at = now, until = now + lease_ms, updated = now;
    // SKIP LOCKED: rows another process is claiming right now are passed over,
    // not waited for, so workers in several processes never take one job twice.
    const std::string lock = dialect_ == dialect::postgresql ? " FOR UPDATE SKIP LOCKED" : "";
    job_columns_into columns;
    std::vector<job_row> rows;
    sql().for_each_bound(
        "UPDATE jobs SET state = 'leased', lease_owner = :owner, lease_until = :until, attempts = attempts + 1, "
        "updated_at = :updated WHERE id IN (SELECT id FROM jobs WHERE state = 'pending' AND due_at <= :now "
        "ORDER BY due_at LIMIT :limit" + lock + ") RETURNING " + job_columns,
        [&](soci::statement& statement) {
            columns.bind(statement);
            statement.exchange(use(owner));
            statement.exchange(use(until));
            statement.exchange(use(updated));
            statement.exchange(use(at));
            statement.exchange(use(limit));
        },
        [&] { rows.push_back(columns.get()); });
    std::ranges::sort(rows, {}, [](const job_row& row) { return row.due_at; });
    return rows;
}

int job_repository::reclaim_lapsed(std::int64_t now) {
    const long long at = now, updated = now;
    return static_cast<int>(sql().changed("UPDATE jobs SET state = 'pending', lease_owner = NULL, lease_until = NULL, updated_at = :updated "
                             "WHERE state = 'leased' AND lease_until < :now",
         use(updated), use(at)));
}

bool job_repository::finish(const std::string& id, const std::string& owner, std::int64_t now) {
    const long long updated = now;
    return sql().changed("UPDATE jobs SET state = 'done', lease_owner = NULL, lease_until = NULL, updated_at = :updated "
                   "WHERE id = :id AND state = 'leased' AND lease_owner = :owner",
                   use(updated), use(id), use(owner)) > 0;
}

bool job_repository::retry(const std::string& id, const std::string& owner, std::int64_t due_at, const std::string& error,
                           std::int64_t now) {
    const long long due = due_at, updated = now;
    return sql().changed("UPDATE jobs SET state = 'pending', due_at = :due, last_error = :error, lease_owner = NULL, "
                   "lease_until = NULL, updated_at = :updated WHERE id = :id AND state = 'leased' AND lease_owner = :owner",
                   use(due), use(error), use(updated), use(id), use(owner)) > 0;
}

bool job_repository::fail(const std::string& id, const std::string& owner, const std::string& error, std::int64_t now) {
    const long long updated = now;
    return sql().changed("UPDATE jobs SET state = 'failed', last_error = :error, lease_owner = NULL, lease_until = NULL, "
                   "updated_at = :updated WHERE id = :id AND state = 'leased' AND lease_owner = :owner",
                   use(error), use(updated), use(id), use(owner)) > 0;
}

bool job_repository::defer(const std::string& id, const std::string& owner, std::int64_t due_at, std::int64_t now) {
    const long long due = due_at, updated = now;
    return sql().changed("UPDATE jobs SET state = 'pending', due_at = :due, lease_owner = NULL, lease_until = NULL, "
                   "attempts = attempts - 1, updated_at = :updated WHERE id = :id AND state = 'leased' AND lease_owner = :owner",
                   use(due), use(updated), use(id), use(owner)) > 0;
}

int job_repository::release(const std::string& owner, std::int64_t now) {
    const long long due = now, updated = now;
    return static_cast<int>(sql().changed("UPDATE jobs SET state = 'pending', due_at = :due, lease_owner = NULL, lease_until = NULL, "
                             "attempts = attempts - 1, updated_at = :updated WHERE state = 'leased' AND lease_owner = :owner",
         use(due), use(updated), use(owner)));
}

int job_repository::cancel_for_invitation(const std::string& invitation_id, std::int64_t now) {
    const long long updated = now;
    return static_cast<int>(sql().changed("UPDATE jobs SET state = 'cancelled', updated_at = :updated "
                             "WHERE invitation_id = :invitation AND state = 'pending'",
         use(updated), use(invitation_id)));
}

std::optional<std::int64_t> job_repository::next_due() {
    long long due = 0;
    soci::indicator indicator = soci::i_null;
    sql().run("SELECT MIN(due_at) FROM jobs WHERE state = 'pending'", into(due, indicator));
    if (indicator != soci::i_ok) return std::nullopt;
    return due;
}

std::optional<job_row> job_repository::find(const std::string& id) {
    job_columns_into columns;
    const bool found = sql().run_bound(std::string("SELECT ") + job_columns + " FROM jobs WHERE id = :id",
                                       [&](soci::statement& statement) {
                                           columns.bind(statement);
                                           statement.exchange(use(id));
                                       });
    if (!found) return std::nullopt;
    return columns.get();
}

namespace {

// The WHERE clause a delivery filter selects, on the subscription's index.
void add_delivery_filter(sql_builder& sql, const delivery_filter& filter) {
    sql.add(" WHERE subscription_id = ").param(filter.subscription_id);
    if (filter.state) sql.add(" AND state = ").param(*filter.state);
    if (filter.event_type) sql.add(" AND event_type = ").param(*filter.event_type);
    if (filter.since) sql.add(" AND created_at >= ").param(static_cast<long long>(*filter.since));
    if (filter.until) sql.add(" AND created_at < ").param(static_cast<long long>(*filter.until));
}

} // namespace

std::vector<job_row> job_repository::deliveries(const delivery_filter& filter, const std::optional<page_cursor>& after,
                                                int limit) {
    sql_builder sql;
    sql.add(std::string("SELECT ") + job_columns + " FROM jobs");
    add_delivery_filter(sql, filter);
    if (after) sql.add(" AND (created_at, id) > (").param(static_cast<long long>(after->created_at)).add(", ").param(after->id).add(")");
    sql.add(" ORDER BY created_at, id LIMIT " + std::to_string(limit));
    job_columns_into columns;
    soci::statement statement(session_);
    columns.bind(statement);
    sql.bind(statement);
    statement.alloc();
    statement.prepare(sql.text);
    statement.define_and_bind();
    std::vector<job_row> rows;
    statement.execute(false);
    while (statement.fetch()) rows.push_back(columns.get());
    return rows;
}

bool job_repository::requeue(const std::string& id, std::int64_t now) {
    const long long due = now, updated = now;
    const std::string erased = erased_job_payload;
    return sql().changed("UPDATE jobs SET state = 'pending', due_at = :due, updated_at = :updated "
                   "WHERE id = :id AND state IN ('done', 'failed') AND payload <> :erased",
                   use(due), use(updated), use(id), use(erased)) > 0;
}

int job_repository::requeue_matching(const delivery_filter& filter, std::int64_t now) {
    sql_builder sql;
    sql.add("UPDATE jobs SET state = 'pending', due_at = ").param(static_cast<long long>(now));
    sql.add(", updated_at = ").param(static_cast<long long>(now));
    add_delivery_filter(sql, filter);
    sql.add(" AND state IN ('done', 'failed') AND payload <> ").param(std::string(erased_job_payload));
    soci::statement statement(session_);
    sql.bind(statement);
    statement.alloc();
    statement.prepare(sql.text);
    statement.define_and_bind();
    statement.execute(true);
    return static_cast<int>(statement.get_affected_rows());
}

void job_repository::retime_send(const std::string& invitation_id, std::int64_t due_at, std::int64_t now) {
    const long long due = due_at, updated = now;
    sql().run("UPDATE jobs SET due_at = :due, updated_at = :updated WHERE invitation_id = :invitation AND kind = 'send' "
                "AND state = 'pending'",
        use(due), use(updated), use(invitation_id));
}

std::vector<std::string> job_repository::cancel_for_subscription(const std::string& subscription_id, std::int64_t now) {
    std::vector<std::string> invitations;
    std::string invitation;
    soci::statement select = (session_.prepare << "SELECT DISTINCT invitation_id FROM jobs WHERE subscription_id = :subscription "
                                                  "AND state = 'pending' AND event_type = 'survey.requested'",
                              use(subscription_id), into(invitation));
    select.execute(false);
    while (select.fetch()) invitations.push_back(invitation);
    const long long updated = now;
    sql().run("UPDATE jobs SET state = 'cancelled', updated_at = :updated WHERE subscription_id = :subscription "
                "AND state = 'pending'",
        use(updated), use(subscription_id));
    return invitations;
}

message_tally job_repository::messages_of(const std::string& invitation_id) {
    message_tally tally;
    sql().run("SELECT COALESCE(SUM(CASE WHEN state IN ('pending', 'leased') THEN 1 ELSE 0 END), 0), "
                "COALESCE(SUM(CASE WHEN state = 'done' THEN 1 ELSE 0 END), 0), "
                "COALESCE(SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END), 0) "
                "FROM jobs WHERE invitation_id = :invitation AND event_type = 'survey.requested'",
        use(invitation_id), into(tally.open), into(tally.delivered), into(tally.failed));
    return tally;
}

void job_repository::record_attempt(const attempt_row& row) {
    const long long started = row.started_at, duration = row.duration_ms;
    int status = row.peer_status.value_or(0);
    soci::indicator status_indicator = indicator_of(row.peer_status.has_value());
    std::string error = row.error.value_or("");
    soci::indicator error_indicator = indicator_of(row.error.has_value());
    sql().run("INSERT INTO delivery_attempts (id, job_id, attempt, started_at, duration_ms, outcome, peer_status, error) "
                "VALUES (:id, :job, :attempt, :started, :duration, :outcome, :status, :error)",
        use(row.id), use(row.job_id), use(row.attempt), use(started), use(duration), use(row.outcome),
        use(status, status_indicator), use(error, error_indicator));
}

std::vector<attempt_row> job_repository::attempts_of(const std::string& job_id) {
    attempt_row row;
    long long started = 0, duration = 0;
    nullable_column<int> status;
    nullable_column<std::string> error;
    soci::statement statement = (session_.prepare << "SELECT id, job_id, attempt, started_at, duration_ms, outcome, "
                                                     "peer_status, error FROM delivery_attempts WHERE job_id = :job "
                                                     "ORDER BY attempt, started_at",
                                 use(job_id), into(row.id), into(row.job_id), into(row.attempt), into(started),
                                 into(duration), into(row.outcome), store::into(status), store::into(error));
    statement.execute(false);
    std::vector<attempt_row> out;
    while (statement.fetch()) {
        auto copy = row;
        copy.started_at = started;
        copy.duration_ms = duration;
        copy.peer_status = status.get();
        copy.error = error.get();
        out.push_back(std::move(copy));
    }
    return out;
}

sql_runner job_repository::sql() { return {session_, statements_}; }

} // namespace touchpoint::engine::store
