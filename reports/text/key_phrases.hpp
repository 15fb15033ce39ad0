// Key phrases of a comment, the raw material of discovered themes: runs of
// content words (no stop words, negators, intensifiers or contrast words) that
// punctuation does not cut, keyed by their stems so inflections merge
// ("slow invoices" and "slow invoice" are one phrase).
#pragma once

#include "reports/text/sentiment.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace touchpoint::reports::text {

struct key_phrase {
    std::string stems; // stems joined by spaces: the key phrases are counted by
    std::string words; // the words as written (folded): how the phrase is shown
};

// Each phrase once per comment, in order of appearance. A run of one to three
// content words is a phrase; a longer run gives its word pairs.
std::vector<key_phrase> key_phrases(const std::vector<analysed_word>& words, std::string_view language);

} // namespace touchpoint::reports::text
