#include "reports/score_statistics.hpp"

#include "reports/time_bucket.hpp"

#include <gtest/gtest.h>

using namespace touchpoint::reports;
using touchpoint::surveys::question_type;

TEST(score_statistics, nps_of_a_hand_computed_sample) {
    // 5 promoters, 3 passives, 2 detractors: NPS 30.
    auto stats = compute_statistics(question_type::nps, {{10, 3}, {9, 2}, {8, 2}, {7, 1}, {5, 1}, {0, 1}});
    ASSERT_TRUE(stats.nps);
    EXPECT_EQ(stats.n, 10);
    EXPECT_DOUBLE_EQ(stats.nps->score, 30.0);
    EXPECT_DOUBLE_EQ(stats.nps->promoter_share, 50.0);
    // variance (0.5 + 0.2 - 0.09) / 10 = 0.061; half width 1.96 * sqrt(0.061) * 100 = 48.41
    EXPECT_NEAR(stats.nps->ci_low, 30.0 - 48.408, 0.01);
    EXPECT_NEAR(stats.nps->ci_high, 78.408, 0.01);
}

TEST(score_statistics, empty_input_has_no_mean_and_no_nps) {
    auto stats = compute_statistics(question_type::nps, {});
    EXPECT_EQ(stats.n, 0);
    EXPECT_FALSE(stats.mean);
    EXPECT_FALSE(stats.nps);
}

TEST(score_statistics, a_single_promoter_scores_100_with_a_clamped_interval) {
    auto stats = compute_statistics(question_type::nps, {{9, 1}});
    EXPECT_DOUBLE_EQ(stats.nps->score, 100.0);
    EXPECT_LE(stats.nps->ci_high, 100.0);
}

TEST(score_statistics, csat_and_ces_shares) {
    auto csat = compute_statistics(question_type::csat, {{5, 2}, {4, 1}, {2, 1}});
    EXPECT_DOUBLE_EQ(csat.csat->satisfied_share, 75.0);
    EXPECT_DOUBLE_EQ(*csat.mean, 4.0);
    auto ces = compute_statistics(question_type::ces, {{7, 1}, {5, 1}, {4, 1}, {1, 1}});
    EXPECT_DOUBLE_EQ(ces.ces->easy_share, 50.0);
}

TEST(time_bucket, weeks_start_on_monday_and_months_on_the_first) {
    const auto day = 20415; // 2025-11-23, a Sunday
    EXPECT_EQ(format_day(day), "2025-11-23");
    EXPECT_EQ(format_day(bucket_start(day, interval::week)), "2025-11-17");
    EXPECT_EQ(format_day(bucket_start(day, interval::month)), "2025-11-01");
    EXPECT_EQ(day_of_millis(-1), -1);
}
