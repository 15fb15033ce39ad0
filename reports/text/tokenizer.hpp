// Unicode word segmentation (ICU's word break rules) with case folding, the
// first step of the text analysis. Sentence and clause punctuation is kept as
// break tokens, because negation and contrast stop at it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace touchpoint::reports::text {

struct token {
    enum class kind { word, clause_break, sentence_break };
    kind type = kind::word;
    std::string text;  // case-folded word, accents kept ("déçu")
    std::string plain; // the same without diacritics ("decu"), for lexicons keyed that way
};

// French elisions ("l'équipe", "n'est") become two words ("l'", "équipe");
// English contractions ("don't") stay one.
std::vector<token> tokenize(std::string_view utf8, std::string_view language);

// Case-folded, diacritics removed: "Déçu" -> "decu".
std::string fold_plain(std::string_view utf8);

} // namespace touchpoint::reports::text
