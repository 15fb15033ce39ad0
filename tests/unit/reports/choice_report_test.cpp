#include "reports/choice_report.hpp"
#include "reports/score_statistics.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

using namespace touchpoint::reports;
using touchpoint::surveys::question_type;

TEST(choice_report, counts_every_option_in_definition_order_with_shares_of_respondents) {
    // 4 responses to a multi choice question: 3 took "a", 2 took "c", nobody "b".
    choice_tally tally{"q_tools", question_type::multi_choice, {"a", "b", "c"}, {{"a", 3}, {"c", 2}}, 4};
    const auto report = choice_question_report(tally);
    EXPECT_EQ(report.at("type").as_string(), "multi_choice");
    EXPECT_EQ(report.at("n").as_int64(), 4);
    const auto& choices = report.at("choices").as_array();
    ASSERT_EQ(choices.size(), 3u);
    EXPECT_EQ(choices[0].at("id").as_string(), "a");
    EXPECT_EQ(choices[0].at("share").as_double(), 75.0);
    EXPECT_EQ(choices[1].at("id").as_string(), "b");
    EXPECT_EQ(choices[1].at("count").as_int64(), 0);
    EXPECT_EQ(choices[2].at("share").as_double(), 50.0) << "multi choice shares may add up past 100";
}

TEST(choice_report, an_option_removed_by_an_edit_still_shows_after_the_others) {
    choice_tally tally{"q_plan", question_type::single_choice, {"pro"}, {{"legacy", 1}, {"pro", 2}}, 3};
    const auto report = choice_question_report(tally);
    const auto& choices = report.at("choices").as_array();
    ASSERT_EQ(choices.size(), 2u);
    EXPECT_EQ(choices[1].at("id").as_string(), "legacy");
    EXPECT_NEAR(choices[1].at("share").as_double(), 33.33, 1e-9);
}

TEST(choice_report, no_answers_means_zero_shares_not_a_division_by_zero) {
    choice_tally tally{"q_plan", question_type::single_choice, {"pro", "free"}, {}, 0};
    const auto report = choice_question_report(tally);
    EXPECT_EQ(report.at("n").as_int64(), 0);
    for (const auto& choice : report.at("choices").as_array()) EXPECT_EQ(choice.at("share").as_double(), 0.0);
}

TEST(yes_no_statistics, counts_yes_and_no_and_the_yes_share) {
    const auto stats = compute_statistics(question_type::yes_no, {{0, 1}, {1, 3}});
    ASSERT_TRUE(stats.yes_no);
    EXPECT_EQ(stats.yes_no->yes, 3);
    EXPECT_EQ(stats.yes_no->no, 1);
    EXPECT_EQ(stats.yes_no->yes_share, 75.0);
    EXPECT_FALSE(compute_statistics(question_type::yes_no, {}).yes_no) << "nothing to report without answers";
}
