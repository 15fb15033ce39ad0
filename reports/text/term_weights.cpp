#include "reports/text/term_weights.hpp"

#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace touchpoint::reports::text {

log_odds informative_log_odds(double in_a, double total_a, double in_b, double total_b, double prior_term,
                              double prior_total) {
    log_odds out;
    const double a = in_a + prior_term, b = in_b + prior_term;
    const double rest_a = total_a + prior_total - a, rest_b = total_b + prior_total - b;
    if (a <= 0 || b <= 0 || rest_a <= 0 || rest_b <= 0) return out;
    out.delta = std::log(a / rest_a) - std::log(b / rest_b);
    out.z = out.delta / std::sqrt(1.0 / a + 1.0 / b);
    return out;
}

learned_weights learn_weights(const std::vector<scored_comment>& comments, const learning_options& options) {
    struct counts {
        double positive = 0, negative = 0;
    };
    std::unordered_map<std::string, counts> features;
    double positive_total = 0, negative_total = 0;
    std::unordered_set<std::string> seen;
    for (const auto& comment : comments) {
        if (comment.polarity == 0) continue;
        seen.clear();
        for (const auto& word : comment.words)
            if (!word.contrast && !word.stem.empty()) seen.insert(feature_of(word));
        // Presence per comment: one angry comment repeating "slow" counts once.
        for (const auto& feature : seen) {
            auto& c = features[feature];
            (comment.polarity > 0 ? c.positive : c.negative) += 1;
            (comment.polarity > 0 ? positive_total : negative_total) += 1;
        }
    }
    const double all = positive_total + negative_total;
    learned_weights out;
    if (positive_total == 0 || negative_total == 0) return out;
    for (const auto& [feature, c] : features) {
        if (c.positive + c.negative < options.min_comments) continue;
        const double prior_total = options.prior_share * all;
        const double prior_term = prior_total * (c.positive + c.negative) / all;
        const auto odds =
            informative_log_odds(c.positive, positive_total, c.negative, negative_total, prior_term, prior_total);
        if (std::fabs(odds.z) < options.min_z) continue;
        out[feature] = static_cast<float>(std::tanh(odds.delta));
    }
    return out;
}

} // namespace touchpoint::reports::text
