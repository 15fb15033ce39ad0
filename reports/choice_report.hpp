// The report entry of a single or multi choice question: how often each option
// was chosen, and its share of the responses that chose anything there.
#pragma once

#include "reports/segment.hpp"
#include "surveys/question_type.hpp"

#include <boost/json/fwd.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace touchpoint::reports {

// What the store counted for one choice question (or one segment value of it).
struct choice_tally {
    std::string id;
    surveys::question_type type = surveys::question_type::single_choice;
    std::vector<std::string> options;           // the definition's order; options nobody chose count 0
    std::map<std::string, std::int64_t> counts; // option id -> times chosen
    std::int64_t respondents = 0;               // responses that chose at least one option
};

struct option_count {
    std::string id;
    std::int64_t count = 0;
    double share = 0; // percent of the respondents; with multi_choice shares may add up past 100
};

struct choice_counts {
    std::string id;
    surveys::question_type type = surveys::question_type::single_choice;
    std::int64_t n = 0; // respondents
    std::vector<option_count> options; // the definition's order, then options an edit removed
};

struct choice_segment {
    segment_value value;
    std::int64_t n = 0;
    std::vector<option_count> options;
};

// Every option of the definition (0 when nobody chose it), then options no
// longer in the definition but found in answers; shares are 0 without respondents.
choice_counts count_choices(const choice_tally& tally);

// Each segment value's counts, largest first; at most max_segments of them, the
// count left out in *omitted.
std::vector<choice_segment> choice_segments(const std::map<segment_value, choice_tally>& by_segment, std::size_t* omitted);

// {"id","count","share"}, {"value","n","choices"} and {"id","type","n","choices"}.
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const option_count& option);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const choice_segment& segment);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out, const choice_counts& counts);

} // namespace touchpoint::reports
