// A respondent's answers, keyed by question id, after validation.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace touchpoint::surveys {

// Scored questions hold an integer, yes_no a bool, single_choice an option id,
// text the text, multi_choice the chosen option ids.
using answer_value = std::variant<std::int64_t, bool, std::string, std::vector<std::string>>;
using answer_map = std::map<std::string, answer_value, std::less<>>;

} // namespace touchpoint::surveys
