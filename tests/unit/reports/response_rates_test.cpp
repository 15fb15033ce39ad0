#include "reports/response_rates.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

using namespace touchpoint::reports;

TEST(response_rates, open_rate_counts_only_channels_that_can_see_an_opening) {
    // 10 emails, 4 opened, 3 answered, 2 completed; 5 webhooks (opening unknown), 1 answered.
    auto report = response_rates_report({{std::string("spring"), "email", 10, 4, 3, 2}, {std::string("spring"), "webhook", 5, 1, 1, 1}});
    EXPECT_EQ(report.at("invitations").as_int64(), 15);
    EXPECT_EQ(report.at("opened").as_int64(), 4) << "the webhook's answered invitation is not an observed opening";
    EXPECT_DOUBLE_EQ(report.at("open_rate").as_double(), 40.0);
    EXPECT_DOUBLE_EQ(report.at("response_rate").as_double(), 100.0 * 4 / 15);
    EXPECT_DOUBLE_EQ(report.at("completion_rate").as_double(), 20.0);
    const auto& webhook = report.at("by_channel").at(1).as_object();
    EXPECT_EQ(webhook.at("channel").as_string(), "webhook");
    EXPECT_TRUE(webhook.at("opened").is_null());
    EXPECT_TRUE(webhook.at("open_rate").is_null());
    EXPECT_DOUBLE_EQ(webhook.at("response_rate").as_double(), 20.0);
}

TEST(response_rates, no_invitations_give_no_rates) {
    auto report = response_rates_report({});
    EXPECT_EQ(report.at("invitations").as_int64(), 0);
    EXPECT_TRUE(report.at("opened").is_null());
    EXPECT_TRUE(report.at("response_rate").is_null());
    EXPECT_TRUE(report.at("completion_rate").is_null());
    boost::json::object whole{{"response_rates", report}};
    EXPECT_EQ(response_rates_csv(whole),
              "campaign,channel,invitations,opened,responded,completed,open_rate,response_rate,completion_rate\r\n");
}
