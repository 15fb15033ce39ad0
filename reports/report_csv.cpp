#include "reports/report_csv.hpp"

#include "reports/csv_writer.hpp"
#include "reports/rounding.hpp"

#include <cmath>

namespace touchpoint::reports {
namespace {

std::string figure(double value) { return csv_number(round2(value)); }

template <class Statistics, class Member>
std::string figure_of(const std::optional<Statistics>& stats, Member member) {
    return stats ? figure((*stats).*member) : "";
}

std::string flag(bool value) { return value ? "true" : "false"; }

// The cells from n to yes_share shared by the score and segment tables, the
// first four of them (n, small_sample, mean, nps) in both.
struct statistics_cells {
    std::string n, small_sample, mean, nps, promoters, passives, detractors, ci_low, ci_high, satisfied_share,
        easy_share, yes_share;
};

statistics_cells cells_of(const score_summary& summary) {
    const auto& s = summary.statistics;
    return {std::to_string(s.n),
            flag(summary.small_sample()),
            s.mean ? figure(*s.mean) : "",
            figure_of(s.nps, &nps_statistics::score),
            figure_of(s.nps, &nps_statistics::promoter_share),
            figure_of(s.nps, &nps_statistics::passive_share),
            figure_of(s.nps, &nps_statistics::detractor_share),
            figure_of(s.nps, &nps_statistics::ci_low),
            figure_of(s.nps, &nps_statistics::ci_high),
            figure_of(s.csat, &csat_statistics::satisfied_share),
            figure_of(s.ces, &ces_statistics::easy_share),
            figure_of(s.yes_no, &yes_no_statistics::yes_share)};
}

void score_row(std::string& out, const scored_question& question, const score_summary& summary,
               const std::string& bucket, const std::optional<period_change>& change) {
    const auto c = cells_of(summary);
    append_csv_row(out, {question.id, std::string(surveys::to_string(question.type)), bucket, c.n, c.small_sample, c.mean,
                         c.nps, c.promoters, c.passives, c.detractors, c.ci_low, c.ci_high, c.satisfied_share,
                         c.easy_share, c.yes_share, change ? figure(change->delta) : "",
                         change ? csv_number(round4(change->p_value)) : "", change ? flag(change->significant) : ""});
}

} // namespace

std::string score_table_csv(const score_report& report) {
    std::string out;
    append_csv_row(out, {"question_id", "type", "bucket_start", "n", "small_sample", "mean", "nps", "promoters",
                         "passives", "detractors", "ci_low", "ci_high", "satisfied_share", "easy_share", "yes_share",
                         "change_delta", "change_p_value", "change_significant"});
    for (const auto& item : report.questions) {
        const auto* question = std::get_if<scored_question>(&item);
        if (!question) continue;
        score_row(out, *question, question->scores, "", std::nullopt);
        if (question->buckets)
            for (const auto& bucket : *question->buckets)
                score_row(out, *question, bucket.scores, format_day(bucket.start), bucket.change);
    }
    return out;
}

std::string choice_table_csv(const score_report& report) {
    std::string out;
    append_csv_row(out, {"question_id", "type", "option", "count", "share", "n"});
    for (const auto& item : report.questions) {
        const auto* question = std::get_if<choice_question>(&item);
        if (!question) continue;
        const auto& counts = question->counts;
        for (const auto& option : counts.options)
            append_csv_row(out, {counts.id, std::string(surveys::to_string(counts.type)), option.id,
                                 std::to_string(option.count), figure(option.share), std::to_string(counts.n)});
    }
    return out;
}

std::string segment_table_csv(const score_report& report) {
    std::string out;
    append_csv_row(out, {"question_id", "type", "segment", "value", "n", "small_sample", "mean", "nps", "satisfied_share",
                         "easy_share", "yes_share", "versus_rest_delta", "versus_rest_z", "versus_rest_p_value",
                         "versus_rest_significant"});
    const auto segment = report.segment.value_or("");
    for (const auto& item : report.questions) {
        const auto* question = std::get_if<scored_question>(&item);
        if (!question || !question->segments) continue;
        for (const auto& s : *question->segments) {
            const auto c = cells_of(s.scores);
            const auto& versus = s.versus_rest;
            append_csv_row(out, {question->id, std::string(surveys::to_string(question->type)), segment,
                                 s.value.value_or(""), c.n, c.small_sample, c.mean, c.nps, c.satisfied_share,
                                 c.easy_share, c.yes_share, versus ? figure(versus->delta) : "",
                                 versus && std::isfinite(versus->z) ? figure(versus->z) : "",
                                 versus ? csv_number(round4(versus->p_value)) : "", versus ? flag(versus->significant) : ""});
        }
    }
    return out;
}

} // namespace touchpoint::reports
