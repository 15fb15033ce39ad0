#include "engine/store/report_repository.hpp"

#include <soci/soci.h>

#include <limits>

namespace touchpoint::engine::store {
using soci::into;
using soci::use;

namespace {
constexpr long long day_ms = 86'400'000;
} // namespace

const char* const score_counts_sql =
    "SELECT question_id, day, score, COUNT(*) FROM answers "
    "WHERE survey_id = :survey AND day >= :from_day AND day <= :to_day "
    "AND created_at >= :from AND created_at < :to AND score IS NOT NULL "
    "GROUP BY day, question_id, score";

std::vector<score_count> report_repository::score_counts(const std::string& survey_id, std::optional<std::int64_t> from,
                                                         std::optional<std::int64_t> to) {
    const long long from_ms = from.value_or(std::numeric_limits<long long>::min());
    const long long to_ms = to.value_or(std::numeric_limits<long long>::max());
    // The day range is a seek in answers_scores, whose order (day, question, score)
    // is also the grouping order: the aggregate streams over the index, no sort.
    const long long from_day = from ? *from / day_ms - 1 : std::numeric_limits<long long>::min();
    const long long to_day = to ? *to / day_ms + 1 : std::numeric_limits<long long>::max();
    score_count row;
    long long day = 0, score = 0, count = 0;
    soci::statement statement =
        (session_.prepare << score_counts_sql, use(survey_id), use(from_day), use(to_day), use(from_ms), use(to_ms),
         into(row.question_id), into(day), into(score), into(count));
    std::vector<score_count> rows;
    statement.execute();
    while (statement.fetch()) {
        row.day = day;
        row.score = score;
        row.count = count;
        rows.push_back(row);
    }
    return rows;
}

std::vector<choice_count> report_repository::choice_counts(const std::string& survey_id, std::optional<std::int64_t> from,
                                                           std::optional<std::int64_t> to) {
    const long long from_ms = from.value_or(std::numeric_limits<long long>::min());
    const long long to_ms = to.value_or(std::numeric_limits<long long>::max());
    choice_count row;
    long long count = 0;
    soci::statement statement =
        (session_.prepare << "SELECT question_id, choice, COUNT(*) FROM answers WHERE survey_id = :survey "
                             "AND choice IS NOT NULL AND created_at >= :from AND created_at < :to "
                             "GROUP BY question_id, choice",
         use(survey_id), use(from_ms), use(to_ms), into(row.question_id), into(row.choice), into(count));
    std::vector<choice_count> rows;
    statement.execute();
    while (statement.fetch()) {
        row.count = count;
        rows.push_back(row);
    }
    return rows;
}

std::map<std::string, std::int64_t> report_repository::choice_respondents(const std::string& survey_id,
                                                                          std::optional<std::int64_t> from,
                                                                          std::optional<std::int64_t> to) {
    const long long from_ms = from.value_or(std::numeric_limits<long long>::min());
    const long long to_ms = to.value_or(std::numeric_limits<long long>::max());
    std::string question;
    long long count = 0;
    soci::statement statement =
        (session_.prepare << "SELECT question_id, COUNT(DISTINCT response_id) FROM answers WHERE survey_id = :survey "
                             "AND choice IS NOT NULL AND created_at >= :from AND created_at < :to GROUP BY question_id",
         use(survey_id), use(from_ms), use(to_ms), into(question), into(count));
    std::map<std::string, std::int64_t> out;
    statement.execute();
    while (statement.fetch()) out[question] = count;
    return out;
}

} // namespace touchpoint::engine::store
