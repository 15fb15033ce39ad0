// Per-language word tables for the analysis: the published sentiment lexicon
// and stop words (converted at build time), and the few grammar words the
// sentiment rules need (negators, intensifiers, excess markers, contrast conjunctions).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace touchpoint::reports::text {

struct language_tables {
    std::string language;
    // Valence in [-1, 1] by word or stem, folded and without diacritics.
    std::unordered_map<std::string, float> valences;
    std::unordered_set<std::string> stopwords;
    std::unordered_set<std::string> negators;     // "not", "pas", "niet"
    std::unordered_set<std::string> intensifiers; // "very", "très", "erg"
    std::unordered_set<std::string> contrasts;    // "but", "mais", "maar"
    std::unordered_set<std::string> excess;       // "too", "trop", "te": too much of anything is a complaint
    std::unordered_set<std::string> quantities;   // "many", "de", "veel": "too many X" is an excess of X
};

// Null for a language without tables.
const language_tables* tables_for(std::string_view language);

} // namespace touchpoint::reports::text
