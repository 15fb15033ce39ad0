// The score report of a survey as a typed value: statistics per scored question
// and option counts per choice question, for the whole period, per time bucket
// and per segment; its builder, which aggregates the store's counts; and its
// JSON form, the public contract of GET /v1/reports/{survey_id}/scores
// (docs/reports.md). Figures are held at full precision and rounded where they
// are written (reports/rounding.hpp), so JSON, CSV and HTML agree.
#pragma once

#include "reports/choice_report.hpp"
#include "reports/period_change.hpp"
#include "reports/response_rates.hpp"
#include "reports/score_statistics.hpp"
#include "reports/segment.hpp"
#include "reports/time_bucket.hpp"
#include "surveys/survey_definition.hpp"

#include <boost/json/fwd.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace touchpoint::reports {

class time_zone;

// Below this many answers a statistic is flagged "small_sample": its interval is
// too wide to act on.
constexpr std::int64_t small_sample_below = 30;

// A score distribution (score -> answers) and the statistics of its question type.
struct score_summary {
    score_distribution distribution;
    score_statistics statistics;

    bool small_sample() const { return statistics.n < small_sample_below; }
};

score_summary summarize_scores(surveys::question_type type, score_distribution distribution);

// One time bucket of a scored question's trend.
struct score_bucket {
    std::int64_t start = 0; // day number of the bucket's first day (reports/time_bucket.hpp)
    score_summary scores;
    // Against the previous bucket that has answers; empty for the first bucket
    // and when either bucket has fewer than 2 answers.
    std::optional<period_change> change;
    std::int64_t previous_start = 0; // day number of that bucket, when there is a change
};

// One value of the report's segment: its statistics and how it differs from all
// other responses (the same z test as a bucket's change; empty below 2 answers).
struct score_segment {
    segment_value value;
    score_summary scores;
    std::optional<period_change> versus_rest;
};

// An NPS, CSAT, CES, rating or yes/no question.
struct scored_question {
    std::string id;
    surveys::question_type type = surveys::question_type::nps;
    score_summary scores; // the whole period
    std::optional<std::vector<score_bucket>> buckets;   // with an interval: every bucket that has answers, oldest first
    std::optional<std::vector<score_segment>> segments; // with a segment: the largest max_segments values
    std::size_t segments_omitted = 0;                    // values beyond those
};

// The entry of a single or multi choice question.
struct choice_question {
    choice_counts counts;
    std::optional<std::vector<choice_segment>> segments; // with a segment: the largest max_segments values
    std::size_t segments_omitted = 0;
};

using report_question = std::variant<scored_question, choice_question>;

struct score_report {
    std::string survey_id;
    std::int64_t version = 0;                  // the survey version whose questions are reported
    std::optional<std::string> from, to;       // the period asked, ISO 8601 UTC instants, [from, to)
    std::optional<interval> bucket_interval;   // trend buckets, when asked
    std::string timezone = "UTC";              // IANA name; days and buckets follow its calendar
    std::vector<std::pair<std::string, std::string>> filters; // "channel", "locale", "campaign", "attr.NAME" -> value
    std::optional<std::string> segment;        // as asked: "channel", "attr.plan"
    std::vector<report_question> questions;    // the current version's reportable questions, in its order
    std::optional<response_rates> rates;       // when asked
};

// The survey's headline question among the report's: its NPS question, else its
// CSAT, else its CES one; null when it has none.
const scored_question* headline_of(const score_report& report);

struct score_report_options {
    std::optional<interval> bucket_interval;
    bool segmented = false;
};

// Answers of one question grouped by local day and, when segmented, by segment value.
struct question_scores {
    std::string id;
    surveys::question_type type = surveys::question_type::nps;
    std::map<std::int64_t, score_distribution> by_day; // local day number -> distribution
    std::map<segment_value, score_distribution> by_segment;
};

// One scored question of the report from its answers: the whole period, the
// buckets of options.bucket_interval and the segments when options.segmented.
scored_question score_question(const question_scores& scores, const score_report_options& options);

// Each segment value's statistics against the rest, largest first (equal sizes
// in value order); at most max_segments of them, the count left out in *omitted.
std::vector<score_segment> score_segments(surveys::question_type type,
                                          const std::map<segment_value, score_distribution>& by_segment,
                                          std::size_t* omitted);

// Aggregates the store's per-day counts into the questions of a score report.
// Only questions of `questions` (the survey's current version) are reported;
// answers to questions an edit removed are left out.
class score_report_builder {
public:
    score_report_builder(const std::vector<surveys::question>& questions, const time_zone& zone,
                         score_report_options options);
    ~score_report_builder();
    score_report_builder(const score_report_builder&) = delete;
    score_report_builder& operator=(const score_report_builder&) = delete;

    // `count` answers of `score` on UTC day `utc_day`, `after_cut` of them at or
    // after that day's local midnight in the zone (0 in UTC).
    void add_scores(const std::string& question_id, std::int64_t utc_day, std::int64_t score, std::int64_t count,
                    std::int64_t after_cut, const segment_value& segment);
    // `count` answers chose `option`.
    void add_choice(const std::string& question_id, const std::string& option, std::int64_t count,
                    const segment_value& segment);
    // `count` responses chose at least one option.
    void add_choice_respondents(const std::string& question_id, std::int64_t count, const segment_value& segment);

    // In the definition's order.
    std::vector<report_question> questions() const;

private:
    struct state;
    std::unique_ptr<state> state_;
};

// JSON of the public contract. A statistic set is {"n","small_sample","mean",
// and "nps" | "csat" | "ces" | "yes_no"}; a scored question adds "id", "type",
// "distribution" ({"score": answers}), "buckets" and "segments"/"segments_omitted"
// when asked; a choice question is {"id","type","n","choices"} (+ segments).
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const score_statistics& stats);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const score_summary& summary);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const scored_question& question);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const choice_question& question);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const score_report& report);

// The statistics object alone, as embedded in the text and lifecycle reports.
boost::json::object statistics_to_json(const score_statistics& stats);

} // namespace touchpoint::reports
