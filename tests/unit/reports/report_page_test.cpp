#include "reports/html/report_page.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

using namespace touchpoint::reports::html;
namespace json = boost::json;

namespace {

json::object csat_scores() {
    // Two weeks of CSAT answers: 1, 4, 5 then 5, 5.
    return json::parse(R"({"from": null, "to": null, "interval": "week", "timezone": "Europe/Paris", "filters": {"attr.plan": "pro"},
        "segment": null, "questions": [{"id": "q_score", "type": "csat", "n": 5, "mean": 4, "small_sample": true,
        "csat": {"satisfied_share": 80, "satisfied": 4, "mean": 4}, "distribution": {"1": 1, "4": 1, "5": 3},
        "buckets": [{"start": "2026-11-09", "n": 3, "csat": {"satisfied_share": 66.67}, "distribution": {"1": 1, "4": 1, "5": 1}, "small_sample": true},
                    {"start": "2026-11-16", "n": 2, "csat": {"satisfied_share": 100}, "distribution": {"5": 2}, "small_sample": true}]}]})")
        .as_object();
}

} // namespace

TEST(report_page, a_csat_survey_gets_its_own_bands_measure_and_scale) {
    const auto scores = csat_scores();
    const auto html = render_report_page({"Support <CSAT>", {}, &scores, nullptr, "2026-11-23T10:00:00Z", "/v1/reports/x/scores"});
    EXPECT_NE(html.find("<title>Support &lt;CSAT&gt; · report</title>"), std::string::npos);
    EXPECT_NE(html.find("<h2>CSAT (satisfied) trend</h2>"), std::string::npos);
    EXPECT_NE(html.find("<h2>Satisfied, Neutral and Dissatisfied</h2>"), std::string::npos) << "answers, not people";
    EXPECT_NE(html.find("attr.plan = pro"), std::string::npos) << "the filters are stated";
    EXPECT_NE(html.find("time zone Europe/Paris"), std::string::npos);
    // The first week: 1 of 3 dissatisfied, 0 neutral, 2 satisfied.
    EXPECT_NE(html.find("<td>2026-11-09</td><td class=\"num\">33.3</td><td class=\"num\">0</td><td class=\"num\">66.7</td>"),
              std::string::npos);
    EXPECT_NE(html.find("the most common score is 5 (3 answers)"), std::string::npos) << "the text alternative says it in words";
    EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST(report_page, a_survey_without_answers_says_so_instead_of_drawing_empty_charts) {
    const auto scores = json::parse(R"({"timezone": "UTC", "questions": [{"id": "q_score", "type": "nps", "n": 0, "distribution": {}}]})").as_object();
    const auto html = render_report_page({"Empty", {}, &scores, nullptr, "2026-11-23T10:00:00Z", "/v1/reports/x/scores"});
    EXPECT_NE(html.find("No answers in this period yet."), std::string::npos);
    EXPECT_EQ(html.find("<svg"), std::string::npos);
}
