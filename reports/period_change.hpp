// Whether a bucket's headline statistic changed against the bucket before it,
// with a stated test: the difference of the two means of per-answer values
// (NPS: +100/0/-100; CSAT, yes/no: 100 or 0 so the mean is the share; CES and
// ratings: the score) over its standard error with unpooled variances, a
// two-sided z test.
#pragma once

#include "reports/score_statistics.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace touchpoint::reports {

struct period_change {
    std::string measure; // "nps", "satisfied_share", "yes_share" or "mean"
    double delta = 0;    // current minus previous, in the measure's unit
    double z = 0;
    double p_value = 1; // two-sided
    bool significant = false; // p < 0.05
};

// Empty when either period has fewer than 2 answers: no test can say anything.
std::optional<period_change> compare_periods(surveys::question_type type, const score_distribution& previous,
                                             const score_distribution& current);

boost::json::object period_change_to_json(const period_change& change);

} // namespace touchpoint::reports
