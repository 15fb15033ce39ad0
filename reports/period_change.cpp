#include "reports/period_change.hpp"

#include "reports/rounding.hpp"

#include <boost/json.hpp>

#include <cmath>
#include <limits>

namespace touchpoint::reports {
namespace json = boost::json;
using surveys::question_type;
namespace {

// The value one answer contributes to the type's headline measure.
double value_of(question_type type, std::int64_t score) {
    switch (type) {
    case question_type::nps: return score >= 9 ? 100.0 : score >= 7 ? 0.0 : -100.0;
    case question_type::csat: return score >= 4 ? 100.0 : 0.0;
    case question_type::yes_no: return score >= 1 ? 100.0 : 0.0;
    default: return static_cast<double>(score);
    }
}

const char* measure_of(question_type type) {
    switch (type) {
    case question_type::nps: return "nps";
    case question_type::csat: return "satisfied_share";
    case question_type::yes_no: return "yes_share";
    default: return "mean";
    }
}

struct moments {
    double n = 0;
    double mean = 0;
    double variance_of_mean = 0;
};

moments moments_of(question_type type, const score_distribution& distribution) {
    moments out;
    double sum = 0, squares = 0;
    for (const auto& [score, count] : distribution) {
        const double value = value_of(type, score);
        out.n += static_cast<double>(count);
        sum += value * static_cast<double>(count);
        squares += value * value * static_cast<double>(count);
    }
    if (out.n == 0) return out;
    out.mean = sum / out.n;
    out.variance_of_mean = std::max(0.0, squares / out.n - out.mean * out.mean) / out.n;
    return out;
}

} // namespace

std::optional<period_change> compare_periods(question_type type, const score_distribution& previous,
                                             const score_distribution& current) {
    const auto before = moments_of(type, previous);
    const auto after = moments_of(type, current);
    if (before.n < 2 || after.n < 2) return std::nullopt;
    period_change out;
    out.measure = measure_of(type);
    out.delta = after.mean - before.mean;
    const double standard_error = std::sqrt(before.variance_of_mean + after.variance_of_mean);
    if (standard_error > 0) {
        out.z = out.delta / standard_error;
        out.p_value = std::erfc(std::fabs(out.z) / std::sqrt(2.0));
    } else if (out.delta != 0) {
        // Every answer alike in each period, and the periods differ: no doubt left.
        out.z = std::copysign(std::numeric_limits<double>::infinity(), out.delta);
        out.p_value = 0;
    }
    out.significant = out.p_value < 0.05;
    return out;
}

json::object period_change_to_json(const period_change& change) {
    return {{"measure", change.measure},
            {"delta", round2(change.delta)},
            {"z", std::isfinite(change.z) ? json::value(round2(change.z)) : json::value(nullptr)},
            {"p_value", round4(change.p_value)},
            {"significant", change.significant},
            {"test", "two-sided z test on the difference of means, unpooled variances, 5 % level"}};
}

} // namespace touchpoint::reports
