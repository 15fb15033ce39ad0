// The published lexicons, as the build converted them (scripts/convert-lexicons.py).
#pragma once

namespace touchpoint::reports::text {

struct lexicon_source {
    const char* language;  // "en", "fr", "nl"
    const char* valences;  // "word\tvalue\n" lines, value in [-1, 1]; fr and nl are stems
    const char* stopwords; // a word per line
    const char* secondary; // like valences, whole words, for words the first table lacks (fr, nl)
};

extern const lexicon_source lexicon_sources[];
extern const int lexicon_source_count;

} // namespace touchpoint::reports::text
