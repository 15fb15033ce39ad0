// The report entry of a single or multi choice question: how often each option
// was chosen, and its share of the responses that chose anything there.
#pragma once

#include "reports/segment.hpp"
#include "surveys/question_type.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace touchpoint::reports {

struct choice_tally {
    std::string id;
    surveys::question_type type = surveys::question_type::single_choice;
    std::vector<std::string> options;           // the definition's order; options nobody chose count 0
    std::map<std::string, std::int64_t> counts; // option id -> times chosen
    std::int64_t respondents = 0;               // responses that chose at least one option
};

// {"id","type","n","choices":[{"id","count","share"}]}; shares in percent of n, so
// with multi_choice they may add up to more than 100. Options no longer in the
// definition but found in answers come last.
boost::json::object choice_question_report(const choice_tally& tally);

// "segments" of a choice question: each value's n and choices, largest first.
boost::json::array choice_segments_report(const std::map<segment_value, choice_tally>& by_segment, std::size_t* omitted);

} // namespace touchpoint::reports
