// `touchpoint doctor`: checks a database and says what it found: migrations not
// yet applied, text that is not well-formed UTF-8 (rows stored before input was
// checked), JSON documents that do not parse. With `repair`, ill-formed bytes
// are replaced by U+FFFD in one transaction.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace touchpoint::engine::store {

class database;

struct doctor_finding {
    std::string table;
    std::string row;    // the row's key, e.g. "rsp_0191..." or "rsp_0191... q_why"
    std::string column;
    std::string problem; // "ill-formed UTF-8 at byte 3", "not JSON: ..."
    bool repaired = false;
};

struct doctor_report {
    std::vector<int> pending_migrations;
    std::vector<doctor_finding> findings;
    std::size_t rows_checked = 0;
    bool healthy() const { return pending_migrations.empty() && findings.empty(); }
    bool unrepaired() const;
};

// Reads every text column that holds respondent, contact, event or survey text.
// `progress` is told each table as it starts. Never changes anything unless
// `repair` is set; a repair that would not leave valid JSON is not made.
doctor_report examine_database(database& db, bool repair, const std::function<void(const std::string&)>& progress = {});

} // namespace touchpoint::engine::store
