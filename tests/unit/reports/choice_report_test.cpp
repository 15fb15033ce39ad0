#include "reports/choice_report.hpp"
#include "reports/score_statistics.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

using namespace touchpoint::reports;
using touchpoint::surveys::question_type;

TEST(choice_report, counts_every_option_in_definition_order_with_shares_of_respondents) {
    // 4 responses to a multi choice question: 3 took "a", 2 took "c", nobody "b".
    choice_tally tally{"q_tools", question_type::multi_choice, {"a", "b", "c"}, {{"a", 3}, {"c", 2}}, 4};
    const auto counts = count_choices(tally);
    EXPECT_EQ(counts.n, 4);
    ASSERT_EQ(counts.options.size(), 3u);
    EXPECT_EQ(counts.options[0].id, "a");
    EXPECT_EQ(counts.options[0].share, 75.0);
    EXPECT_EQ(counts.options[1].id, "b");
    EXPECT_EQ(counts.options[1].count, 0);
    EXPECT_EQ(counts.options[2].share, 50.0) << "multi choice shares may add up past 100";
    const auto json = boost::json::value_from(counts);
    EXPECT_EQ(json.at("type").as_string(), "multi_choice");
    EXPECT_EQ(json.at("n").as_int64(), 4);
    EXPECT_EQ(json.at("choices").at(0).at("id").as_string(), "a");
    EXPECT_EQ(json.at("choices").at(0).at("share").as_double(), 75.0);
}

TEST(choice_report, an_option_removed_by_an_edit_still_shows_after_the_others) {
    choice_tally tally{"q_plan", question_type::single_choice, {"pro"}, {{"legacy", 1}, {"pro", 2}}, 3};
    const auto counts = count_choices(tally);
    ASSERT_EQ(counts.options.size(), 2u);
    EXPECT_EQ(counts.options[1].id, "legacy");
    EXPECT_EQ(boost::json::value_from(counts).at("choices").at(1).at("share").as_double(), 33.33) << "rounded when written";
}

TEST(choice_report, no_answers_means_zero_shares_not_a_division_by_zero) {
    choice_tally tally{"q_plan", question_type::single_choice, {"pro", "free"}, {}, 0};
    const auto counts = count_choices(tally);
    EXPECT_EQ(counts.n, 0);
    ASSERT_EQ(counts.options.size(), 2u);
    for (const auto& option : counts.options) EXPECT_EQ(option.share, 0.0);
}

TEST(yes_no_statistics, counts_yes_and_no_and_the_yes_share) {
    const auto stats = compute_statistics(question_type::yes_no, {{0, 1}, {1, 3}});
    ASSERT_TRUE(stats.yes_no);
    EXPECT_EQ(stats.yes_no->yes, 3);
    EXPECT_EQ(stats.yes_no->no, 1);
    EXPECT_EQ(stats.yes_no->yes_share, 75.0);
    EXPECT_FALSE(compute_statistics(question_type::yes_no, {}).yes_no) << "nothing to report without answers";
}
