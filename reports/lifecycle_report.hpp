// Onboarding and lifecycle timing from the events a product posts: days from a
// start event (signup) to an end event (onboarding.completed) and to each named
// milestone, interactions during onboarding, per monthly cohort of the start;
// and, with an onboarding survey, the satisfaction of fast versus slow onboarders.
#pragma once

#include "reports/time_zone.hpp"
#include "surveys/question_type.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace touchpoint::reports {

// One contact: when it first did the start event, and when it first did the
// end event and each milestone at or after that (empty: not yet).
struct lifecycle_contact {
    std::int64_t started = 0; // UTC milliseconds
    std::optional<std::int64_t> ended;
    std::vector<std::optional<std::int64_t>> milestones; // in the settings' order
    std::optional<std::int64_t> interactions;            // from start to end, when ended
    std::optional<std::int64_t> score;                   // latest answer to the satisfaction question
};

struct satisfaction_question {
    std::string survey_id;
    std::string question_id;
    surveys::question_type type = surveys::question_type::csat;
};

struct lifecycle_settings {
    std::string start_event = "signup";
    std::string end_event = "onboarding.completed";
    std::vector<std::string> milestones;
    std::vector<std::string> interactions; // event names counted during onboarding
    std::optional<satisfaction_question> satisfaction;
    // Onboarded within this many days is fast; empty: the median of all who onboarded.
    std::optional<double> fast_days;
};

// Median, mean and 90th percentile of a measure; percentiles interpolate
// linearly between the two nearest ranks (numpy's default, Excel's PERCENTILE.INC).
struct summary {
    std::size_t n = 0;
    double median = 0, mean = 0, p90 = 0, min = 0, max = 0;
};
// Sorts `values`; n is 0 (and the rest meaningless) when there are none. The
// figures are computed in double precision from the stored floats.
summary summarize(std::vector<float>& values);

class lifecycle_report_builder {
public:
    lifecycle_report_builder(lifecycle_settings settings, const time_zone& zone);
    lifecycle_report_builder(lifecycle_report_builder&&) noexcept;
    ~lifecycle_report_builder();

    void add(const lifecycle_contact& contact);

    // {"contacts","onboarding","milestones","cohorts":[{"month",...}],"satisfaction"}
    boost::json::object to_json();

private:
    struct measures;
    lifecycle_settings settings_;
    const time_zone& zone_;
    std::map<std::int64_t, std::unique_ptr<measures>> cohorts_; // by the local day the month starts on
    std::vector<std::pair<double, std::int64_t>> onboarded_scores_; // days to onboard, score
    std::map<std::int64_t, std::int64_t> not_onboarded_scores_;       // score -> count
};

// month, measure (onboarding or a milestone's name), contacts, reached,
// not_reached, reached_share, median_days, mean_days, p90_days,
// interactions_median, interactions_mean, interactions_p90: the whole period
// (month "all") first, then each cohort.
std::string lifecycle_cohorts_csv(const boost::json::object& report);

// group (fast, slow, not_onboarded), n, mean, nps, satisfied_share, easy_share.
std::string lifecycle_satisfaction_csv(const boost::json::object& report);

} // namespace touchpoint::reports
