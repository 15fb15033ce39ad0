#include "engine/services/report_service.hpp"

#include "engine/services/survey_service.hpp"
#include "engine/services/text_model_service.hpp"
#include "engine/store/database.hpp"
#include "engine/store/onboarding_repository.hpp"
#include "engine/time_format.hpp"
#include "reports/text_report.hpp"
#include "reports/time_zone.hpp"
#include "surveys/score_band.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace touchpoint::engine::services {
namespace json = boost::json;

namespace {

// The UTC days a report can touch: the stored ones, within [from, to), and up to
// tomorrow for answers arriving while the report runs.
std::optional<std::pair<std::int64_t, std::int64_t>> days_to_cut(store::report_repository& repository,
                                                                 const std::string& survey_id,
                                                                 const store::report_filter& filter) {
    auto stored = repository.score_day_range(survey_id);
    if (!stored) return std::nullopt;
    auto [first, last] = *stored;
    last = std::max(last, reports::day_of_millis(now_ms()) + 1);
    if (filter.from) first = std::max(first, reports::day_of_millis(*filter.from) - 1);
    if (filter.to) last = std::min(last, reports::day_of_millis(*filter.to) + 1);
    if (first > last) return std::nullopt;
    return std::pair{first, last};
}

// Runs of days that share the cut of their local midnight: one per DST period.
std::vector<store::day_cut_run> cut_runs(const reports::time_zone& zone, std::int64_t first, std::int64_t last) {
    std::vector<store::day_cut_run> runs;
    for (std::int64_t day = first; day <= last; ++day) {
        const auto cut = zone.split_of_utc_day(day).cut_ms;
        if (runs.empty() || runs.back().cut_ms != cut) runs.push_back({day, cut});
    }
    return runs;
}

// The filters a report states it applied, in a stable order.
std::vector<std::pair<std::string, std::string>> stated_filters(const score_report_query& query) {
    std::vector<std::pair<std::string, std::string>> out;
    if (query.filter.channel) out.emplace_back("channel", *query.filter.channel);
    if (query.filter.locale) out.emplace_back("locale", *query.filter.locale);
    if (query.filter.campaign_id) out.emplace_back("campaign", *query.filter.campaign_id);
    for (const auto& [name, value] : query.filter.attributes) out.emplace_back("attr." + name, value);
    return out;
}

json::object filters_json(const score_report_query& query) {
    json::object out;
    for (auto& [name, value] : stated_filters(query)) out[name] = std::move(value);
    return out;
}

std::optional<std::string> time_text(const std::optional<std::int64_t>& ms) {
    return ms ? std::optional(format_time(*ms)) : std::nullopt;
}

} // namespace

outcome<reports::score_report> report_service::scores(const std::string& survey_id, const score_report_query& query) {
    auto survey = surveys_.get(survey_id);
    if (!survey) return survey.error();
    auto zone = reports::time_zone::find(query.timezone);
    if (!zone) return invalid_field("timezone", "must be an IANA time zone such as Europe/Paris or UTC");
    const bool segmented = query.segment.kind != store::segment_kind::none;
    reports::score_report_builder builder(survey->definition->questions, *zone, {query.bucket_interval, segmented});
    std::vector<reports::invitation_counts> invitations;
    {
        store::leased_session lease(db_);
        store::report_repository repository(lease);
        std::vector<store::day_cut_run> cuts;
        if (!zone->is_utc())
            if (auto days = days_to_cut(repository, survey_id, query.filter)) cuts = cut_runs(*zone, days->first, days->second);
        for (const auto& c : repository.score_counts(survey_id, query.filter, query.segment, cuts))
            builder.add_scores(c.question_id, c.day, c.score, c.count, c.after_cut, c.segment);
        for (const auto& c : repository.choice_counts(survey_id, query.filter, query.segment))
            builder.add_choice(c.question_id, c.choice, c.count, c.segment);
        for (const auto& c : repository.choice_respondent_counts(survey_id, query.filter, query.segment))
            builder.add_choice_respondents(c.question_id, c.count, c.segment);
        if (query.include_rates)
            for (auto& funnel : repository.invitation_funnels(survey_id, query.filter))
                invitations.push_back({std::move(funnel.campaign_id), std::move(funnel.channel), funnel.invitations,
                                       funnel.opened, funnel.responded, funnel.completed});
    }
    reports::score_report report;
    report.survey_id = survey_id;
    report.version = survey->row.current_version;
    report.from = time_text(query.filter.from);
    report.to = time_text(query.filter.to);
    report.bucket_interval = query.bucket_interval;
    report.timezone = zone->name();
    report.filters = stated_filters(query);
    if (segmented) report.segment = query.segment_name;
    report.questions = builder.questions();
    if (query.include_rates) {
        report.rates = reports::compute_response_rates(std::move(invitations));
        // Invitations have no locale of their own; saying so beats a silent mismatch.
        if (query.filter.locale) report.rates->not_filtered_by.push_back("locale");
    }
    return report;
}

