#include "engine/store/report_repository.hpp"

#include <soci/soci.h>

#include <limits>

namespace touchpoint::engine::store {
using soci::into;
using soci::use;

std::vector<score_count> report_repository::score_counts(const std::string& survey_id, std::optional<std::int64_t> from,
                                                         std::optional<std::int64_t> to) {
    const long long from_ms = from.value_or(std::numeric_limits<long long>::min());
    const long long to_ms = to.value_or(std::numeric_limits<long long>::max());
    score_count row;
    long long day = 0, score = 0, count = 0;
    // Integer division by the length of a day groups by UTC day on both databases;
    // the answers_scores index covers this query.
    soci::statement statement =
        (session_.prepare << "SELECT question_id, created_at / 86400000 AS day, score, COUNT(*) FROM answers "
                             "WHERE survey_id = :survey AND created_at >= :from AND created_at < :to "
                             "AND score IS NOT NULL GROUP BY question_id, created_at / 86400000, score",
         use(survey_id), use(from_ms), use(to_ms), into(row.question_id), into(day), into(score), into(count));
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

} // namespace touchpoint::engine::store
