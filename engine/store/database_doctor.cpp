#include "engine/store/database_doctor.hpp"

#include "engine/store/database.hpp"
#include "engine/store/migrations.hpp"
#include "surveys/utf8.hpp"

#include <boost/json/parse.hpp>
#include <soci/soci.h>

#include <algorithm>
#include <set>

namespace touchpoint::engine::store {
namespace {

// The text columns of one table, with the columns that identify a row.
struct text_table {
    const char* table;
    std::vector<const char*> keys; // compared as text, so integer keys work on both databases
    std::vector<const char*> texts;
    std::vector<const char*> documents; // JSON
};

const std::vector<text_table>& text_tables() {
    static const std::vector<text_table> tables{
        {"surveys", {"id"}, {"name"}, {}},
        {"survey_versions", {"survey_id", "version"}, {}, {"definition"}},
        {"contacts", {"id"}, {"external_id", "email", "name", "locale", "timezone"}, {"attributes"}},
        {"responses", {"id"}, {"channel", "locale"}, {"answers"}},
        {"answers", {"response_id", "question_id"}, {"choice", "text_value"}, {}},
        {"events", {"id"}, {"id", "name"}, {"properties"}},
        {"text_model", {"id"}, {}, {"taxonomy"}},
        {"api_keys", {"id"}, {"name"}, {}},
    };
    return tables;
}

std::string key_expression(const text_table& spec) {
    std::string out;
    for (const auto* key : spec.keys) out += std::string(out.empty() ? "" : ", ") + "CAST(" + key + " AS TEXT)";
    return out;
}

std::string key_condition(const text_table& spec) {
    std::string out;
    for (std::size_t i = 0; i < spec.keys.size(); ++i)
        out += std::string(i ? " AND " : "") + "CAST(" + spec.keys[i] + " AS TEXT) = :k" + std::to_string(i);
    return out;
}

struct repair {
    const text_table* spec;
    std::vector<std::string> keys;
    std::string column;
    std::string old_value;
    std::string new_value;
    std::size_t finding;
};

} // namespace

bool doctor_report::unrepaired() const {
    if (!pending_migrations.empty()) return true;
    for (const auto& finding : findings)
        if (!finding.repaired) return true;
    return false;
}

doctor_report examine_database(database& db, bool repair_rows, const std::function<void(const std::string&)>& progress) {
    doctor_report report;
    leased_session lease(db);
    auto& session = lease.session();

    std::set<int> applied;
    {
        int version = 0;
        soci::statement statement = (session.prepare << "SELECT version FROM schema_migrations", soci::into(version));
        statement.execute();
        while (statement.fetch()) applied.insert(version);
    }
    for (const auto& m : all_migrations())
        if (!applied.contains(m.version)) report.pending_migrations.push_back(m.version);
    if (!report.pending_migrations.empty()) return report; // the tables below may not exist yet

    std::vector<repair> repairs;
    for (const auto& spec : text_tables()) {
        if (progress) progress(spec.table);
        std::string columns = key_expression(spec);
        for (const auto* c : spec.texts) columns += std::string(", ") + c;
        for (const auto* c : spec.documents) columns += std::string(", ") + c;
        soci::rowset<soci::row> rows = (session.prepare << "SELECT " + columns + " FROM " + spec.table);
        for (const auto& row : rows) {
            ++report.rows_checked;
            std::vector<std::string> keys;
            std::string key_text;
            for (std::size_t i = 0; i < spec.keys.size(); ++i) {
                keys.push_back(row.get_indicator(i) == soci::i_null ? "" : row.get<std::string>(i));
                key_text += (i ? " " : "") + keys.back();
            }
            const auto check = [&](std::size_t index, const char* column, bool document) {
                if (row.get_indicator(index) == soci::i_null) return;
                const auto value = row.get<std::string>(index);
                std::string problem;
                const auto bad = surveys::find_invalid_utf8(value);
                if (bad != std::string::npos) problem = "ill-formed UTF-8 at byte " + std::to_string(bad);
                auto repaired = bad == std::string::npos ? value : surveys::repair_utf8(value);
                bool fixable = bad != std::string::npos;
                if (document) {
                    boost::system::error_code ec;
                    boost::json::parse(repaired, ec);
                    if (ec) {
                        problem += std::string(problem.empty() ? "" : "; ") + "not JSON: " + ec.message();
                        fixable = false;
                    }
                }
                if (problem.empty()) return;
                report.findings.push_back({spec.table, key_text, column, problem, false});
                if (fixable) repairs.push_back({&spec, keys, column, value, std::move(repaired), report.findings.size() - 1});
            };
            std::size_t index = spec.keys.size();
            for (const auto* c : spec.texts) check(index++, c, false);
            for (const auto* c : spec.documents) check(index++, c, true);
        }
    }
    if (!repair_rows || repairs.empty()) return report;

    // Key columns last, so the other repairs of a row still find it by its old key.
    std::ranges::stable_partition(repairs, [](const repair& r) {
        for (const auto* key : r.spec->keys)
            if (r.column == key) return false;
        return true;
    });
    write_transaction transaction(db, session);
    for (const auto& r : repairs) {
        // A key column that is itself repaired (an event id) is matched by its old value.
        soci::statement statement(session);
        statement.exchange(soci::use(r.new_value));
        for (const auto& key : r.keys) statement.exchange(soci::use(key));
        statement.exchange(soci::use(r.old_value));
        statement.alloc();
        statement.prepare(std::string("UPDATE ") + r.spec->table + " SET " + r.column + " = :v WHERE " +
                          key_condition(*r.spec) + " AND " + r.column + " = :old");
        statement.define_and_bind();
        statement.execute(true);
    }
    transaction.commit();
    for (const auto& r : repairs) report.findings[r.finding].repaired = true;
    return report;
}

} // namespace touchpoint::engine::store
