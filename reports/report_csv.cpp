#include "reports/report_csv.hpp"

#include "reports/csv_writer.hpp"
#include "reports/json_cell.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

namespace touchpoint::reports {
namespace json = boost::json;
namespace {

void score_row(std::string& out, const json::object& question, const json::object& stats, const std::string& bucket) {
    append_csv_row(out, {cell(question.if_contains("id")), cell(question.if_contains("type")), bucket,
                         cell(stats.if_contains("n")), cell(stats.if_contains("small_sample")),
                         cell(stats.if_contains("mean")), cell(at_path(stats, {"nps", "score"})),
                         cell(at_path(stats, {"nps", "promoters"})), cell(at_path(stats, {"nps", "passives"})),
                         cell(at_path(stats, {"nps", "detractors"})), cell(at_path(stats, {"nps", "ci_low"})),
                         cell(at_path(stats, {"nps", "ci_high"})), cell(at_path(stats, {"csat", "satisfied_share"})),
                         cell(at_path(stats, {"ces", "easy_share"})), cell(at_path(stats, {"yes_no", "yes_share"})),
                         cell(at_path(stats, {"change", "delta"})), cell(at_path(stats, {"change", "p_value"})),
                         cell(at_path(stats, {"change", "significant"}))});
}

} // namespace

std::string score_table_csv(const json::object& report) {
    std::string out;
    append_csv_row(out, {"question_id", "type", "bucket_start", "n", "small_sample", "mean", "nps", "promoters",
                         "passives", "detractors", "ci_low", "ci_high", "satisfied_share", "easy_share", "yes_share",
                         "change_delta", "change_p_value", "change_significant"});
    const auto* questions = report.if_contains("questions");
    if (!questions || !questions->is_array()) return out;
    for (const auto& item : questions->get_array()) {
        const auto& question = item.as_object();
        if (question.contains("choices")) continue;
        score_row(out, question, question, "");
        if (const auto* buckets = question.if_contains("buckets"))
            for (const auto& bucket : buckets->as_array())
                score_row(out, question, bucket.as_object(), cell(bucket.as_object().if_contains("start")));
    }
    return out;
}

std::string choice_table_csv(const json::object& report) {
    std::string out;
    append_csv_row(out, {"question_id", "type", "option", "count", "share", "n"});
    const auto* questions = report.if_contains("questions");
    if (!questions || !questions->is_array()) return out;
    for (const auto& item : questions->get_array()) {
        const auto& question = item.as_object();
        const auto* choices = question.if_contains("choices");
        if (!choices) continue;
        for (const auto& choice : choices->as_array()) {
            const auto& option = choice.as_object();
            append_csv_row(out, {cell(question.if_contains("id")), cell(question.if_contains("type")),
                                 cell(option.if_contains("id")), cell(option.if_contains("count")),
                                 cell(option.if_contains("share")), cell(question.if_contains("n"))});
        }
    }
    return out;
}

std::string segment_table_csv(const json::object& report) {
    std::string out;
    append_csv_row(out, {"question_id", "type", "segment", "value", "n", "small_sample", "mean", "nps", "satisfied_share",
                         "easy_share", "yes_share", "versus_rest_delta", "versus_rest_z", "versus_rest_p_value",
                         "versus_rest_significant"});
    const auto* questions = report.if_contains("questions");
    if (!questions || !questions->is_array()) return out;
    const std::string segment = cell(report.if_contains("segment"));
    for (const auto& item : questions->get_array()) {
        const auto& question = item.as_object();
        const auto* segments = question.if_contains("segments");
        if (!segments || question.contains("choices")) continue;
        for (const auto& entry : segments->as_array()) {
            const auto& stats = entry.as_object();
            append_csv_row(out, {cell(question.if_contains("id")), cell(question.if_contains("type")), segment,
                                 cell(stats.if_contains("value")), cell(stats.if_contains("n")),
                                 cell(stats.if_contains("small_sample")), cell(stats.if_contains("mean")),
                                 cell(at_path(stats, {"nps", "score"})), cell(at_path(stats, {"csat", "satisfied_share"})),
                                 cell(at_path(stats, {"ces", "easy_share"})), cell(at_path(stats, {"yes_no", "yes_share"})),
                                 cell(at_path(stats, {"versus_rest", "delta"})), cell(at_path(stats, {"versus_rest", "z"})),
                                 cell(at_path(stats, {"versus_rest", "p_value"})),
                                 cell(at_path(stats, {"versus_rest", "significant"}))});
        }
    }
    return out;
}

} // namespace touchpoint::reports
