// The tables of a score report as CSV, for spreadsheets: one row per question
// and per bucket, one row per option of each choice question, or one row per
// segment value. Figures are rounded as in the JSON (reports/rounding.hpp);
// cells a spreadsheet would run as a formula are neutralised by the CSV writer.
#pragma once

#include "reports/score_report.hpp"

#include <string>

namespace touchpoint::reports {

// question_id, type, bucket_start (empty for the whole period), n, small_sample,
// mean, nps, promoters, passives, detractors, ci_low, ci_high, satisfied_share,
// easy_share, yes_share, change_delta, change_p_value, change_significant.
std::string score_table_csv(const score_report& report);

// question_id, type, option, count, share, n.
std::string choice_table_csv(const score_report& report);

// With a segment: question_id, type, segment, value, n, small_sample, mean, nps,
// satisfied_share, easy_share, yes_share, versus_rest_delta, versus_rest_z,
// versus_rest_p_value, versus_rest_significant; one row per scored question and
// segment value. Only the header when the report is not segmented.
std::string segment_table_csv(const score_report& report);

} // namespace touchpoint::reports
