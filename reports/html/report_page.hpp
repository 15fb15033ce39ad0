// The HTML report of one survey: a self-contained page (inline CSS, inline SVG,
// no script, no external asset) built from the score report and the text
// report's JSON.
#pragma once

#include "reports/score_report.hpp"

#include <boost/json/object.hpp>

#include <map>
#include <string>

namespace touchpoint::reports::html {

struct report_page_input {
    std::string survey_name;
    std::map<std::string, std::string> question_texts; // id -> the question as asked
    const score_report* scores = nullptr;              // with buckets, segments and response rates
    const boost::json::object* text = nullptr;         // the text report; may be null
    std::string generated_at;                          // ISO-8601
    std::string data_link;                             // the route of the JSON behind the page, named in the footer
};

std::string render_report_page(const report_page_input& input);

} // namespace touchpoint::reports::html
