#include "reports/score_statistics.hpp"

#include <algorithm>
#include <cmath>

namespace touchpoint::reports {
namespace {

constexpr double z_95 = 1.959963984540054;

double percent(std::int64_t part, std::int64_t whole) {
    return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

nps_statistics nps_of(const score_distribution& distribution, std::int64_t n) {
    nps_statistics out;
    for (const auto& [score, count] : distribution) {
        if (score >= 9) out.promoters += count;
        else if (score >= 7) out.passives += count;
        else out.detractors += count;
    }
    out.promoter_share = percent(out.promoters, n);
    out.passive_share = percent(out.passives, n);
    out.detractor_share = percent(out.detractors, n);
    out.score = out.promoter_share - out.detractor_share;
    // Each answer scores +1, 0 or -1; the NPS is their mean, so its variance is
    // (p + d - (p - d)^2) / n with p and d the promoter and detractor proportions.
    const double p = static_cast<double>(out.promoters) / static_cast<double>(n);
    const double d = static_cast<double>(out.detractors) / static_cast<double>(n);
    const double half_width = 100.0 * z_95 * std::sqrt(std::max(0.0, p + d - (p - d) * (p - d)) / static_cast<double>(n));
    out.ci_low = std::max(-100.0, out.score - half_width);
    out.ci_high = std::min(100.0, out.score + half_width);
    return out;
}

} // namespace

score_statistics compute_statistics(surveys::question_type type, const score_distribution& distribution) {
    score_statistics out;
    double sum = 0;
    for (const auto& [score, count] : distribution) {
        out.n += count;
        sum += static_cast<double>(score) * static_cast<double>(count);
    }
    if (out.n == 0) return out;
    out.mean = sum / static_cast<double>(out.n);

    auto count_at_least = [&](std::int64_t threshold) {
        std::int64_t total = 0;
        for (auto it = distribution.lower_bound(threshold); it != distribution.end(); ++it) total += it->second;
        return total;
    };
    using surveys::question_type;
    if (type == question_type::nps) out.nps = nps_of(distribution, out.n);
    if (type == question_type::csat) {
        const auto satisfied = count_at_least(4);
        out.csat = csat_statistics{satisfied, percent(satisfied, out.n)};
    }
    if (type == question_type::ces) {
        const auto easy = count_at_least(5);
        out.ces = ces_statistics{easy, percent(easy, out.n)};
    }
    if (type == question_type::yes_no) {
        const auto yes = count_at_least(1);
        out.yes_no = yes_no_statistics{yes, out.n - yes, percent(yes, out.n)};
    }
    return out;
}

} // namespace touchpoint::reports
