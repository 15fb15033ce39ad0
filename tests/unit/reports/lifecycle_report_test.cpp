#include "reports/lifecycle_report.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

using namespace touchpoint::reports;

namespace {
constexpr std::int64_t day = 86'400'000;
}

TEST(lifecycle_summary, single_values_and_nothing_are_handled) {
    std::vector<float> none;
    EXPECT_EQ(summarize(none).n, 0u);
    std::vector<float> one{4.5f};
    const auto s = summarize(one);
    EXPECT_EQ(s.n, 1u);
    EXPECT_DOUBLE_EQ(s.median, 4.5);
    EXPECT_DOUBLE_EQ(s.p90, 4.5);
    EXPECT_DOUBLE_EQ(s.mean, 4.5);
    // 1..10: the median between 5 and 6, p90 at rank 9.1 (9 + 0.1 * (10 - 9)).
    std::vector<float> ten{10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    const auto t = summarize(ten);
    EXPECT_DOUBLE_EQ(t.median, 5.5);
    EXPECT_NEAR(t.p90, 9.1, 1e-9);
    EXPECT_DOUBLE_EQ(t.min, 1);
    EXPECT_DOUBLE_EQ(t.max, 10);
}

TEST(lifecycle_report, no_contacts_gives_counts_of_zero_and_no_statistics) {
    auto zone = time_zone::utc();
    lifecycle_settings settings;
    settings.milestones = {"project.created"};
    lifecycle_report_builder builder(settings, zone);
    auto report = builder.to_json();
    EXPECT_EQ(report.at("contacts").as_int64(), 0);
    EXPECT_TRUE(report.at("onboarding").at("reached_share").is_null());
    EXPECT_TRUE(report.at("onboarding").at("days").is_null());
    EXPECT_TRUE(report.at("milestones").at(0).at("days").is_null());
    EXPECT_TRUE(report.at("cohorts").as_array().empty());
    EXPECT_TRUE(report.at("satisfaction").is_null());
}

TEST(lifecycle_report, one_contact_not_yet_onboarded_is_counted_as_such) {
    auto zone = time_zone::utc();
    lifecycle_settings settings;
    settings.satisfaction = satisfaction_question{"svy", "q", touchpoint::surveys::question_type::nps};
    lifecycle_report_builder builder(settings, zone);
    builder.add({100 * day, std::nullopt, {}, std::nullopt, 3});
    auto report = builder.to_json();
    EXPECT_EQ(report.at("onboarding").at("not_reached").as_int64(), 1);
    EXPECT_DOUBLE_EQ(report.at("onboarding").at("reached_share").as_double(), 0.0);
    EXPECT_EQ(report.at("cohorts").at(0).at("month").as_string(), "1970-04"); // day 100 is 11 April 1970
    EXPECT_TRUE(report.at("satisfaction").at("fast_days").is_null()) << "no one onboarded: no median to split at";
    EXPECT_EQ(report.at("satisfaction").at("not_onboarded").at("n").as_int64(), 1);
    EXPECT_DOUBLE_EQ(report.at("satisfaction").at("not_onboarded").at("nps").at("score").as_double(), -100.0);
}
