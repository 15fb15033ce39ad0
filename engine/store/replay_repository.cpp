#include "engine/store/replay_repository.hpp"

#include "engine/store/invitation_repository.hpp"
#include "engine/store/nullable.hpp"
#include "engine/store/sql_builder.hpp"

#include <boost/json.hpp>
#include <soci/soci.h>

#include <algorithm>
#include <unordered_map>

namespace touchpoint::engine::store {
using soci::into;

namespace {

constexpr int page_size = 5000;

// Every page is read from one snapshot: on SQLite a read transaction (a WAL
// reader sees the database as of its first read and blocks no writer), on
// PostgreSQL REPEATABLE READ. Nothing is written, so it always rolls back.
class read_snapshot {
public:
    explicit read_snapshot(soci::session& session) : session_(session) {
        if (dialect_of(session) == dialect::postgresql) session << "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
        else session << "BEGIN";
    }
    ~read_snapshot() {
        try {
            session_ << "ROLLBACK";
        } catch (const std::exception&) {
            // The connection broke: the pool opens it again on its next lease.
        }
    }
    read_snapshot(const read_snapshot&) = delete;
    read_snapshot& operator=(const read_snapshot&) = delete;

private:
    soci::session& session_;
};

// Runs `sql` with the columns `define` binds, calling `row` after each fetch.
template <class Define, class Row>
void run(soci::session& session, sql_builder& sql, Define define, Row row) {
    soci::statement statement(session);
    define(statement);
    sql.bind(statement);
    statement.alloc();
    statement.prepare(sql.text);
    statement.define_and_bind();
    statement.execute(false);
    while (statement.fetch()) row();
}

// `column` within the page: after the previous page's last contact, up to this one's (none on the last page).
void page_range(sql_builder& sql, const std::string& column, const std::string& after,
                const std::optional<std::string>& last) {
    sql.add(column + " > ").param(after);
    if (last) sql.add(" AND " + column + " <= ").param(*last);
}

void in_period(sql_builder& sql, const replay_query& query) {
    sql.add(" AND occurred_at >= ").param(static_cast<long long>(query.since)).add(" AND occurred_at <= ")
        .param(static_cast<long long>(query.until));
}

// `column` is one of the ids, which travel as one JSON array.
void among(sql_builder& sql, soci::session& session, const std::string& column, const std::string& ids_json) {
    sql.add(column + " IN (");
    if (dialect_of(session) == dialect::postgresql)
        sql.add("SELECT json_array_elements_text(CAST(").param(ids_json).add(" AS json))");
    else
        sql.add("SELECT value FROM json_each(").param(ids_json).add(")");
    sql.add(")");
}

} // namespace

std::int64_t replay_repository::for_each_contact(const replay_query& query,
                                                 const std::function<void(replay_contact_rows&)>& visit) {
    read_snapshot snapshot(session_);
    std::vector<std::string> names = query.cancel_events;
    // after_event needs only each contact's first trigger event, which its own query gives.
    const bool trigger_read_with_events =
        !query.first_only || std::ranges::find(names, query.trigger_event) != names.end();
    if (!query.first_only && std::ranges::find(names, query.trigger_event) == names.end())
        names.push_back(query.trigger_event);

    std::int64_t events_read = 0;
    std::string after; // contact ids sort after the empty text
    for (;;) {
        // A page is the next page_size contacts by id, the last page the rest: each
        // query below reads one range of an index, once.
        std::optional<std::string> last;
        {
            sql_builder sql;
            sql.add("SELECT id FROM contacts WHERE id > ").param(after)
                .add(" ORDER BY id LIMIT 1 OFFSET " + std::to_string(page_size - 1));
            std::string id;
            run(session_, sql, [&](soci::statement& s) { s.exchange(into(id)); }, [&] { last = id; });
        }

        std::vector<replay_contact_rows> page;
        std::vector<bool> fires; // by position in `page`: the trigger may fire for it
        std::unordered_map<std::string, std::size_t> position;
        auto contact = [&](const std::string& id) -> std::size_t {
            const auto [found, added] = position.try_emplace(id, page.size());
            if (added) {
                page.emplace_back().contact_id = id;
                fires.push_back(false);
            }
            return found->second;
        };
        if (query.first_only) {
            // Each contact's first trigger event ever, kept when it happened in the period.
            sql_builder sql;
            sql.add("SELECT contact_id, MIN(occurred_at) FROM events WHERE name = ").param(query.trigger_event).add(" AND ");
            page_range(sql, "contact_id", after, last);
            sql.add(" GROUP BY contact_id HAVING MIN(occurred_at) >= ").param(static_cast<long long>(query.since))
                .add(" AND MIN(occurred_at) <= ").param(static_cast<long long>(query.until));
            std::string contact_id;
            long long first = 0;
            run(session_, sql, [&](soci::statement& s) { s.exchange(into(contact_id)); s.exchange(into(first)); }, [&] {
                const auto at = contact(contact_id);
                page[at].first_occurrence = first;
                fires[at] = true;
                if (!trigger_read_with_events) {
                    page[at].events.push_back({query.trigger_event, first, "{}"});
                    ++events_read;
                }
            });
        }
        if (!names.empty()) {
            // The trigger's and the cancel_on events in the period, from events_name
            // (one range per name); put in order per contact below.
            sql_builder sql;
            sql.add(std::string("SELECT contact_id, name, occurred_at") + (query.with_properties ? ", properties" : "") +
                    " FROM events WHERE name IN (");
            for (std::size_t i = 0; i < names.size(); ++i) {
                if (i > 0) sql.add(", ");
                sql.param(names[i]);
            }
            sql.add(") AND ");
            page_range(sql, "contact_id", after, last);
            in_period(sql, query);
            std::string contact_id, name, properties;
            long long occurred = 0;
            run(session_, sql,
                [&](soci::statement& s) {
                    s.exchange(into(contact_id));
                    s.exchange(into(name));
                    s.exchange(into(occurred));
                    if (query.with_properties) s.exchange(into(properties));
                },
                [&] {
                    ++events_read;
                    const auto at = contact(contact_id);
                    if (!query.first_only && name == query.trigger_event) fires[at] = true;
                    page[at].events.push_back(
                        {name, occurred, query.with_properties ? std::move(properties) : std::string("{}")});
                });
        }

        // The contacts the trigger may fire for: their rows and the invitations that
        // count for their fatigue, found by id.
        boost::json::array ids;
        for (std::size_t i = 0; i < page.size(); ++i)
            if (fires[i]) ids.emplace_back(page[i].contact_id);
        if (!ids.empty()) {
            const auto ids_json = boost::json::serialize(ids);
            std::vector<bool> found(page.size(), false);
            {
                sql_builder sql;
                sql.add("SELECT id, external_id, CASE WHEN email IS NULL THEN 0 ELSE 1 END, locale, timezone, attributes, "
                        "CASE WHEN unsubscribed_at IS NULL THEN 0 ELSE 1 END FROM contacts WHERE ");
                among(sql, session_, "id", ids_json);
                std::string id, external_id, attributes;
                nullable_column<std::string> locale, timezone;
                int has_email = 0, unsubscribed = 0;
                run(session_, sql,
                    [&](soci::statement& s) {
                        s.exchange(into(id));
                        s.exchange(into(external_id));
                        s.exchange(into(has_email));
                        s.exchange(store::into(locale));
                        s.exchange(store::into(timezone));
                        s.exchange(into(attributes));
                        s.exchange(into(unsubscribed));
                    },
                    [&] {
                        const auto at = position.at(id);
                        auto& rows = page[at];
                        found[at] = true;
                        rows.external_id = std::move(external_id);
                        rows.locale = locale.get();
                        rows.timezone = timezone.get();
                        rows.attributes = std::move(attributes);
                        rows.has_email = has_email != 0;
                        rows.unsubscribed = unsubscribed != 0;
                    });
            }
            {
                sql_builder sql;
                sql.add(std::string("SELECT contact_id, ") + fatigue_time_sql +
                        ", COALESCE(campaign_id, '') FROM invitations WHERE ");
                among(sql, session_, "contact_id", ids_json);
                sql.add(std::string(" AND ") + counts_for_fatigue_sql + " AND " + fatigue_time_sql + " >= ")
                    .param(static_cast<long long>(query.history_since));
                if (query.campaign_id) {
                    sql.add(" AND (campaign_id IS NULL OR campaign_id <> ").param(*query.campaign_id)
                        .add(" OR triggered_at IS NULL OR triggered_at < ")
                        .param(static_cast<long long>(query.since))
                        .add(")");
                }
                std::string contact_id, campaign;
                long long at = 0;
                run(session_, sql,
                    [&](soci::statement& s) {
                        s.exchange(into(contact_id));
                        s.exchange(into(at));
                        s.exchange(into(campaign));
                    },
                    [&] { page[position.at(contact_id)].history.emplace_back(at, campaign); });
            }
            for (std::size_t i = 0; i < page.size(); ++i) {
                if (!fires[i] || !found[i]) continue;
                std::ranges::stable_sort(page[i].events, {}, &replay_event_row::occurred_at);
                visit(page[i]);
            }
        }
        if (!last) break;
        after = *last;
    }
    return events_read;
}

} // namespace touchpoint::engine::store
