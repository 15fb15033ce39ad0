#include "reports/text/sentiment.hpp"

#include "reports/text/lemmatizer.hpp"
#include "reports/text/lexicons.hpp"
#include "reports/text/stemmer.hpp"

#include <cmath>
#include <map>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <unordered_map>
#include <utility>

namespace touchpoint::reports::text {
namespace {

// A negator reaches this many words ahead, within its clause.
constexpr int negation_reach = 3;
constexpr double intensifier_boost = 1.5;
// "too slow", "trop de bugs", "te vaak": the word after an excess marker counts at
// least this negative, whatever its own valence ("trop cher" is a complaint even
// though Pattern reads "cher" as "dear").
constexpr double excess_valence = -0.5;
constexpr double negation_factor = -0.75;
// A clause before a contrast word weighs half, the one after it one and a half.
constexpr double before_contrast = 0.5, after_contrast = 1.5;
// Below this |score| a comment is neutral; a clause this strong on each side makes it mixed.
constexpr double neutral_below = 0.15, mixed_clause = 0.25;

// The lexicon's valence of a word through its dictionary forms, each as
// written or by stem. A form whose dictionary forms lean opposite ways is not rated.
std::optional<double> valence_by_dictionary_form(const language_tables& tables, const std::string& word,
                                                 std::string_view language) {
    double sum = 0;
    int rated = 0;
    bool positive = false, negative = false;
    for (const auto& lemma : lemmas(word, language)) {
        auto found = tables.valences.find(fold_plain(lemma));
        if (found == tables.valences.end()) found = tables.valences.find(fold_plain(stem(lemma, language)));
        if (found == tables.valences.end()) continue;
        sum += found->second;
        ++rated;
        positive |= found->second > 0;
        negative |= found->second < 0;
    }
    if (rated == 0 || (positive && negative)) return std::nullopt;
    return sum / rated;
}

// Dictionary-form valences remembered per language: comments reuse a small
// vocabulary, and a Hunspell lookup costs more than the rest of a word's
// analysis. Past this many words per language new ones are looked up each
// time, which keeps memory bounded on unusual input.
class remembered_valences {
public:
    std::optional<double> get(const language_tables& tables, const std::string& word, std::string_view language) {
        {
            std::shared_lock lock(mutex_);
            if (auto found = remembered_.find(word); found != remembered_.end()) return found->second;
        }
        auto valence = valence_by_dictionary_form(tables, word, language);
        std::unique_lock lock(mutex_);
        if (remembered_.size() < capacity) remembered_.try_emplace(word, valence);
        return valence;
    }

private:
    static constexpr std::size_t capacity = 100'000;
    std::shared_mutex mutex_;
    std::unordered_map<std::string, std::optional<double>> remembered_;
};

// The lexicon's valence of a word: as written, by its stem, then by its
// dictionary forms ("échouent" → "échouer"). A stop word is rated only as
// written: "slechts" (only) shares its stem with "slecht" (bad), and "fois"
// (times) is a form of "foi" (faith).
std::optional<double> lexicon_valence(const language_tables& tables, const analysed_word& word,
                                      std::string_view language) {
    if (auto found = tables.valences.find(word.plain); found != tables.valences.end()) return found->second;
    if (tables.stopwords.count(word.plain) || tables.stopwords.count(word.text)) return std::nullopt;
    if (auto found = tables.valences.find(word.stem); found != tables.valences.end()) return found->second;
    static remembered_valences english, french, dutch;
    auto* remembered = language == "en" ? &english : language == "fr" ? &french : language == "nl" ? &dutch : nullptr;
    return remembered ? remembered->get(tables, word.text, language) : std::nullopt;
}

} // namespace

std::string_view to_string(sentiment_label label) {
    switch (label) {
    case sentiment_label::positive: return "positive";
    case sentiment_label::negative: return "negative";
    case sentiment_label::neutral: return "neutral";
    case sentiment_label::mixed: return "mixed";
    }
    return "neutral";
}

std::vector<analysed_word> analyse_words(const std::vector<token>& tokens, std::string_view language) {
    const auto* tables = tables_for(language);
    std::vector<analysed_word> out;
    int clause = 0, negation_left = 0;
    bool after_break = false;
    for (const auto& t : tokens) {
        if (t.type != token::kind::word) {
            negation_left = 0;
            after_break = true;
            if (t.type == token::kind::sentence_break) ++clause;
            continue;
        }
        const bool starts = std::exchange(after_break, false);
        if (tables && tables->contrasts.count(t.plain)) {
            ++clause;
            negation_left = 0;
            out.push_back({t.plain, "", false, true, clause, starts, t.text});
            continue;
        }
        if (tables && tables->negators.count(t.plain)) {
            negation_left = negation_reach;
            out.push_back({t.plain, t.plain, false, false, clause, starts, t.text});
            continue;
        }
        analysed_word word{t.plain, stem(t.text, language), negation_left > 0, false, clause, starts, t.text};
        word.stem = fold_plain(word.stem);
        if (negation_left > 0) --negation_left;
        out.push_back(std::move(word));
    }
    return out;
}

std::string feature_of(const analysed_word& word) { return word.negated ? "not:" + word.stem : word.stem; }

sentiment score_sentiment(const std::vector<analysed_word>& words, std::string_view language,
                          const learned_weights* learned) {
    const auto* tables = tables_for(language);
    struct clause_sums {
        double total = 0, positive = 0, negative = 0;
        void add(double value) {
            total += value;
            (value > 0 ? positive : negative) += value;
        }
    };
    std::map<int, clause_sums> clauses; // by clause number
    std::map<int, bool> follows_contrast, precedes_contrast;
    double boost = 1.0;
    bool excess = false; // an excess marker waits for the word it applies to
    for (const auto& word : words) {
        if (word.contrast) {
            follows_contrast[word.clause] = true;
            precedes_contrast[word.clause - 1] = true;
            excess = false;
            continue;
        }
        if (word.after_break) excess = false; // "I like it too, and ..." reaches no further
        if (tables && tables->excess.count(word.plain)) {
            excess = true;
            continue;
        }
        if (excess && tables && tables->quantities.count(word.plain)) continue; // "too many", "trop de", "te veel"
        // Dutch "te" before an infinitive ("makkelijk te gebruiken") is not an excess.
        const bool excessive = std::exchange(excess, false) && !(language == "nl" && word.plain.ends_with("en"));
        if (tables && tables->intensifiers.count(word.plain)) {
            boost = intensifier_boost;
            continue;
        }
        if (tables && tables->negators.count(word.plain)) continue;
        // An intensifier strengthens the word right after it, valenced or not:
        // "too expensive, and the support is terrible" does not boost "support".
        const double word_boost = std::exchange(boost, 1.0);
        // A learned weight wins over the lexicon; learned for the negated feature
        // ("not:terribl"), it already carries the negation.
        std::optional<double> valence;
        bool negation_applied = false;
        if (learned)
            if (auto found = learned->find(feature_of(word)); found != learned->end()) {
                valence = found->second;
                negation_applied = word.negated;
            }
        if (!valence && tables) valence = lexicon_valence(*tables, word, language);
        if (excessive) valence = std::min(valence.value_or(0.0), excess_valence);
        if (!valence) continue;
        if (word.negated && !negation_applied) *valence *= negation_factor;
        clauses[word.clause].add(*valence * word_boost);
    }
    // Mixed: one clause clearly positive and another clearly negative ("great
    // product but support is slow"), whatever the sum says.
    double total = 0;
    int positive_clause = -1, negative_clause = -1;
    for (const auto& [clause, sums] : clauses) {
        double weight = 1.0;
        if (follows_contrast.count(clause)) weight = after_contrast;
        else if (precedes_contrast.count(clause)) weight = before_contrast;
        total += sums.total * weight;
        if (sums.total >= mixed_clause || (sums.positive >= mixed_clause && sums.total > 0)) positive_clause = clause;
        if (sums.total <= -mixed_clause || (sums.negative <= -mixed_clause && sums.total < 0)) negative_clause = clause;
        if (sums.negative <= -mixed_clause && follows_contrast.count(clause)) negative_clause = clause;
    }
    sentiment out;
    out.score = total / std::sqrt(total * total + 1.0);
    if (positive_clause >= 0 && negative_clause >= 0 && positive_clause != negative_clause) out.label = sentiment_label::mixed;
    else if (out.score >= neutral_below) out.label = sentiment_label::positive;
    else if (out.score <= -neutral_below) out.label = sentiment_label::negative;
    else out.label = sentiment_label::neutral;
    return out;
}

} // namespace touchpoint::reports::text
