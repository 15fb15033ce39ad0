#include "engine/store/response_repository.hpp"

#include "engine/store/nullable.hpp"
#include "engine/store/sql_builder.hpp"

namespace touchpoint::engine::store {
using soci::into;
using soci::use;

namespace {

constexpr const char* response_select =
    "SELECT r.id, r.survey_id, r.survey_version, r.invitation_id, r.contact_id, c.external_id, r.channel, r.locale, "
    "r.answers, r.complete, r.created_at, r.updated_at FROM responses r LEFT JOIN contacts c ON c.id = r.contact_id ";

struct response_columns {
    response_row row;
    nullable_column<std::string> contact_id, external_id;
    int complete = 0;
    long long created = 0, updated = 0;

    void bind(soci::statement& statement) {
        statement.exchange(into(row.id));
        statement.exchange(into(row.survey_id));
        statement.exchange(into(row.survey_version));
        statement.exchange(into(row.invitation_id));
        statement.exchange(store::into(contact_id));
        statement.exchange(store::into(external_id));
        statement.exchange(into(row.channel));
        statement.exchange(into(row.locale));
        statement.exchange(into(row.answers));
        statement.exchange(into(complete));
        statement.exchange(into(created));
        statement.exchange(into(updated));
    }

    response_row get() const {
        auto out = row;
        out.contact_id = contact_id.get();
        out.contact_external_id = external_id.get();
        out.complete = complete != 0;
        out.created_at = created;
        out.updated_at = updated;
        return out;
    }
};

} // namespace

sql_builder response_repository::list_query(const response_filter& filter, const std::optional<page_cursor>& after,
                                            int limit) {
    // Only the filters given, and a keyset, so the page is one index seek. With a
    // survey: (created_at, id) on responses_survey_created. Without: the primary
    // key, since a response id begins with its creation time (the same order for
    // every response this engine wrote); a second (created_at, id) index would
    // cost every answer submission an index write.
    sql_builder sql;
    sql.add(std::string(response_select) + "WHERE 1 = 1");
    if (filter.survey_id) sql.add(" AND r.survey_id = ").param(*filter.survey_id);
    if (filter.from) sql.add(" AND r.created_at >= ").param(static_cast<long long>(*filter.from));
    if (filter.to) sql.add(" AND r.created_at < ").param(static_cast<long long>(*filter.to));
    if (!filter.survey_id) {
        if (after) sql.add(" AND r.id > ").param(after->id);
        sql.add(" ORDER BY r.id LIMIT " + std::to_string(limit));
        return sql;
    }
    if (after) sql.add(" AND (r.created_at, r.id) > (").param(static_cast<long long>(after->created_at)).add(", ").param(after->id).add(")");
    sql.add(" ORDER BY r.created_at, r.id LIMIT " + std::to_string(limit));
    return sql;
}

std::vector<response_row> response_repository::list(const response_filter& filter, const std::optional<page_cursor>& after,
                                                     int limit) {
    response_columns columns;
    auto sql = list_query(filter, after, limit);
    soci::statement statement(session_);
    columns.bind(statement);
    sql.bind(statement);
    statement.alloc();
    statement.prepare(sql.text);
    statement.define_and_bind();
    std::vector<response_row> rows;
    statement.execute(false);
    while (statement.fetch()) rows.push_back(columns.get());
    return rows;
}

std::optional<response_row> response_repository::find_by_invitation(const std::string& invitation_id) {
    response_columns columns;
    soci::statement statement(session_);
    columns.bind(statement);
    statement.exchange(use(invitation_id));
    statement.alloc();
    statement.prepare(std::string(response_select) + "WHERE r.invitation_id = :id");
    statement.define_and_bind();
    if (!statement.execute(true)) return std::nullopt;
    return columns.get();
}

std::vector<response_row> response_repository::list_by_contact(const std::string& contact_id) {
    response_columns columns;
    soci::statement statement(session_);
    columns.bind(statement);
    statement.exchange(use(contact_id));
    statement.alloc();
    statement.prepare(std::string(response_select) + "WHERE r.contact_id = :id ORDER BY r.created_at, r.id");
    statement.define_and_bind();
    std::vector<response_row> rows;
    statement.execute(false);
    while (statement.fetch()) rows.push_back(columns.get());
    return rows;
}

void response_repository::replace_answers_document(const std::string& id, const std::string& answers) {
    session_ << "UPDATE responses SET answers = :a WHERE id = :id", use(answers), use(id);
}

} // namespace touchpoint::engine::store
