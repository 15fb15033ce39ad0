// SQL aggregates behind the reports: nothing here loads individual responses.
#pragma once

#include <soci/session.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint::engine::store {

struct score_count {
    std::string question_id;
    std::int64_t day = 0; // UTC days since 1970-01-01
    std::int64_t score = 0;
    std::int64_t count = 0;
};

// The aggregate behind score_counts, exposed so the benchmark can time it bare.
extern const char* const score_counts_sql;

struct choice_count {
    std::string question_id;
    std::string choice;
    std::int64_t count = 0;
};

class report_repository {
public:
    explicit report_repository(soci::session& session) : session_(session) {}

    // Counts of each score per question and UTC day, for responses created in [from, to).
    std::vector<score_count> score_counts(const std::string& survey_id, std::optional<std::int64_t> from,
                                          std::optional<std::int64_t> to);

    // How often each option was chosen per question, for responses created in [from, to).
    std::vector<choice_count> choice_counts(const std::string& survey_id, std::optional<std::int64_t> from,
                                            std::optional<std::int64_t> to);
    // How many responses chose anything on each choice question (the base of the shares:
    // with multi_choice one response counts once however many options it took).
    std::map<std::string, std::int64_t> choice_respondents(const std::string& survey_id, std::optional<std::int64_t> from,
                                                           std::optional<std::int64_t> to);

private:
    soci::session& session_;
};

} // namespace touchpoint::engine::store
