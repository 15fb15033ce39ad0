#include "engine/store/onboarding_repository.hpp"

#include "engine/store/sql_builder.hpp"

#include <soci/soci.h>


namespace touchpoint::engine::store {
using soci::into;
using soci::use;

namespace {

constexpr int page_size = 5000;

// The first time the contact did `name` at or after its start.
void first_after_start(sql_builder& sql, const std::string& alias, const std::string& name) {
    sql.add("(SELECT MIN(e.occurred_at) FROM events e WHERE e.contact_id = " + alias + ".contact_id AND e.name = ")
        .param(name)
        .add(" AND e.occurred_at >= " + alias + ".started)");
}

} // namespace

void onboarding_repository::for_each_contact(const onboarding_query& query,
                                            const std::function<void(const onboarding_timing&)>& visit) {
    std::optional<std::string> after;
    for (;;) {
        sql_builder sql;
        sql.add("SELECT t.contact_id, t.started, t.ended");
        for (const auto& milestone : query.milestones) {
            sql.add(", ");
            first_after_start(sql, "t", milestone);
        }
        if (query.interactions.empty()) sql.add(", NULL");
        else {
            sql.add(", CASE WHEN t.ended IS NULL THEN NULL ELSE (SELECT COUNT(*) FROM events e WHERE "
                    "e.contact_id = t.contact_id AND e.name IN (");
            for (std::size_t i = 0; i < query.interactions.size(); ++i) {
                if (i > 0) sql.add(", ");
                sql.param(query.interactions[i]);
            }
            sql.add(") AND e.occurred_at >= t.started AND e.occurred_at <= t.ended) END");
        }
        if (query.survey_id && query.question_id) {
            sql.add(", (SELECT a.score FROM responses r JOIN answers a ON a.response_id = r.id WHERE "
                    "r.contact_id = t.contact_id AND r.survey_id = ")
                .param(*query.survey_id)
                .add(" AND a.question_id = ")
                .param(*query.question_id)
                .add(" AND a.score IS NOT NULL ORDER BY a.created_at DESC LIMIT 1)");
        } else {
            sql.add(", NULL");
        }
        sql.add(" FROM (SELECT s.contact_id, s.started, ");
        first_after_start(sql, "s", query.end_event);
        // events_name (name, contact_id, occurred_at): the starts come grouped and
        // in contact order straight from the index, so a page stops early.
        sql.add(" AS ended FROM (SELECT contact_id, MIN(occurred_at) AS started FROM events WHERE name = ")
            .param(query.start_event);
        if (after) sql.add(" AND contact_id > ").param(*after);
        sql.add(" GROUP BY contact_id");
        std::string having;
        if (query.from) having += "MIN(occurred_at) >= " + std::to_string(*query.from);
        if (query.to) having += (having.empty() ? "" : " AND ") + std::string("MIN(occurred_at) < ") + std::to_string(*query.to);
        if (!having.empty()) sql.add(" HAVING " + having);
        sql.add(" ORDER BY contact_id LIMIT " + std::to_string(page_size) + ") s) t ORDER BY t.contact_id");

        onboarding_timing row;
        long long started = 0, ended = 0, interactions = 0, score = 0;
        soci::indicator ended_indicator = soci::i_null, interactions_indicator = soci::i_null,
                        score_indicator = soci::i_null;
        std::vector<long long> milestones(query.milestones.size());
        std::vector<soci::indicator> milestone_indicators(query.milestones.size(), soci::i_null);
        soci::statement statement(session_);
        statement.exchange(into(row.contact_id));
        statement.exchange(into(started));
        statement.exchange(into(ended, ended_indicator));
        for (std::size_t i = 0; i < milestones.size(); ++i) statement.exchange(into(milestones[i], milestone_indicators[i]));
        statement.exchange(into(interactions, interactions_indicator));
        statement.exchange(into(score, score_indicator));
        sql.bind(statement);
        statement.alloc();
        statement.prepare(sql.text);
        statement.define_and_bind();
        statement.execute(false);
        int rows = 0;
        while (statement.fetch()) {
            ++rows;
            row.started = started;
            row.ended = ended_indicator == soci::i_ok ? std::optional<std::int64_t>(ended) : std::nullopt;
            row.milestones.clear();
            for (std::size_t i = 0; i < milestones.size(); ++i)
                row.milestones.push_back(milestone_indicators[i] == soci::i_ok ? std::optional<std::int64_t>(milestones[i])
                                                                               : std::nullopt);
            row.interactions = interactions_indicator == soci::i_ok ? std::optional<std::int64_t>(interactions) : std::nullopt;
            row.score = score_indicator == soci::i_ok ? std::optional<std::int64_t>(score) : std::nullopt;
            after = row.contact_id;
            visit(row);
        }
        if (rows < page_size) return;
    }
}

} // namespace touchpoint::engine::store
