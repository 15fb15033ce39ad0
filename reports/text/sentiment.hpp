// Sentiment of a comment: lexicon valences of its words, turned by negation
// ("not bad", "pas terrible", "niet slecht"), strengthened by intensifiers,
// weighted towards the clause after a contrast ("great product but support is
// slow"), plus domain words learned from scored comments (see term_weights).
#pragma once

#include "reports/text/tokenizer.hpp"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace touchpoint::reports::text {

enum class sentiment_label { positive, negative, neutral, mixed };
std::string_view to_string(sentiment_label label);

struct sentiment {
    double score = 0; // in [-1, 1]
    sentiment_label label = sentiment_label::neutral;
};

// A word as the analysis sees it: folded, diacritics removed, and stemmed.
struct analysed_word {
    std::string plain;
    std::string stem;
    bool negated = false;  // within the reach of a negator
    bool contrast = false; // a contrast word ("but"): it opens `clause`
    int clause = 0;        // clauses are cut by contrast words and sentence ends
    bool after_break = false; // first word after punctuation: phrases do not run across it
    std::string text;         // folded, diacritics kept ("déçu"): how phrases are shown
};

// Words of a tokenised comment with negation scopes and clauses marked.
std::vector<analysed_word> analyse_words(const std::vector<token>& tokens, std::string_view language);

// Learned weights of features in [-1, 1]: a stem ("slow") or a negated stem
// ("not:terribl"), per language.
using learned_weights = std::unordered_map<std::string, float>;

// The feature a word contributes to learning and to learned weights.
std::string feature_of(const analysed_word& word);

sentiment score_sentiment(const std::vector<analysed_word>& words, std::string_view language,
                          const learned_weights* learned = nullptr);

} // namespace touchpoint::reports::text
