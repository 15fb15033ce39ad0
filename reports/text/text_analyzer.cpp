#include "reports/text/text_analyzer.hpp"

#include "reports/text/language.hpp"
#include "reports/text/tokenizer.hpp"

namespace touchpoint::reports::text {

// The default taxonomy is a static: share it without owning it.
text_analyzer::text_analyzer() : taxonomy_(std::shared_ptr<void>(), &theme_taxonomy::default_taxonomy()) {}

void text_analyzer::set_learned(std::string language, learned_weights weights) {
    learned_[std::move(language)] = std::move(weights);
}

text_analysis text_analyzer::analyse(std::string_view text, std::string_view locale_hint) const {
    text_analysis out;
    out.language = detect_language(text, locale_hint);
    if (!is_analysed_language(out.language)) return out; // marked with its language, not scored
    out.words = analyse_words(tokenize(text, out.language), out.language);
    const auto learned = learned_.find(out.language);
    out.feeling = score_sentiment(out.words, out.language, learned == learned_.end() ? nullptr : &learned->second);
    out.themes = taxonomy_->match(out.words, out.language);
    out.phrases = key_phrases(out.words, out.language);
    return out;
}

} // namespace touchpoint::reports::text
