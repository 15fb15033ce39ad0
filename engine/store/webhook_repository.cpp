#include "engine/store/webhook_repository.hpp"

#include "engine/store/statement_cache.hpp"

#include "engine/store/nullable.hpp"
#include "engine/store/sql_builder.hpp"

namespace touchpoint::engine::store {
using soci::into;
using soci::use;

namespace {

constexpr const char* webhook_columns = "SELECT id, url, events, filters, description, secret, previous_secret, "
                                        "previous_secret_until, status, disabled_reason, created_at, updated_at "
                                        "FROM webhook_subscriptions ";

std::vector<webhook_row> run(soci::session& session, sql_builder& sql) {
    webhook_row row;
    nullable_column<std::string> description, previous_secret, disabled_reason;
    nullable_column<long long> previous_until;
    long long created = 0, updated = 0;
    soci::statement statement(session);
    for (auto* column : {&row.id, &row.url, &row.events, &row.filters}) statement.exchange(into(*column));
    statement.exchange(store::into(description));
    statement.exchange(into(row.secret));
    statement.exchange(store::into(previous_secret));
    statement.exchange(store::into(previous_until));
    statement.exchange(into(row.status));
    statement.exchange(store::into(disabled_reason));
    statement.exchange(into(created));
    statement.exchange(into(updated));
    sql.bind(statement);
    statement.alloc();
    statement.prepare(sql.text);
    statement.define_and_bind();
    std::vector<webhook_row> rows;
    statement.execute(false);
    while (statement.fetch()) {
        auto copy = row;
        copy.description = description.get();
        copy.previous_secret = previous_secret.get();
        copy.previous_secret_until = previous_until.get();
        copy.disabled_reason = disabled_reason.get();
        copy.created_at = created;
        copy.updated_at = updated;
        rows.push_back(std::move(copy));
    }
    return rows;
}

} // namespace

void webhook_repository::insert(const webhook_row& row) {
    std::string description = row.description.value_or("");
    soci::indicator description_indicator = indicator_of(row.description.has_value());
    const long long created = row.created_at, updated = row.updated_at;
    sql().run("INSERT INTO webhook_subscriptions (id, url, events, filters, description, secret, status, created_at, "
                "updated_at) VALUES (:id, :url, :events, :filters, :description, :secret, :status, :created, :updated)",
        use(row.id), use(row.url), use(row.events), use(row.filters), use(description, description_indicator),
        use(row.secret), use(row.status), use(created), use(updated));
}

bool webhook_repository::update(const webhook_row& row) {
    std::string description = row.description.value_or(""), previous = row.previous_secret.value_or(""),
                reason = row.disabled_reason.value_or("");
    soci::indicator description_indicator = indicator_of(row.description.has_value()),
                    previous_indicator = indicator_of(row.previous_secret.has_value()),
                    until_indicator = indicator_of(row.previous_secret_until.has_value()),
                    reason_indicator = indicator_of(row.disabled_reason.has_value());
    long long until = row.previous_secret_until.value_or(0);
    const long long updated = row.updated_at;
    return sql().changed("UPDATE webhook_subscriptions SET url = :url, events = :events, filters = :filters, "
                             "description = :description, secret = :secret, previous_secret = :previous, "
                             "previous_secret_until = :until, status = :status, disabled_reason = :reason, "
                             "updated_at = :updated WHERE id = :id",
         use(row.url), use(row.events), use(row.filters), use(description, description_indicator), use(row.secret),
         use(previous, previous_indicator), use(until, until_indicator), use(row.status), use(reason, reason_indicator),
         use(updated), use(row.id)) == 1;
}

std::optional<webhook_row> webhook_repository::find(const std::string& id) {
    sql_builder sql;
    sql.add(std::string(webhook_columns) + "WHERE id = ").param(id);
    auto rows = run(session_, sql);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

std::vector<webhook_row> webhook_repository::list(const std::optional<page_cursor>& after, int limit) {
    sql_builder sql;
    sql.add(std::string(webhook_columns) + "WHERE status <> 'deleted'");
    if (after) sql.add(" AND (created_at, id) > (").param(static_cast<long long>(after->created_at)).add(", ").param(after->id).add(")");
    sql.add(" ORDER BY created_at, id LIMIT " + std::to_string(limit));
    return run(session_, sql);
}

std::vector<webhook_row> webhook_repository::active() {
    sql_builder sql;
    sql.add(std::string(webhook_columns) + "WHERE status = 'active' ORDER BY created_at, id");
    return run(session_, sql);
}

sql_runner webhook_repository::sql() { return {session_, statements_}; }

} // namespace touchpoint::engine::store
