#include "engine/store/invitation_repository.hpp"

#include "engine/store/database.hpp"
#include "engine/store/nullable.hpp"

namespace touchpoint::engine::store {
using soci::into;
using soci::use;

namespace {

// The status and answer time follow from the invitation's response, if any.
constexpr const char* invitation_columns =
    "i.id, i.survey_id, i.contact_id, i.channel, i.campaign_id, "
    "CASE WHEN r.id IS NOT NULL THEN 'responded' WHEN i.opened_at IS NOT NULL THEN 'opened' ELSE 'created' END, "
    "i.expires_at, i.created_at, i.opened_at, r.created_at ";
constexpr const char* invitation_tables = "FROM invitations i LEFT JOIN responses r ON r.invitation_id = i.id ";

struct invitation_columns_into {
    invitation_row row;
    nullable_column<std::string> contact_id, campaign_id;
    nullable_column<long long> expires_at, opened_at, responded_at;
    long long created_at = 0;

    template <class Statement>
    void bind(Statement& statement) {
        statement.exchange(into(row.id));
        statement.exchange(into(row.survey_id));
        statement.exchange(store::into(contact_id));
        statement.exchange(into(row.channel));
        statement.exchange(store::into(campaign_id));
        statement.exchange(into(row.status));
        statement.exchange(store::into(expires_at));
        statement.exchange(into(created_at));
        statement.exchange(store::into(opened_at));
        statement.exchange(store::into(responded_at));
    }

    invitation_row get() const {
        auto out = row;
        out.contact_id = contact_id.get();
        out.campaign_id = campaign_id.get();
        out.expires_at = expires_at.get();
        out.created_at = created_at;
        out.opened_at = opened_at.get();
        out.responded_at = responded_at.get();
        return out;
    }
};

// Prepared once per pooled connection; binds its own variables.
struct invitation_context_query {
    explicit invitation_context_query(soci::session& session) : statement(session) {
        columns.bind(statement);
        statement.exchange(into(context.survey_status));
        statement.exchange(into(context.survey_current_version));
        statement.exchange(into(survey_updated));
        statement.exchange(store::into(external_id));
        statement.exchange(store::into(locale));
        statement.exchange(store::into(response_id));
        statement.exchange(store::into(response_version));
        statement.exchange(store::into(answers));
        statement.exchange(use(id));
        statement.alloc();
        statement.prepare(std::string("SELECT ") + invitation_columns +
                          ", s.status, s.current_version, s.updated_at, c.external_id, c.locale, r.id, r.survey_version, "
                          "r.answers " +
                          invitation_tables +
                          "JOIN surveys s ON s.id = i.survey_id LEFT JOIN contacts c ON c.id = i.contact_id "
                          "WHERE i.id = :id");
        statement.define_and_bind();
    }

    std::optional<invitation_context> run(const std::string& invitation_id) {
        id = invitation_id;
        if (!statement.execute(true)) return std::nullopt;
        // Step to the end (the id is unique, so nothing more comes): a statement
        // left on a row would keep this connection's read snapshot open.
        while (statement.fetch()) {}
        invitation_context out = context;
        out.invitation = columns.get();
        out.survey_updated_at = survey_updated;
        out.contact_external_id = external_id.get();
        out.contact_locale = locale.get();
        out.response_id = response_id.get();
        out.response_version = response_version.get();
        out.response_answers = answers.get();
        out.response_created_at = out.invitation.responded_at;
        return out;
    }

    std::string id;
    invitation_columns_into columns;
    invitation_context context;
    long long survey_updated = 0;
    nullable_column<std::string> external_id, locale, response_id, answers;
    nullable_column<int> response_version;
    soci::statement statement;
};

} // namespace

std::optional<invitation_context> find_invitation_context(leased_session& session, const std::string& invitation_id) {
    return session.prepared<invitation_context_query>().run(invitation_id);
}

void invitation_repository::insert(const invitation_row& row) {
    std::string contact = row.contact_id.value_or("");
    soci::indicator contact_indicator = indicator_of(row.contact_id.has_value());
    long long expires = row.expires_at.value_or(0);
    soci::indicator expires_indicator = indicator_of(row.expires_at.has_value());
    const long long created = row.created_at;
    std::string campaign = row.campaign_id.value_or("");
    soci::indicator campaign_indicator = indicator_of(row.campaign_id.has_value());
    session_ << "INSERT INTO invitations (id, survey_id, contact_id, channel, campaign_id, expires_at, created_at) "
                "VALUES (:id, :survey, :contact, :channel, :campaign, :expires, :created)",
        use(row.id), use(row.survey_id), use(contact, contact_indicator), use(row.channel),
        use(campaign, campaign_indicator), use(expires, expires_indicator), use(created);
}

std::optional<invitation_row> invitation_repository::find(const std::string& id) {
    invitation_columns_into columns;
    soci::statement statement(session_);
    columns.bind(statement);
    statement.exchange(use(id));
    statement.alloc();
    statement.prepare(std::string("SELECT ") + invitation_columns + invitation_tables + "WHERE i.id = :id");
    statement.define_and_bind();
    if (!statement.execute(true)) return std::nullopt;
    return columns.get();
}

std::vector<invitation_row> invitation_repository::list(const invitation_filter& filter,
                                                        const std::optional<page_cursor>& after, int limit) {
    invitation_columns_into columns;
    const long long after_time = after ? after->created_at : -1;
    const std::string after_id = after ? after->id : "";
    const std::string survey = filter.survey_id.value_or(""), contact = filter.contact_id.value_or(""),
                      campaign = filter.campaign_id.value_or(""), status = filter.status.value_or("");
    soci::statement statement(session_);
    columns.bind(statement);
    // Placeholders are bound by position, so each appears once.
    for (const auto* value : {&survey, &survey, &contact, &contact, &campaign, &campaign, &status, &status}) statement.exchange(use(*value));
    statement.exchange(use(after_time));
    statement.exchange(use(after_time));
    statement.exchange(use(after_id));
    statement.exchange(use(limit));
    statement.alloc();
    statement.prepare(std::string("SELECT ") + invitation_columns + invitation_tables +
                      "WHERE (:s1 = '' OR i.survey_id = :s2) AND (:c1 = '' OR i.contact_id = :c2) "
                      "AND (:cp1 = '' OR i.campaign_id = :cp2) "
                      "AND (:st1 = '' OR (CASE WHEN r.id IS NOT NULL THEN 'responded' WHEN i.opened_at IS NOT NULL "
                      "THEN 'opened' ELSE 'created' END) = :st2) "
                      "AND (i.created_at > :t1 OR (i.created_at = :t2 AND i.id > :after)) "
                      "ORDER BY i.created_at, i.id LIMIT :lim");
    statement.define_and_bind();
    std::vector<invitation_row> rows;
    statement.execute(false);
    while (statement.fetch()) rows.push_back(columns.get());
    return rows;
}

void invitation_repository::mark_opened(const std::string& id, std::int64_t now) {
    const long long when = now;
    session_ << "UPDATE invitations SET opened_at = :t WHERE id = :id AND opened_at IS NULL",
        use(when), use(id);
}

} // namespace touchpoint::engine::store
