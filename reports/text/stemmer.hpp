// Snowball stemming (libstemmer) of case-folded words, per language.
#pragma once

#include <string>
#include <string_view>

namespace touchpoint::reports::text {

// The stem of a case-folded word in "en", "fr" or "nl"; other languages get the
// word back unchanged.
std::string stem(std::string_view word, std::string_view language);

} // namespace touchpoint::reports::text
