#include "engine/store/campaign_repository.hpp"

#include "engine/store/statement_cache.hpp"

#include "engine/store/nullable.hpp"

namespace touchpoint::engine::store {
using soci::into;
using soci::use;

namespace {

constexpr const char* campaign_columns =
    "SELECT id, name, survey_id, channel, status, trigger_type, trigger_event, definition, created_at, updated_at FROM campaigns ";

struct campaign_columns_into {
    campaign_row row;
    nullable_column<std::string> trigger_event;
    long long created_at = 0, updated_at = 0;

    void bind(soci::statement& statement) {
        statement.exchange(into(row.id));
        statement.exchange(into(row.name));
        statement.exchange(into(row.survey_id));
        statement.exchange(into(row.channel));
        statement.exchange(into(row.status));
        statement.exchange(into(row.trigger_type));
        statement.exchange(store::into(trigger_event));
        statement.exchange(into(row.definition));
        statement.exchange(into(created_at));
        statement.exchange(into(updated_at));
    }

    campaign_row get() const {
        auto out = row;
        out.trigger_event = trigger_event.get();
        out.created_at = created_at;
        out.updated_at = updated_at;
        return out;
    }
};

std::vector<campaign_row> run(sql_runner runner, sql_builder& sql) {
    campaign_columns_into columns;
    std::vector<campaign_row> rows;
    runner.for_each_bound(
        sql.text,
        [&](soci::statement& statement) {
            columns.bind(statement);
            sql.bind(statement);
        },
        [&] { rows.push_back(columns.get()); });
    return rows;
}

} // namespace

void campaign_repository::insert(const campaign_row& row) {
    const long long created = row.created_at, updated = row.updated_at;
    const std::string event = row.trigger_event.value_or("");
    soci::indicator event_indicator = indicator_of(row.trigger_event.has_value());
    sql().run("INSERT INTO campaigns (id, name, survey_id, channel, status, trigger_type, trigger_event, definition, "
                "created_at, updated_at) VALUES (:id, :name, :survey, :channel, :status, :type, :event, :definition, "
                ":created, :updated)",
        use(row.id), use(row.name), use(row.survey_id), use(row.channel), use(row.status), use(row.trigger_type),
        use(event, event_indicator), use(row.definition), use(created), use(updated));
}

bool campaign_repository::update(const campaign_row& row) {
    const long long updated = row.updated_at;
    const std::string event = row.trigger_event.value_or("");
    soci::indicator event_indicator = indicator_of(row.trigger_event.has_value());
    return sql().changed("UPDATE campaigns SET name = :name, survey_id = :survey, channel = :channel, status = :status, "
                             "trigger_type = :type, trigger_event = :event, definition = :definition, updated_at = :updated "
                             "WHERE id = :id",
         use(row.name), use(row.survey_id), use(row.channel), use(row.status), use(row.trigger_type),
         use(event, event_indicator), use(row.definition), use(updated), use(row.id)) == 1;
}

std::optional<campaign_row> campaign_repository::find(const std::string& id) {
    sql_builder sql;
    sql.add(std::string(campaign_columns) + "WHERE id = ").param(id);
    auto rows = run(this->sql(), sql);
    if (rows.empty()) return std::nullopt;
    return std::move(rows.front());
}

std::vector<campaign_row> campaign_repository::list(const campaign_filter& filter, const std::optional<page_cursor>& after,
                                                    int limit) {
    sql_builder sql;
    sql.add(std::string(campaign_columns) + "WHERE 1 = 1");
    if (filter.status) sql.add(" AND status = ").param(*filter.status);
    if (filter.survey_id) sql.add(" AND survey_id = ").param(*filter.survey_id);
    if (after) sql.add(" AND (created_at, id) > (").param(static_cast<long long>(after->created_at)).add(", ").param(after->id).add(")");
    sql.add(" ORDER BY created_at, id LIMIT " + std::to_string(limit));
    return run(this->sql(), sql);
}

std::vector<campaign_row> campaign_repository::active_for_event(const std::string& event_name) {
    sql_builder sql;
    sql.add(std::string(campaign_columns) + "WHERE trigger_event = ").param(event_name).add(" AND status = 'active' ORDER BY created_at, id");
    return run(this->sql(), sql);
}

std::vector<campaign_row> campaign_repository::active_of_type(const std::string& type) {
    sql_builder sql;
    sql.add(std::string(campaign_columns) + "WHERE status = 'active' AND trigger_type = ").param(type).add(" ORDER BY created_at, id");
    return run(this->sql(), sql);
}

void campaign_repository::set_cancel_events(const std::string& campaign_id, const std::vector<std::string>& event_names) {
    sql().run("DELETE FROM campaign_cancel_events WHERE campaign_id = :id", use(campaign_id));
    for (const auto& name : event_names)
        sql().run("INSERT INTO campaign_cancel_events (event_name, campaign_id) VALUES (:name, :id) ON CONFLICT DO NOTHING",
            use(name), use(campaign_id));
}

std::vector<std::string> campaign_repository::active_cancelled_by(const std::string& event_name) {
    std::string id;
    std::vector<std::string> out;
    sql().for_each([&] { out.push_back(id); },
                   "SELECT e.campaign_id FROM campaign_cancel_events e JOIN campaigns c "
                   "ON c.id = e.campaign_id WHERE e.event_name = :name AND c.status = 'active'",
                   use(event_name), into(id));
    return out;
}

sql_runner campaign_repository::sql() { return {session_, statements_}; }

} // namespace touchpoint::engine::store
