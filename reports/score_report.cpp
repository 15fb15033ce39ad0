#include "reports/score_report.hpp"

#include "reports/period_change.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>

namespace touchpoint::reports {
namespace json = boost::json;
namespace {

double round2(double value) { return std::round(value * 100.0) / 100.0; }

void add(score_distribution& into, const score_distribution& from) {
    for (const auto& [score, count] : from) into[score] += count;
}

json::object distribution_to_json(const score_distribution& distribution) {
    json::object out;
    for (const auto& [score, count] : distribution) out[std::to_string(score)] = count;
    return out;
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

json::array segments_report(surveys::question_type type, const std::map<segment_value, score_distribution>& by_segment,
                            std::size_t* omitted) {
    score_distribution total;
    std::vector<std::pair<std::int64_t, const std::pair<const segment_value, score_distribution>*>> ordered;
    for (const auto& entry : by_segment) {
        add(total, entry.second);
        std::int64_t n = 0;
        for (const auto& [score, count] : entry.second) n += count;
        ordered.emplace_back(n, &entry);
    }
    // Largest first; equal sizes by value so the order is stable.
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    if (omitted) *omitted = ordered.size() > max_segments ? ordered.size() - max_segments : 0;
    if (ordered.size() > max_segments) ordered.resize(max_segments);
    json::array out;
    for (const auto& [n, entry] : ordered) {
        const auto& [value, distribution] = *entry;
        score_distribution rest = total;
        for (const auto& [score, count] : distribution) {
            rest[score] -= count;
            if (rest[score] == 0) rest.erase(score);
        }
        auto segment = statistics_to_json(compute_statistics(type, distribution));
        segment.emplace("value", value ? json::value(*value) : json::value(nullptr));
        segment["distribution"] = distribution_to_json(distribution);
        const auto compared = compare_periods(type, rest, distribution);
        segment["versus_rest"] = compared ? json::value(period_change_to_json(*compared)) : json::value(nullptr);
        out.push_back(std::move(segment));
    }
    return out;
}

json::object question_report(const question_scores& scores, const score_report_options& options) {
    score_distribution total;
    std::map<std::int64_t, score_distribution> buckets;
    for (const auto& [day, distribution] : scores.by_day) {
        add(total, distribution);
        if (options.bucket_interval) add(buckets[bucket_start(day, *options.bucket_interval)], distribution);
    }
    auto out = statistics_to_json(compute_statistics(scores.type, total));
    out.emplace("id", scores.id);
    out.emplace("type", surveys::to_string(scores.type));
    out["distribution"] = distribution_to_json(total);
    if (options.bucket_interval) {
        json::array bucket_list;
        const std::pair<const std::int64_t, score_distribution>* previous = nullptr;
        for (const auto& entry : buckets) {
            const auto& [start, distribution] = entry;
            auto bucket = statistics_to_json(compute_statistics(scores.type, distribution));
            bucket.emplace("start", format_day(start));
            bucket["distribution"] = distribution_to_json(distribution);
            // Against the bucket before it that has answers.
            json::value change = nullptr;
            if (previous)
                if (auto compared = compare_periods(scores.type, previous->second, distribution)) {
                    auto object = period_change_to_json(*compared);
                    object["previous_start"] = format_day(previous->first);
                    change = std::move(object);
                }
            bucket["change"] = std::move(change);
            bucket_list.push_back(std::move(bucket));
            previous = &entry;
        }
        out["buckets"] = std::move(bucket_list);
    }
    if (options.segmented) {
        std::size_t omitted = 0;
        out["segments"] = segments_report(scores.type, scores.by_segment, &omitted);
        out["segments_omitted"] = omitted;
    }
    return out;
}

} // namespace touchpoint::reports
