#include "engine/store/invitation_repository.hpp"

#include "engine/store/statement_cache.hpp"

#include "engine/store/database.hpp"
#include "engine/store/nullable.hpp"
#include "engine/store/sql_builder.hpp"

#include <array>

namespace touchpoint::engine::store {
using soci::into;
using soci::use;

namespace {

// The status: an ending (skipped, cancelled, failed, expired) as the delivery
// state records it; else what the respondent did (responded, opened); else how
// far delivery got (scheduled, sent, delivered); else created, for invitations
// made directly. The answer time follows from the invitation's response, if any.
constexpr const char* invitation_status =
    "CASE WHEN i.state IN ('skipped', 'cancelled', 'failed', 'expired') THEN i.state "
    "WHEN i.reason IS NOT NULL THEN 'cancelled' WHEN r.id IS NOT NULL THEN 'responded' "
    "WHEN i.opened_at IS NOT NULL THEN 'opened' WHEN i.state IS NOT NULL THEN i.state ELSE 'created' END";
const std::string invitation_columns = std::string("i.id, i.survey_id, i.contact_id, i.channel, i.campaign_id, ") +
                                       invitation_status +
                                       ", i.expires_at, i.created_at, i.opened_at, r.created_at, i.reason, i.due_at, i.sent_at, "
                                       "i.delivered_at, i.attempts ";
constexpr const char* invitation_tables = "FROM invitations i LEFT JOIN responses r ON r.invitation_id = i.id ";

struct invitation_columns_into {
    invitation_row row;
    nullable_column<std::string> contact_id, campaign_id, reason;
    nullable_column<long long> expires_at, opened_at, responded_at, due_at, sent_at, delivered_at;
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
        statement.exchange(store::into(reason));
        statement.exchange(store::into(due_at));
        statement.exchange(store::into(sent_at));
        statement.exchange(store::into(delivered_at));
        statement.exchange(into(row.attempts));
    }

