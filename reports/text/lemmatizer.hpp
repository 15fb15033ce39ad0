// Dictionary forms of inflected words from Hunspell's affix rules and the
// Debian dictionaries (hunspell-en-us, hunspell-fr, hunspell-nl): "échouent" →
// "échouer", "décevantes" → "décevant", "waardeloze" → "waardeloos". A lexicon
// that rates the dictionary form then rates every form of it, which a stem
// cannot do without matching unrelated words.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace touchpoint::reports::text {

// The dictionary forms Hunspell gives for a case-folded word with its
// diacritics ("échouent"), in "en", "fr" or "nl"; more than one when the form
// is ambiguous ("plante" → "planter", "plant"). Empty when the word is unknown,
// is its own dictionary form only, or the language's dictionary is not installed.
// Safe to call from any thread; calls take turns on the dictionary (about 3 to
// 15 µs a word), so callers remember what they need.
std::vector<std::string> lemmas(std::string_view word, std::string_view language);

// Whether the language's Hunspell dictionary is installed, for the startup log
// (without loading it).
bool has_dictionary(std::string_view language);

// Where the dictionaries are read from (TOUCHPOINT_HUNSPELL_DIR at build time,
// /usr/share/hunspell by default).
std::string_view dictionary_directory();

} // namespace touchpoint::reports::text
