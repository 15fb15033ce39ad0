#include "reports/score_report.hpp"

#include "reports/report_csv.hpp"

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
    const auto segments = score_segments(question_type::nps, by_segment, &omitted);
    EXPECT_EQ(omitted, 0u);
    ASSERT_EQ(segments.size(), 3u);
    EXPECT_EQ(segments[0].value, "pro");
    ASSERT_TRUE(segments[0].versus_rest);
    EXPECT_NEAR(segments[0].versus_rest->z, 2.6148, 1e-4);
    // As written in the JSON of the public contract.
    scored_question question;
    question.segments = segments;
    const auto question_json = json::value_from(question).as_object();
    const auto& pro = question_json.at("segments").at(0).as_object();
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
    EXPECT_FALSE(segments[1].value);
    EXPECT_FALSE(segments[1].versus_rest);
    EXPECT_EQ(segments[2].value, "free");
    EXPECT_TRUE(question_json.at("segments").at(1).at("value").is_null());
    EXPECT_TRUE(question_json.at("segments").at(1).at("versus_rest").is_null());
}

TEST(segments, only_the_largest_values_are_listed) {
    std::map<segment_value, score_distribution> by_segment;
    for (int i = 0; i < 60; ++i) by_segment[std::to_string(1000 + i)] = {{5, i + 1}};
    std::size_t omitted = 0;
    const auto segments = score_segments(question_type::csat, by_segment, &omitted);
    EXPECT_EQ(segments.size(), max_segments);
    EXPECT_EQ(omitted, 10u);
    EXPECT_EQ(segments[0].value, "1059");
    EXPECT_EQ(segments[0].scores.statistics.n, 60);
}

TEST(segments, an_empty_survey_has_no_segments) {
    std::size_t omitted = 1;
    EXPECT_TRUE(score_segments(question_type::nps, {}, &omitted).empty());
    EXPECT_EQ(omitted, 0u);
}

TEST(segments, choice_questions_get_counts_per_value) {
    choice_tally pro{"q_plan", question_type::single_choice, {"a", "b"}, {{"a", 3}}, 3};
    choice_tally free{"q_plan", question_type::single_choice, {"a", "b"}, {{"a", 1}, {"b", 1}}, 2};
    std::size_t omitted = 0;
    const auto segments = choice_segments({{std::string("free"), free}, {std::string("pro"), pro}}, &omitted);
    ASSERT_EQ(segments.size(), 2u);
    EXPECT_EQ(segments[0].value, "pro");
    EXPECT_EQ(segments[0].options.at(0).share, 100.0);
    EXPECT_EQ(segments[1].options.at(1).count, 1);
    const auto json = json::value_from(segments);
    EXPECT_EQ(json.at(0).at("value").as_string(), "pro");
    EXPECT_EQ(json.at(0).at("n").as_int64(), 3);
    EXPECT_EQ(json.at(1).at("choices").at(1).at("id").as_string(), "b");
}

TEST(segments, the_segments_table_as_csv) {
    question_scores scores{"q_score", question_type::nps, {}, {}};
    scores.by_segment[std::string("=cmd")] = {{10, 2}};
    scores.by_segment[std::string("pro")] = {{0, 1}};
    score_report report;
    report.segment = "attr.plan";
    report.questions.emplace_back(score_question(scores, {std::nullopt, true}));
    const auto csv = segment_table_csv(report);
    EXPECT_NE(csv.find("question_id,type,segment,value,n,"), std::string::npos);
    // A value a spreadsheet would run as a formula is neutralised.
    EXPECT_NE(csv.find("q_score,nps,attr.plan,\"'=cmd\",2,true,10,100,"), std::string::npos) << csv;
    EXPECT_NE(csv.find("q_score,nps,attr.plan,pro,1,true,0,-100,"), std::string::npos) << csv;
}
