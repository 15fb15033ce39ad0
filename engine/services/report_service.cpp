#include "engine/services/report_service.hpp"

#include "engine/services/survey_service.hpp"
#include "engine/store/database.hpp"
#include "engine/store/report_repository.hpp"
#include "engine/time_format.hpp"
#include "reports/choice_report.hpp"
#include "reports/score_report.hpp"

#include <boost/json.hpp>

namespace touchpoint::engine::services {
namespace json = boost::json;

outcome<json::object> report_service::scores(const std::string& survey_id, const score_report_query& query) {
    auto survey = surveys_.get(survey_id);
    if (!survey) return survey.error();
    std::vector<store::score_count> counts;
    std::vector<store::choice_count> choices;
    std::map<std::string, std::int64_t> respondents;
    {
        store::leased_session lease(db_);
        store::report_repository repository(lease.session());
        counts = repository.score_counts(survey_id, query.from, query.to);
        choices = repository.choice_counts(survey_id, query.from, query.to);
        respondents = repository.choice_respondents(survey_id, query.from, query.to);
    }
    // Every question of the current version that has statistics, in its order;
    // answers to questions an edit removed are left out.
    std::map<std::string, reports::question_scores> scored;
    std::map<std::string, reports::choice_tally> tallies;
    for (const auto& q : survey->definition->questions) {
        if (surveys::is_scored(q.type) || q.type == surveys::question_type::yes_no) scored[q.id] = {q.id, q.type, {}};
        if (surveys::has_options(q.type)) {
            auto& tally = tallies[q.id];
            tally.id = q.id;
            tally.type = q.type;
            for (const auto& option : q.options) tally.options.push_back(option.id);
            if (auto found = respondents.find(q.id); found != respondents.end()) tally.respondents = found->second;
        }
    }
    for (const auto& count : counts)
        if (auto q = scored.find(count.question_id); q != scored.end()) q->second.by_day[count.day][count.score] += count.count;
    for (const auto& count : choices)
        if (auto q = tallies.find(count.question_id); q != tallies.end()) q->second.counts[count.choice] += count.count;

    json::object report;
    report["survey_id"] = survey_id;
    report["version"] = survey->row.current_version;
    report["from"] = query.from ? json::value(format_time(*query.from)) : json::value(nullptr);
    report["to"] = query.to ? json::value(format_time(*query.to)) : json::value(nullptr);
    report["interval"] = query.bucket_interval ? json::value(reports::to_string(*query.bucket_interval)) : json::value(nullptr);
    report["timezone"] = "UTC";
    json::array items;
    for (const auto& q : survey->definition->questions) {
        if (auto found = scored.find(q.id); found != scored.end())
            items.push_back(reports::question_report(found->second, {query.bucket_interval}));
        else if (auto tally = tallies.find(q.id); tally != tallies.end())
            items.push_back(reports::choice_question_report(tally->second));
    }
    report["questions"] = std::move(items);
    return report;
}

} // namespace touchpoint::engine::services
