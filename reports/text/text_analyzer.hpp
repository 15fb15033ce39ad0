// The analysis of one free-text answer: language, sentiment and themes.
#pragma once

#include "reports/text/key_phrases.hpp"
#include "reports/text/sentiment.hpp"
#include "reports/text/term_weights.hpp"
#include "reports/text/themes.hpp"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace touchpoint::reports::text {

struct text_analysis {
    std::string language; // "en", "fr", "nl", another ISO 639-1 code, or "und"
    sentiment feeling;
    std::vector<std::string> themes;
    std::vector<key_phrase> phrases;
    std::vector<analysed_word> words; // for learning
};

class text_analyzer {
public:
    text_analyzer(); // with the default taxonomy
    explicit text_analyzer(std::shared_ptr<const theme_taxonomy> taxonomy) : taxonomy_(std::move(taxonomy)) {}

    const theme_taxonomy& taxonomy() const { return *taxonomy_; }

    // Learned domain weights per language (see term_weights.hpp); may be left empty.
    void set_learned(std::string language, learned_weights weights);

    // `locale_hint` is the response's locale; it helps on very short comments.
    text_analysis analyse(std::string_view text, std::string_view locale_hint) const;

private:
    std::shared_ptr<const theme_taxonomy> taxonomy_;
    std::map<std::string, learned_weights, std::less<>> learned_;
};

} // namespace touchpoint::reports::text
