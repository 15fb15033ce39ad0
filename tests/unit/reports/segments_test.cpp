#include "reports/choice_report.hpp"
#include "reports/report_csv.hpp"
#include "reports/score_report.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

using namespace touchpoint::reports;
using touchpoint::surveys::question_type;
namespace json = boost::json;

TEST(segments, each_value_against_the_rest_with_a_hand_computed_test) {
    // pro: 10, 9, 7 (NPS 66.67); free: 3; no plan: 8. The rest of pro is 3 and 8
    // (NPS -50). Variances of the mean: pro 2222.22 / 3, rest 2500 / 2; z = 116.67 /
    // sqrt(740.74 + 1250) = 2.6148, p = 0.0089.
    const std::map<segment_value, score_distribution> by_segment{
        {std::string("pro"), {{10, 1}, {9, 1}, {7, 1}}}, {std::string("free"), {{3, 1}}}, {std::nullopt, {{8, 1}}}};
    std::size_t omitted = 99;
    const auto segments = segments_report(question_type::nps, by_segment, &omitted);
    EXPECT_EQ(omitted, 0u);
    ASSERT_EQ(segments.size(), 3u);
    const auto& pro = segments[0].as_object();
    EXPECT_EQ(pro.at("value").as_string(), "pro");
    EXPECT_EQ(pro.at("n").as_int64(), 3);
    EXPECT_EQ(pro.at("nps").at("score").as_double(), 66.67);
    const auto& versus = pro.at("versus_rest").as_object();
    EXPECT_EQ(versus.at("delta").as_double(), 116.67);
    EXPECT_EQ(versus.at("z").as_double(), 2.61);
    EXPECT_EQ(versus.at("p_value").as_double(), 0.0089);
    EXPECT_TRUE(versus.at("significant").as_bool());
    // One-answer segments cannot be tested; the empty value comes before "free" as
    // the map orders it and both have one answer.
    EXPECT_TRUE(segments[1].at("value").is_null());
    EXPECT_TRUE(segments[1].at("versus_rest").is_null());
    EXPECT_EQ(segments[2].at("value").as_string(), "free");
}

TEST(segments, only_the_largest_values_are_listed) {
    std::map<segment_value, score_distribution> by_segment;
    for (int i = 0; i < 60; ++i) by_segment[std::to_string(1000 + i)] = {{5, i + 1}};
    std::size_t omitted = 0;
    const auto segments = segments_report(question_type::csat, by_segment, &omitted);
    EXPECT_EQ(segments.size(), max_segments);
    EXPECT_EQ(omitted, 10u);
    EXPECT_EQ(segments[0].at("value").as_string(), "1059");
    EXPECT_EQ(segments[0].at("n").as_int64(), 60);
}

TEST(segments, an_empty_survey_has_no_segments) {
    std::size_t omitted = 1;
    EXPECT_TRUE(segments_report(question_type::nps, {}, &omitted).empty());
    EXPECT_EQ(omitted, 0u);
}

TEST(segments, choice_questions_get_counts_per_value) {
    choice_tally pro{"q_plan", question_type::single_choice, {"a", "b"}, {{"a", 3}}, 3};
    choice_tally free{"q_plan", question_type::single_choice, {"a", "b"}, {{"a", 1}, {"b", 1}}, 2};
    std::size_t omitted = 0;
    const auto segments = choice_segments_report({{std::string("free"), free}, {std::string("pro"), pro}}, &omitted);
    ASSERT_EQ(segments.size(), 2u);
    EXPECT_EQ(segments[0].at("value").as_string(), "pro");
    EXPECT_EQ(segments[0].at("choices").at(0).at("share").as_double(), 100.0);
    EXPECT_EQ(segments[1].at("choices").at(1).at("count").as_int64(), 1);
}

TEST(segments, the_segments_table_as_csv) {
    question_scores scores{"q_score", question_type::nps, {}, {}};
    scores.by_segment[std::string("=cmd")] = {{10, 2}};
    scores.by_segment[std::string("pro")] = {{0, 1}};
    json::object report{{"segment", "attr.plan"},
                        {"questions", json::array{question_report(scores, {std::nullopt, true})}}};
    const auto csv = segment_table_csv(report);
    EXPECT_NE(csv.find("question_id,type,segment,value,n,"), std::string::npos);
    // A value a spreadsheet would run as a formula is neutralised.
    EXPECT_NE(csv.find("q_score,nps,attr.plan,\"'=cmd\",2,true,10,100,"), std::string::npos) << csv;
    EXPECT_NE(csv.find("q_score,nps,attr.plan,pro,1,true,0,-100,"), std::string::npos) << csv;
}