    invitation_row get() const {
        auto out = row;
        out.contact_id = contact_id.get();
        out.campaign_id = campaign_id.get();
        out.expires_at = expires_at.get();
        out.created_at = created_at;
        out.opened_at = opened_at.get();
        out.responded_at = responded_at.get();
        out.reason = reason.get();
        out.due_at = due_at.get();
        out.sent_at = sent_at.get();
        out.delivered_at = delivered_at.get();
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
        statement.exchange(store::into(complete));
        statement.exchange(use(id));
        statement.alloc();
        statement.prepare(std::string("SELECT ") + invitation_columns +
                          ", s.status, s.current_version, s.updated_at, c.external_id, c.locale, r.id, r.survey_version, "
                          "r.answers, r.complete " +
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
        out.response_complete = complete.get().value_or(0) != 0;
        out.response_created_at = out.invitation.responded_at;
        return out;
    }

    std::string id;
    invitation_columns_into columns;
    invitation_context context;
    long long survey_updated = 0;
    nullable_column<std::string> external_id, locale, response_id, answers;
    nullable_column<int> response_version, complete;
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
    sql().run("INSERT INTO invitations (id, survey_id, contact_id, channel, campaign_id, expires_at, created_at) "
                "VALUES (:id, :survey, :contact, :channel, :campaign, :expires, :created)",
        use(row.id), use(row.survey_id), use(contact, contact_indicator), use(row.channel),
        use(campaign, campaign_indicator), use(expires, expires_indicator), use(created));
}

std::optional<invitation_row> invitation_repository::find(const std::string& id) {
    invitation_columns_into columns;
    static const std::string query = std::string("SELECT ") + invitation_columns + invitation_tables + "WHERE i.id = :id";
    const bool found = sql().run_bound(query, [&](soci::statement& statement) {
        columns.bind(statement);
        statement.exchange(use(id));
    });
    if (!found) return std::nullopt;
    return columns.get();
}

sql_builder invitation_repository::list_query(const invitation_filter& filter, const std::optional<page_cursor>& after,
                                              int limit) {
    // Only the filters given, and a row-value keyset: each filter has an index
    // that ends in (created_at, id), so the page is one seek. The status is
    // derived, so it filters the rows the seek reads.
    sql_builder sql;
    sql.add(std::string("SELECT ") + invitation_columns + invitation_tables + "WHERE 1 = 1");
    if (filter.survey_id) sql.add(" AND i.survey_id = ").param(*filter.survey_id);
    if (filter.contact_id) sql.add(" AND i.contact_id = ").param(*filter.contact_id);
    if (filter.campaign_id) sql.add(" AND i.campaign_id = ").param(*filter.campaign_id);
    if (filter.status) sql.add(std::string(" AND ") + invitation_status + " = ").param(*filter.status);
    if (after) sql.add(" AND (i.created_at, i.id) > (").param(static_cast<long long>(after->created_at)).add(", ").param(after->id).add(")");
    sql.add(" ORDER BY i.created_at, i.id LIMIT " + std::to_string(limit));
    return sql;
}

std::vector<invitation_row> invitation_repository::list(const invitation_filter& filter,
                                                        const std::optional<page_cursor>& after, int limit) {
    invitation_columns_into columns;
    auto sql = list_query(filter, after, limit);
    std::vector<invitation_row> rows;
    this->sql().for_each_bound(
        sql.text,
        [&](soci::statement& statement) {
            columns.bind(statement);
            sql.bind(statement);
        },
        [&] { rows.push_back(columns.get()); });
    return rows;
}

bool invitation_repository::insert_campaign_invitation(const invitation_row& row, const campaign_delivery& delivery) {
    std::string contact = row.contact_id.value_or(""), campaign = row.campaign_id.value_or(""),
                reason = delivery.reason.value_or("");
    soci::indicator contact_indicator = indicator_of(row.contact_id.has_value()),
                    campaign_indicator = indicator_of(row.campaign_id.has_value()),
                    reason_indicator = indicator_of(delivery.reason.has_value());
    long long expires = row.expires_at.value_or(0);
    soci::indicator expires_indicator = indicator_of(row.expires_at.has_value());
    const long long created = row.created_at, due = delivery.due_at, triggered = delivery.triggered_at;
    // NULL keys sort first and then by rowid: they append to the unique index
    // instead of landing on a random leaf as a key would.
    soci::indicator key_indicator = indicator_of(!delivery.trigger_key.empty());
    return sql().changed("INSERT INTO invitations (id, survey_id, contact_id, channel, campaign_id, expires_at, "
                             "created_at, state, reason, due_at, trigger_key, triggered_at) VALUES (:id, :survey, :contact, "
                             ":channel, :campaign, :expires, :created, :state, :reason, :due, :key, :triggered) "
                             "ON CONFLICT (trigger_key) DO NOTHING",
         use(row.id), use(row.survey_id), use(contact, contact_indicator), use(row.channel),
         use(campaign, campaign_indicator), use(expires, expires_indicator), use(created), use(delivery.state),
         use(reason, reason_indicator), use(due), use(delivery.trigger_key, key_indicator), use(triggered)) == 1;
}

std::vector<std::pair<std::int64_t, std::string>> invitation_repository::survey_history(const std::string& contact_id,
                                                                                      const std::string& except) {
    long long at = 0;
    std::string campaign;
    static const std::string query = std::string("SELECT ") + fatigue_time_sql +
                                     ", COALESCE(campaign_id, '') FROM invitations WHERE contact_id = :contact AND " +
                                     counts_for_fatigue_sql + " AND id <> :except";
    std::vector<std::pair<std::int64_t, std::string>> out;
    sql().for_each([&] { out.emplace_back(at, campaign); }, query, use(contact_id), use(except), into(at), into(campaign));
    return out;
}

std::vector<std::string> invitation_repository::cancel_scheduled(const std::string& campaign_id,
                                                                 const std::string& contact_id, std::int64_t before) {
    const long long cutoff = before;
    std::string id;
    std::vector<std::string> ids;
    soci::statement select = (session_.prepare << "SELECT id FROM invitations WHERE campaign_id = :campaign AND "
                                                  "contact_id = :contact AND state = 'scheduled' AND triggered_at < :before",
                              use(campaign_id), use(contact_id), use(cutoff), into(id));
    select.execute(false);
    while (select.fetch()) ids.push_back(id);
    for (const auto& cancelled : ids)
        sql().run("UPDATE invitations SET state = 'cancelled', reason = 'cancelled_by_event' WHERE id = :id", use(cancelled));
    return ids;
}

std::vector<std::string> invitation_repository::cancel_scheduled_except(const std::string& campaign_id,
                                                                        const std::string& contact_id,
                                                                        const std::string& keep_key,
                                                                        const std::string& reason) {
    std::string id;
    std::vector<std::string> ids;
    soci::statement select = (session_.prepare << "SELECT id FROM invitations WHERE campaign_id = :campaign AND "
                                                  "contact_id = :contact AND state = 'scheduled' AND trigger_key <> :keep",
                              use(campaign_id), use(contact_id), use(keep_key), into(id));
    select.execute(false);
    while (select.fetch()) ids.push_back(id);
    for (const auto& cancelled : ids)
        sql().run("UPDATE invitations SET state = 'cancelled', reason = :reason WHERE id = :id AND state = 'scheduled'",
            use(reason), use(cancelled));
    return ids;
}

std::optional<std::string> invitation_repository::reopen_skipped(const std::string& trigger_key, std::int64_t due_at,
                                                                 std::int64_t expires_at) {
    std::string id;
    const bool found_row = sql().run("SELECT id FROM invitations WHERE trigger_key = :key AND state = 'skipped'", use(trigger_key), into(id));
    if (!found_row) return std::nullopt;
    const long long due = due_at, expires = expires_at;
    soci::statement statement = (session_.prepare << "UPDATE invitations SET state = 'scheduled', reason = NULL, "
                                                     "due_at = :due, expires_at = :expires WHERE id = :id AND state = 'skipped'",
                                 use(due), use(expires), use(id));
    statement.execute(true);
    if (statement.get_affected_rows() != 1) return std::nullopt;
    return id;
}

std::optional<std::string> invitation_repository::trigger_key_of(const std::string& id) {
    std::string key;
    soci::indicator indicator = soci::i_null;
    const bool found_row = sql().run("SELECT trigger_key FROM invitations WHERE id = :id", use(id), into(key, indicator));
    if (!found_row || indicator != soci::i_ok) return std::nullopt;
    return key;
}

bool invitation_repository::mark_sent(const std::string& id, std::int64_t sent_at, std::int64_t expires_at) {
    const long long sent = sent_at, expires = expires_at;
    return sql().changed("UPDATE invitations SET state = 'sent', sent_at = :sent, "
                                                     "expires_at = :expires WHERE id = :id AND state = 'scheduled'",
                                 use(sent), use(expires), use(id)) > 0;
}

bool invitation_repository::end_delivery(const std::string& id, const std::string& state, const std::string& reason) {
    return sql().changed("UPDATE invitations SET state = :state, reason = :reason "
                                                     "WHERE id = :id AND state IN ('scheduled', 'sent')",
                                 use(state), use(reason), use(id)) > 0;
}

std::vector<std::string> invitation_repository::cancel_scheduled_of_contact(const std::string& contact_id,
                                                                           const std::string& reason) {
    std::string id;
    std::vector<std::string> ids;
    soci::statement select = (session_.prepare << "SELECT id FROM invitations WHERE contact_id = :contact AND state = 'scheduled'",
                              use(contact_id), into(id));
    select.execute(false);
    while (select.fetch()) ids.push_back(id);
    for (const auto& cancelled : ids)
        sql().run("UPDATE invitations SET state = 'cancelled', reason = :reason WHERE id = :id", use(reason), use(cancelled));
    return ids;
}

std::optional<std::string> invitation_repository::delivery_state(const std::string& id) {
    std::string state;
    soci::indicator indicator = soci::i_null;
    sql().run("SELECT state FROM invitations WHERE id = :id", use(id), into(state, indicator));
    if (indicator != soci::i_ok) return std::nullopt;
    return state;
}

bool invitation_repository::mark_expired(const std::string& id) {
    return sql().changed("UPDATE invitations SET state = 'expired' WHERE id = :id AND state IN ('sent', 'delivered') "
                             "AND NOT EXISTS (SELECT 1 FROM responses r WHERE r.invitation_id = :same)",
         use(id), use(id)) > 0;
}

std::optional<std::string> invitation_repository::retime_scheduled(const std::string& trigger_key,
                                                                  std::int64_t triggered_at, std::int64_t due_at) {
    std::string id;
    soci::indicator found = soci::i_null;
    const long long triggered = triggered_at, due = due_at;
    sql().run("SELECT id FROM invitations WHERE trigger_key = :key AND state = 'scheduled' AND triggered_at > :triggered",
        use(trigger_key), use(triggered), into(id, found));
    if (found != soci::i_ok) return std::nullopt;
    sql().run("UPDATE invitations SET triggered_at = :triggered, due_at = :due WHERE id = :id", use(triggered), use(due),
        use(id));
    return id;
}

void invitation_repository::reschedule(const std::string& id, std::int64_t due_at) {
    const long long due = due_at;
    sql().run("UPDATE invitations SET due_at = :due WHERE id = :id AND state = 'scheduled'", use(due), use(id));
}

void invitation_repository::count_attempt(const std::string& id, std::optional<std::int64_t> delivered_at) {
    if (!delivered_at) {
        sql().run("UPDATE invitations SET attempts = attempts + 1 WHERE id = :id", use(id));
        return;
    }
    // Every SET expression reads the row as it was, so `deliverable` is judged once.
    // A message retried by hand after the invitation failed for want of a receiver brings it back.
    static const std::string deliverable =
        "(state = 'sent' OR (state = 'failed' AND reason IN ('attempts_exhausted', 'rejected_by_peer')))";
    static const std::string query = "UPDATE invitations SET attempts = attempts + 1, delivered_at = CASE WHEN " + deliverable +
                                     " THEN :delivered ELSE delivered_at END, reason = CASE WHEN " + deliverable +
                                     " THEN NULL ELSE reason END, state = CASE WHEN " + deliverable +
                                     " THEN 'delivered' ELSE state END WHERE id = :id";
    const long long delivered = *delivered_at;
    sql().run(query, use(delivered), use(id));
}

campaign_funnel invitation_repository::campaign_funnel_of(const std::string& campaign_id) {
    std::array<long long, 9> n{};
    auto sum = [](const char* condition) { return std::string("COALESCE(SUM(CASE WHEN ") + condition + " THEN 1 ELSE 0 END), 0)"; };
    sql().run("SELECT " + sum("i.state = 'scheduled'") + ", " + sum("i.state = 'skipped'") + ", " +
                    sum("i.state = 'cancelled'") + ", " + sum("i.state = 'failed'") + ", " + sum("i.state = 'expired'") +
                    ", " + sum("i.sent_at IS NOT NULL") + ", " + sum("i.delivered_at IS NOT NULL") + ", " +
                    sum("i.opened_at IS NOT NULL") + ", " + sum("r.id IS NOT NULL") + " " + invitation_tables +
                    "WHERE i.campaign_id = :campaign",
        use(campaign_id), into(n[0]), into(n[1]), into(n[2]), into(n[3]), into(n[4]), into(n[5]), into(n[6]), into(n[7]),
        into(n[8]));
    return {n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8]};
}

void invitation_repository::mark_opened(const std::string& id, std::int64_t now) {
    const long long when = now;
    sql().run("UPDATE invitations SET opened_at = :t WHERE id = :id AND opened_at IS NULL",
        use(when), use(id));
}

sql_runner invitation_repository::sql() { return {session_, statements_}; }

} // namespace touchpoint::engine::store
