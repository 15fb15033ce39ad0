// Which terms (or themes) lean towards one group of comments rather than
// another: the log-odds ratio with an informative Dirichlet prior (Monroe,
// Colaresi and Quinn, 2008), whose z-score states how sure the lean is. Used to
// learn domain words from scored comments and for the driver analysis.
#pragma once

#include "reports/text/sentiment.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace touchpoint::reports::text {

struct log_odds {
    double delta = 0; // log-odds of the term in group a minus in group b
    double z = 0;     // delta over its standard error
};

// in_a of total_a occurrences in group a, in_b of total_b in group b; the prior
// puts prior_term of prior_total pseudo-occurrences on the term in each group.
log_odds informative_log_odds(double in_a, double total_a, double in_b, double total_b, double prior_term,
                              double prior_total);

// A comment whose answer scored it: +1 (promoter, satisfied, easy), -1
// (detractor, unsatisfied, hard); passives are left out of learning.
struct scored_comment {
    std::vector<analysed_word> words;
    int polarity = 0;
};

struct learning_options {
    int min_comments = 3;   // a feature seen in fewer comments is not learned
    double min_z = 1.96;    // nor one whose lean is not significant at 5 %
    // Nor one that leans less than this: a log-odds ratio of 1 is a word e (2.7) times
    // likelier on one side. Topic words ("team", "rapports") lean a little, and in
    // a large workspace even a little is significant.
    double min_log_odds = 1.0;
    // Pseudo-occurrences of the prior, as a share of the observed ones, spread
    // over the features by their frequency: a fixed count would drown a small
    // workspace's comments and vanish in a large one's.
    double prior_share = 0.1;
};

// Counts, comment by comment, how often each feature appears in positive and in
// negative comments; memory grows with the vocabulary, not with the comments.
struct language_tables;

class term_learner {
public:
    term_learner() = default;
    // Stop words of `language` the lexicon does not rate are not learned.
    explicit term_learner(std::string_view language);
    void add(const std::vector<analysed_word>& words, int polarity);
    // Weights in [-1, 1] of the features that lean significantly one way.
    learned_weights weights(const learning_options& options = {}) const;
    std::int64_t comments() const { return comments_; } // those with a polarity

private:
    struct counts {
        double positive = 0, negative = 0;
    };
    bool is_unrated_stop_word(const analysed_word& word) const;

    const language_tables* tables_ = nullptr;
    std::unordered_map<std::string, counts> features_;
    double positive_total_ = 0, negative_total_ = 0;
    std::int64_t comments_ = 0;
};

// Weights in [-1, 1] of the features (stems, negated stems) that lean
// significantly towards positive or negative comments.
learned_weights learn_weights(std::string_view language, const std::vector<scored_comment>& comments,
                              const learning_options& options = {});

} // namespace touchpoint::reports::text
