#include "engine/services/report_service.hpp"

#include "engine/services/survey_service.hpp"
#include "engine/store/database.hpp"
#include "engine/store/report_repository.hpp"
#include "engine/time_format.hpp"
#include "reports/score_report.hpp"

#include <boost/json.hpp>

namespace touchpoint::engine::services {
namespace json = boost::json;

outcome<json::object> report_service::scores(const std::string& survey_id, const score_report_query& query) {
    auto survey = surveys_.get(survey_id);
    if (!survey) return survey.error();
    std::vector<store::score_count> counts;
    {
        store::leased_session lease(db_);
        soci::session& session = lease.session();
        counts = store::report_repository(session).score_counts(survey_id, query.from, query.to);
    }
    // Every scored question of the current version, in its order; answers to
    // questions an edit removed are left out.
    std::vector<reports::question_scores> questions;
    for (const auto& q : survey->definition->questions)
        if (surveys::is_scored(q.type)) questions.push_back({q.id, q.type, {}});
    for (const auto& count : counts)
        for (auto& q : questions)
            if (q.id == count.question_id) q.by_day[count.day][count.score] += count.count;

    json::object report;
    report["survey_id"] = survey_id;
    report["version"] = survey->row.current_version;
    report["from"] = query.from ? json::value(format_time(*query.from)) : json::value(nullptr);
    report["to"] = query.to ? json::value(format_time(*query.to)) : json::value(nullptr);
    report["interval"] = query.bucket_interval ? json::value(reports::to_string(*query.bucket_interval)) : json::value(nullptr);
    report["timezone"] = "UTC";
    json::array items;
    for (const auto& q : questions) items.push_back(reports::question_report(q, {query.bucket_interval}));
    report["questions"] = std::move(items);
    return report;
}

} // namespace touchpoint::engine::services
