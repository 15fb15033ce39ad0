#include "reports/html/report_page.hpp"

#include <gtest/gtest.h>

using namespace touchpoint::reports;
using namespace touchpoint::reports::html;
using touchpoint::surveys::question_type;

namespace {

score_report csat_scores() {
    // Two weeks of CSAT answers: 1, 4, 5 then 5, 5.
    question_scores scores{"q_score", question_type::csat, {}, {}};
    scores.by_day[20402] = {{1, 1}, {4, 1}, {5, 1}}; // Monday 2025-11-10
    scores.by_day[20409] = {{5, 2}};                 // the Monday after
    score_report report;
    report.bucket_interval = interval::week;
    report.timezone = "Europe/Paris";
    report.filters = {{"attr.plan", "pro"}};
    report.questions.emplace_back(score_question(scores, {interval::week}));
    return report;
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
    EXPECT_NE(html.find("<td>2025-11-10</td><td class=\"num\">33.3</td><td class=\"num\">0</td><td class=\"num\">66.7</td>"),
              std::string::npos) << html;
    EXPECT_NE(html.find("<div class=\"value\">80 %</div>"), std::string::npos) << "4 of 5 satisfied";
    EXPECT_NE(html.find("the most common score is 5 (3 answers)"), std::string::npos) << "the text alternative says it in words";
    EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST(report_page, a_survey_without_answers_says_so_instead_of_drawing_empty_charts) {
    score_report scores;
    scores.questions.emplace_back(score_question({"q_score", question_type::nps, {}, {}}, {}));
    const auto html = render_report_page({"Empty", {}, &scores, nullptr, "2026-11-23T10:00:00Z", "/v1/reports/x/scores"});
    EXPECT_NE(html.find("No answers in this period yet."), std::string::npos);
    EXPECT_EQ(html.find("<svg"), std::string::npos);
}

TEST(report_page, response_rates_name_each_campaign_escaped) {
    auto scores = csat_scores();
    scores.rates = compute_response_rates({{std::string("<spring>"), "email", 10, 4, 3, 2}});
    const auto html = render_report_page({"Rates", {}, &scores, nullptr, "2026-11-23T10:00:00Z", "/v1/reports/x/scores"});
    EXPECT_NE(html.find("<td>&lt;spring&gt;</td><td class=\"num\">10</td><td class=\"num\">4 (40 %)</td>"), std::string::npos)
        << html;
    EXPECT_NE(html.find("3 of 10 invitations"), std::string::npos);
}
