#include "reports/text/term_weights.hpp"

#include "reports/text/lexicons.hpp"

#include <cmath>
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

term_learner::term_learner(std::string_view language) : tables_(tables_for(language)) {}

// Stop words ("we", "the", "nous") lean with the topics of a workspace's
// comments, not with feeling, so they are not learned; one the lexicon rates is,
// as its rating may be wrong for the domain (French "cher" is "dear" there, and
// a stop word, but "expensive" in a survey).
bool term_learner::is_unrated_stop_word(const analysed_word& word) const {
    return tables_ && tables_->stopwords.count(word.plain) && !tables_->valences.count(word.plain);
}

void term_learner::add(const std::vector<analysed_word>& words, int polarity) {
    if (polarity == 0) return;
    ++comments_;
    // Presence per comment: one angry comment repeating "slow" counts once.
    std::unordered_set<std::string> seen;
    for (const auto& word : words)
        if (!word.contrast && !word.stem.empty() && !is_unrated_stop_word(word)) seen.insert(feature_of(word));
    for (const auto& feature : seen) {
        auto& c = features_[feature];
        (polarity > 0 ? c.positive : c.negative) += 1;
        (polarity > 0 ? positive_total_ : negative_total_) += 1;
    }
}

learned_weights term_learner::weights(const learning_options& options) const {
    learned_weights out;
    if (positive_total_ == 0 || negative_total_ == 0) return out;
    const double all = positive_total_ + negative_total_;
    const double prior_total = options.prior_share * all;
    for (const auto& [feature, c] : features_) {
        if (c.positive + c.negative < options.min_comments) continue;
        const double prior_term = prior_total * (c.positive + c.negative) / all;
        const auto odds =
            informative_log_odds(c.positive, positive_total_, c.negative, negative_total_, prior_term, prior_total);
        if (std::fabs(odds.z) < options.min_z || std::fabs(odds.delta) < options.min_log_odds) continue;
        out[feature] = static_cast<float>(std::tanh(odds.delta));
    }
    return out;
}

learned_weights learn_weights(std::string_view language, const std::vector<scored_comment>& comments,
                              const learning_options& options) {
    term_learner learner(language);
    for (const auto& comment : comments) learner.add(comment.words, comment.polarity);
    return learner.weights(options);
}

} // namespace touchpoint::reports::text
