// The analysis of one free-text answer: language, sentiment and themes.
#pragma once

#include "reports/text/sentiment.hpp"
#include "reports/text/themes.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace touchpoint::reports::text {

struct text_analysis {
    std::string language; // "en", "fr", "nl", another ISO 639-1 code, or "und"
    sentiment feeling;
    std::vector<std::string> themes;
    std::vector<analysed_word> words; // for learning and phrase discovery
};

class text_analyzer {
public:
    explicit text_analyzer(const theme_taxonomy& taxonomy = theme_taxonomy::default_taxonomy()) : taxonomy_(taxonomy) {}

    // Learned domain weights per language (see term_weights.hpp); may be left empty.
    void set_learned(std::string language, learned_weights weights);

    // `locale_hint` is the response's locale; it helps on very short comments.
    text_analysis analyse(std::string_view text, std::string_view locale_hint) const;

private:
    const theme_taxonomy& taxonomy_;
    std::map<std::string, learned_weights, std::less<>> learned_;
};

} // namespace touchpoint::reports::text
