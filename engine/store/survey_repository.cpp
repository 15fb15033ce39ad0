#include "engine/store/survey_repository.hpp"

#include "engine/store/statement_cache.hpp"

#include "engine/store/sql_builder.hpp"

#include <soci/soci.h>

namespace touchpoint::engine::store {
using soci::into;
using soci::use;

namespace {
constexpr const char* select_survey =
    "SELECT s.id, s.name, s.kind, s.status, s.current_version, s.created_at, s.updated_at, v.definition "
    "FROM surveys s JOIN survey_versions v ON v.survey_id = s.id AND v.version = s.current_version ";
} // namespace

void survey_repository::insert(const survey_row& row) {
    sql().run("INSERT INTO surveys (id, name, kind, status, current_version, created_at, updated_at) "
                "VALUES (:id, :name, :kind, :status, :version, :created, :updated)",
        use(row.id), use(row.name), use(row.kind), use(row.status), use(row.current_version), use(row.created_at),
        use(row.updated_at));
    add_version(row.id, row.current_version, row.definition, row.created_at);
}

std::optional<survey_row> survey_repository::find(const std::string& id) {
    survey_row row;
    long long created = 0, updated = 0;
    const bool found_row = sql().run(std::string(select_survey) + "WHERE s.id = :id", use(id), into(row.id), into(row.name), into(row.kind),
        into(row.status), into(row.current_version), into(created), into(updated), into(row.definition));
    if (!found_row) return std::nullopt;
    row.created_at = created;
    row.updated_at = updated;
    return row;
}

std::optional<std::string> survey_repository::find_version_definition(const std::string& id, int version) {
    std::string definition;
    const bool found_row = sql().run("SELECT definition FROM survey_versions WHERE survey_id = :id AND version = :v", use(id), use(version),
        into(definition));
    if (!found_row) return std::nullopt;
    return definition;
}

std::vector<survey_row> survey_repository::list(const std::optional<page_cursor>& after, int limit, bool include_archived) {
    std::vector<survey_row> rows;
    survey_row row;
    long long created = 0, updated = 0;
    // A row-value keyset on surveys_created (created_at, id): each page is one seek.
    sql_builder sql;
    sql.add(std::string(select_survey) + "WHERE 1 = 1");
    if (!include_archived) sql.add(" AND s.status <> 'archived'");
    if (after) sql.add(" AND (s.created_at, s.id) > (").param(static_cast<long long>(after->created_at)).add(", ").param(after->id).add(")");
    sql.add(" ORDER BY s.created_at, s.id LIMIT " + std::to_string(limit));
    soci::statement statement(session_);
    for (auto* target : {&row.id, &row.name, &row.kind, &row.status}) statement.exchange(into(*target));
    statement.exchange(into(row.current_version));
    statement.exchange(into(created));
    statement.exchange(into(updated));
    statement.exchange(into(row.definition));
    sql.bind(statement);
    statement.alloc();
    statement.prepare(sql.text);
    statement.define_and_bind();
    statement.execute();
    while (statement.fetch()) {
        row.created_at = created;
        row.updated_at = updated;
        rows.push_back(row);
    }
    return rows;
}

void survey_repository::replace_definition(const std::string& id, int version, const std::string& definition) {
    sql().run("UPDATE survey_versions SET definition = :d WHERE survey_id = :id AND version = :v", use(definition),
        use(id), use(version));
}

void survey_repository::add_version(const std::string& id, int version, const std::string& definition, std::int64_t now) {
    const long long created = now;
    sql().run("INSERT INTO survey_versions (survey_id, version, definition, created_at) VALUES (:id, :v, :d, :t)",
        use(id), use(version), use(definition), use(created));
}

void survey_repository::update(const survey_row& row) {
    const long long updated = row.updated_at;
    sql().run("UPDATE surveys SET name = :name, kind = :kind, status = :status, current_version = :v, updated_at = :t "
                "WHERE id = :id",
        use(row.name), use(row.kind), use(row.status), use(row.current_version), use(updated), use(row.id));
}

bool survey_repository::version_has_responses(const std::string& id, int version) {
    int found = 0;
    soci::indicator indicator = soci::i_null;
    const bool found_row = sql().run("SELECT 1 FROM responses WHERE survey_id = :id AND survey_version = :v LIMIT 1", use(id), use(version),
        into(found, indicator));
    return found_row && indicator == soci::i_ok;
}

sql_runner survey_repository::sql() { return {session_, statements_}; }

} // namespace touchpoint::engine::store
