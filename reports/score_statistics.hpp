// Statistics of one scored question computed from its score distribution
// (score -> count), which the store produces with SQL aggregates.
#pragma once

#include "surveys/question_type.hpp"

#include <cstdint>
#include <map>
#include <optional>

namespace touchpoint::reports {

using score_distribution = std::map<std::int64_t, std::int64_t>;

struct nps_statistics {
    std::int64_t promoters = 0;
    std::int64_t passives = 0;
    std::int64_t detractors = 0;
    double promoter_share = 0; // percent
    double passive_share = 0;
    double detractor_share = 0;
    double score = 0; // promoter share - detractor share, in [-100, 100]
    double ci_low = 0; // 95% confidence interval of the score
    double ci_high = 0;
};

struct csat_statistics {
    std::int64_t satisfied = 0; // answers of 4 or 5
    double satisfied_share = 0; // percent
};

struct ces_statistics {
    std::int64_t easy = 0; // answers of 5, 6 or 7
    double easy_share = 0; // percent
};

struct yes_no_statistics {
    std::int64_t yes = 0; // stored as 1
    std::int64_t no = 0;  // stored as 0
    double yes_share = 0; // percent
};

struct score_statistics {
    std::int64_t n = 0;
    std::optional<double> mean; // empty when n is 0
    std::optional<nps_statistics> nps;
    std::optional<csat_statistics> csat;
    std::optional<ces_statistics> ces;
    std::optional<yes_no_statistics> yes_no;
};

score_statistics compute_statistics(surveys::question_type type, const score_distribution& distribution);

} // namespace touchpoint::reports
