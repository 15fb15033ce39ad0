#include "engine/store/response_repository.hpp"

#include "engine/store/nullable.hpp"

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

std::vector<response_row> response_repository::list(const response_filter& filter, const std::optional<page_cursor>& after,
                                                     int limit) {
    response_columns columns;
    const std::string survey = filter.survey_id.value_or("");
    const long long from = filter.from.value_or(0);
    const long long to = filter.to.value_or(std::numeric_limits<long long>::max());
    const long long after_time = after ? after->created_at : -1;
    const std::string after_id = after ? after->id : "";
    soci::statement statement(session_);
    columns.bind(statement);
    statement.exchange(use(survey));
    statement.exchange(use(survey));
    statement.exchange(use(from));
    statement.exchange(use(to));
    statement.exchange(use(after_time));
    statement.exchange(use(after_time));
    statement.exchange(use(after_id));
    statement.exchange(use(limit));
    statement.alloc();
    statement.prepare(std::string(response_select) +
                      "WHERE (:s1 = '' OR r.survey_id = :s2) AND r.created_at >= :from AND r.created_at < :to "
                      "AND (r.created_at > :t1 OR (r.created_at = :t2 AND r.id > :after)) "
                      "ORDER BY r.created_at, r.id LIMIT :lim");
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
