#include "reports/period_change.hpp"
#include "reports/score_report.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

using namespace touchpoint::reports;
using touchpoint::surveys::question_type;

TEST(period_change, nps_change_against_a_hand_computed_z_test) {
    // Before: 5 promoters, 3 passives, 2 detractors (NPS 30, variance of the mean 610).
    // After: 14, 4, 2 (NPS 60, variance 220). z = 30 / sqrt(830) = 1.0413, p = 0.2977.
    const score_distribution before{{10, 5}, {8, 3}, {3, 2}};
    const score_distribution after{{9, 14}, {7, 4}, {0, 2}};
    const auto change = compare_periods(question_type::nps, before, after);
    ASSERT_TRUE(change);
    EXPECT_EQ(change->measure, "nps");
    EXPECT_NEAR(change->delta, 30.0, 1e-9);
    EXPECT_NEAR(change->z, 1.041315201750935, 1e-9);
    EXPECT_NEAR(change->p_value, 0.29772928368245966, 1e-9);
    EXPECT_FALSE(change->significant) << "30 points on 10 and 20 answers is within noise";
}

TEST(period_change, csat_share_change_is_a_two_proportion_test) {
    // 20 of 40 satisfied, then 40 of 50: z = 30 / sqrt(62.5 + 32) = 3.0861, p = 0.00203.
    const auto change = compare_periods(question_type::csat, {{5, 20}, {2, 20}}, {{4, 40}, {1, 10}});
    ASSERT_TRUE(change);
    EXPECT_EQ(change->measure, "satisfied_share");
    EXPECT_NEAR(change->z, 3.086066999241838, 1e-9);
    EXPECT_NEAR(change->p_value, 0.002028231148452082, 1e-9);
    EXPECT_TRUE(change->significant);
}

TEST(period_change, needs_two_answers_on_each_side) {
    EXPECT_FALSE(compare_periods(question_type::ces, {{5, 1}}, {{6, 10}}));
    EXPECT_FALSE(compare_periods(question_type::ces, {}, {{6, 10}}));
}

TEST(period_change, identical_answers_in_each_period_leave_no_doubt) {
    const auto same = compare_periods(question_type::rating, {{4, 5}}, {{4, 8}});
    ASSERT_TRUE(same);
    EXPECT_EQ(same->p_value, 1.0);
    EXPECT_FALSE(same->significant);
    const auto differ = compare_periods(question_type::yes_no, {{0, 5}}, {{1, 8}});
    ASSERT_TRUE(differ);
    EXPECT_EQ(differ->delta, 100.0);
    EXPECT_EQ(differ->p_value, 0.0);
    EXPECT_TRUE(boost::json::value(period_change_to_json(*differ)).at("z").is_null()) << "an infinite z is not JSON";
}

TEST(score_report, buckets_carry_their_change_and_a_small_sample_flag) {
    question_scores scores{"q_score", question_type::nps, {}, {}};
    scores.by_day[20000] = {{10, 5}, {8, 3}, {3, 2}};  // a Thursday
    scores.by_day[20007] = {{9, 14}, {7, 4}, {0, 2}};  // the Thursday after
    const auto question = score_question(scores, {interval::week});
    EXPECT_FALSE(question.scores.small_sample()) << "30 answers in all is the threshold: 30 is not small";
    ASSERT_TRUE(question.buckets);
    const auto& buckets = *question.buckets;
    ASSERT_EQ(buckets.size(), 2u);
    EXPECT_FALSE(buckets[0].change) << "nothing before the first bucket";
    EXPECT_TRUE(buckets[0].scores.small_sample());
    ASSERT_TRUE(buckets[1].change);
    EXPECT_EQ(buckets[1].previous_start, buckets[0].start);
    EXPECT_NEAR(buckets[1].change->delta, 30.0, 1e-9);
    EXPECT_FALSE(buckets[1].change->significant);
    EXPECT_FALSE(question.segments) << "no segments unless asked";

    // The same in the JSON of the public contract.
    const auto json = boost::json::value_from(question);
    EXPECT_TRUE(json.at("buckets").at(0).at("change").is_null());
    const auto& change = json.at("buckets").at(1).at("change");
    EXPECT_EQ(change.at("previous_start").as_string(), json.at("buckets").at(0).at("start").as_string());
    EXPECT_EQ(change.at("delta").to_number<double>(), 30.0);
    EXPECT_EQ(change.at("p_value").as_double(), 0.2977);
    EXPECT_FALSE(json.as_object().contains("segments"));
}