outcome<json::object> report_service::text(const std::string& survey_id, const score_report_query& query) {
    auto survey = surveys_.get(survey_id);
    if (!survey) return survey.error();
    auto zone = reports::time_zone::find(query.timezone);
    if (!zone) return invalid_field("timezone", "must be an IANA time zone such as Europe/Paris or UTC");
    std::optional<reports::headline> headline;
    if (const auto* q = surveys::headline_question(*survey->definition)) headline = reports::headline{q->id, q->type};
    std::vector<std::string> text_questions;
    for (const auto& q : survey->definition->questions)
        if (q.type == surveys::question_type::text) text_questions.push_back(q.id);
    const auto model = texts_.current();
    reports::text_report_builder builder(model->taxonomy, headline, text_questions);
    {
        store::leased_session lease(db_);
        store::report_repository(lease)
            .for_each_text_answer(survey_id, query.filter,
                                  headline ? std::optional<std::string>(headline->id) : std::nullopt,
                                  [&](const store::text_answer_row& stored) {
            reports::text_row row;
            row.question_id = stored.question_id;
            row.response_id = stored.response_id;
            row.created_at = stored.created_at;
            row.text = stored.text;
            row.analysed = stored.revision.value_or(0) > 0;
            row.language = stored.language;
            row.sentiment = stored.sentiment;
            row.feeling = stored.feeling;
            row.themes = stored.themes;
            row.phrases = stored.phrases;
            row.score = stored.score;
            builder.add(row);
        });
    }
    json::object report;
    report["survey_id"] = survey_id;
    report["version"] = survey->row.current_version;
    report["from"] = json::value_from(time_text(query.filter.from));
    report["to"] = json::value_from(time_text(query.filter.to));
    report["timezone"] = zone->name();
    report["filters"] = filters_json(query);
    report["text_model_revision"] = model->revision;
    auto built = builder.to_json();
    report["headline"] = std::move(built["headline"]);
    report["questions"] = std::move(built["questions"]);
    return report;
}

outcome<json::object> report_service::lifecycle(lifecycle_report_query query) {
    auto zone = reports::time_zone::find(query.timezone);
    if (!zone) return invalid_field("timezone", "must be an IANA time zone such as Europe/Paris or UTC");
    store::onboarding_query store_query{query.settings.start_event, query.settings.end_event, query.settings.milestones,
                                       query.settings.interactions, query.from, query.to, {}, {}};
    if (query.survey_id) {
        auto survey = surveys_.get(*query.survey_id);
        if (!survey) return survey.error();
        const surveys::question* question = nullptr;
        if (query.question_id) {
            question = survey->definition->find_question(*query.question_id);
            if (!question || !surveys::is_scored(question->type))
                return invalid_field("question", "must name a scored question (nps, csat, ces, rating) of survey " +
                                                     *query.survey_id);
        } else {
            question = surveys::headline_question(*survey->definition);
            if (!question) return invalid_field("survey", "has no NPS, CSAT or CES question to measure satisfaction with");
        }
        query.settings.satisfaction = reports::satisfaction_question{*query.survey_id, question->id, question->type};
        store_query.survey_id = query.survey_id;
        store_query.question_id = question->id;
    }
    reports::lifecycle_report_builder builder(query.settings, *zone);
    {
        store::leased_session lease(db_);
        store::onboarding_repository(lease).for_each_contact(store_query, [&](const store::onboarding_timing& row) {
            builder.add({row.started, row.ended, row.milestones, row.interactions, row.score});
        });
    }
    json::object report;
    report["start_event"] = query.settings.start_event;
    report["end_event"] = query.settings.end_event;
    report["from"] = query.from ? json::value(format_time(*query.from)) : json::value(nullptr);
    report["to"] = query.to ? json::value(format_time(*query.to)) : json::value(nullptr);
    report["timezone"] = zone->name();
    report["interactions_counted"] = json::value_from(query.settings.interactions);
    for (auto& [key, value] : builder.to_json()) report[key] = std::move(value);
    return report;
}

} // namespace touchpoint::engine::services
