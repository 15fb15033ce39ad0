// The JSON form of the score report (GET /v1/reports/{survey_id}/scores).
#include "reports/score_report.hpp"

#include "reports/rounding.hpp"

#include <boost/json.hpp>

namespace touchpoint::reports {
namespace json = boost::json;
namespace {

json::value optional_string(const std::optional<std::string>& text) {
    return text ? json::value(*text) : json::value(nullptr);
}

json::object distribution_to_json(const score_distribution& distribution) {
    json::object out;
    for (const auto& [score, count] : distribution) out[std::to_string(score)] = count;
    return out;
}

// Statistics, then the distribution they come from.
json::object summary_to_json(const score_summary& summary) {
    auto out = statistics_to_json(summary.statistics);
    out["distribution"] = distribution_to_json(summary.distribution);
    return out;
}

json::value change_to_json(const std::optional<period_change>& change) {
    return change ? json::value(period_change_to_json(*change)) : json::value(nullptr);
}

} // namespace

json::object statistics_to_json(const score_statistics& stats) {
    json::object out;
    out["n"] = stats.n;
    out["small_sample"] = stats.n < small_sample_below;
    out["mean"] = stats.mean ? json::value(round2(*stats.mean)) : json::value(nullptr);
    if (stats.nps) {
        const auto& nps = *stats.nps;
        out["nps"] = json::object{
            {"score", round2(nps.score)},
            {"promoters", round2(nps.promoter_share)},
            {"passives", round2(nps.passive_share)},
            {"detractors", round2(nps.detractor_share)},
            {"ci_low", round2(nps.ci_low)},
            {"ci_high", round2(nps.ci_high)},
            {"counts", json::object{{"promoters", nps.promoters}, {"passives", nps.passives}, {"detractors", nps.detractors}}},
        };
    }
    if (stats.csat) out["csat"] = json::object{{"satisfied_share", round2(stats.csat->satisfied_share)},
                                               {"satisfied", stats.csat->satisfied},
                                               {"mean", round2(stats.mean.value_or(0))}};
    if (stats.ces) out["ces"] = json::object{{"mean", round2(stats.mean.value_or(0))},
                                             {"easy_share", round2(stats.ces->easy_share)},
                                             {"easy", stats.ces->easy}};
    if (stats.yes_no) out["yes_no"] = json::object{{"yes", stats.yes_no->yes},
                                                   {"no", stats.yes_no->no},
                                                   {"yes_share", round2(stats.yes_no->yes_share)}};
    return out;
}

void tag_invoke(const json::value_from_tag&, json::value& out, const score_statistics& stats) {
    out = statistics_to_json(stats);
}

void tag_invoke(const json::value_from_tag&, json::value& out, const score_summary& summary) {
    out = summary_to_json(summary);
}

void tag_invoke(const json::value_from_tag&, json::value& out, const scored_question& question) {
    json::object object{{"id", question.id}, {"type", surveys::to_string(question.type)}};
    for (auto& [key, value] : summary_to_json(question.scores)) object[key] = std::move(value);
    if (question.buckets) {
        json::array buckets;
        for (const auto& bucket : *question.buckets) {
            json::object item{{"start", format_day(bucket.start)}};
            for (auto& [key, value] : summary_to_json(bucket.scores)) item[key] = std::move(value);
            auto change = change_to_json(bucket.change);
            if (change.is_object()) change.get_object()["previous_start"] = format_day(bucket.previous_start);
            item["change"] = std::move(change);
            buckets.push_back(std::move(item));
        }
        object["buckets"] = std::move(buckets);
    }
    if (question.segments) {
        json::array segments;
        for (const auto& segment : *question.segments) {
            json::object item{{"value", optional_string(segment.value)}};
            for (auto& [key, value] : summary_to_json(segment.scores)) item[key] = std::move(value);
            item["versus_rest"] = change_to_json(segment.versus_rest);
            segments.push_back(std::move(item));
        }
        object["segments"] = std::move(segments);
        object["segments_omitted"] = question.segments_omitted;
    }
    out = std::move(object);
}

void tag_invoke(const json::value_from_tag&, json::value& out, const choice_question& question) {
    auto object = json::value_from(question.counts).as_object();
    if (question.segments) {
        object["segments"] = json::value_from(*question.segments);
        object["segments_omitted"] = question.segments_omitted;
    }
    out = std::move(object);
}

void tag_invoke(const json::value_from_tag&, json::value& out, const score_report& report) {
    json::object filters;
    for (const auto& [name, value] : report.filters) filters[name] = value;
    json::array questions;
    for (const auto& question : report.questions)
        questions.push_back(std::visit([](const auto& q) { return json::value_from(q); }, question));
    json::object object{
        {"survey_id", report.survey_id},
        {"version", report.version},
        {"from", optional_string(report.from)},
        {"to", optional_string(report.to)},
        {"interval", report.bucket_interval ? json::value(to_string(*report.bucket_interval)) : json::value(nullptr)},
        {"timezone", report.timezone},
        {"filters", std::move(filters)},
        {"segment", optional_string(report.segment)},
        {"questions", std::move(questions)},
    };
    if (report.rates) object["response_rates"] = json::value_from(*report.rates);
    out = std::move(object);
}

} // namespace touchpoint::reports
