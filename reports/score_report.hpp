// The score report of a survey: statistics per scored question, overall and per
// time bucket, as the JSON of the public contract.
#pragma once

#include "reports/score_statistics.hpp"
#include "reports/segment.hpp"
#include "reports/time_bucket.hpp"

#include <boost/json/object.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint::reports {

// Answers of one question grouped by day of the report's calendar (local days
// when the report has a time zone) and, when segmented, by segment value.
struct question_scores {
    std::string id;
    surveys::question_type type = surveys::question_type::nps;
    std::map<std::int64_t, score_distribution> by_day;
    std::map<segment_value, score_distribution> by_segment;
};

struct score_report_options {
    std::optional<interval> bucket_interval;
    bool segmented = false;
};


// Below this many answers a statistic is flagged "small_sample": its interval is
// too wide to act on.
constexpr std::int64_t small_sample_below = 30;

boost::json::object statistics_to_json(const score_statistics& stats);

// "segments": each value's statistics and its difference from all other
// responses ("versus_rest", the same z test as a bucket's change), largest first.
boost::json::array segments_report(surveys::question_type type, const std::map<segment_value, score_distribution>& by_segment,
                                   std::size_t* omitted);

// One entry of "questions": id, type, n, the type's statistics, distribution and,
// when an interval is asked for, buckets.
boost::json::object question_report(const question_scores& scores, const score_report_options& options);

} // namespace touchpoint::reports
