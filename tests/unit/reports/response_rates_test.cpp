#include "reports/response_rates.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

using namespace touchpoint::reports;

TEST(response_rates, open_rate_counts_only_channels_that_can_see_an_opening) {
    // 10 emails, 4 opened, 3 answered, 2 completed; 5 webhooks (opening unknown), 1 answered.
    const auto rates = compute_response_rates(
        {{std::string("spring"), "webhook", 5, 1, 1, 1}, {std::string("spring"), "email", 10, 4, 3, 2}});
    EXPECT_EQ(rates.total.invitations, 15);
    EXPECT_EQ(rates.total.opened, 4) << "the webhook's answered invitation is not an observed opening";
    EXPECT_DOUBLE_EQ(*rates.total.open_rate, 40.0);
    EXPECT_DOUBLE_EQ(*rates.total.response_rate, 100.0 * 4 / 15);
    EXPECT_DOUBLE_EQ(*rates.total.completion_rate, 20.0);
    ASSERT_EQ(rates.by_channel.size(), 2u);
    const auto& webhook = rates.by_channel[1];
    EXPECT_EQ(webhook.channel, "webhook");
    EXPECT_FALSE(webhook.figures.opened);
    EXPECT_FALSE(webhook.figures.open_rate);
    EXPECT_DOUBLE_EQ(*webhook.figures.response_rate, 20.0);
    ASSERT_EQ(rates.rows.size(), 2u);
    EXPECT_EQ(rates.rows[0].channel, "email") << "rows come by campaign, then channel";

    const auto json = boost::json::value_from(rates);
    EXPECT_EQ(json.at("opened").as_int64(), 4);
    EXPECT_TRUE(json.at("by_channel").at(1).at("opened").is_null());
    EXPECT_EQ(json.at("by_campaign").at(0).at("campaign").as_string(), "spring");
    EXPECT_FALSE(json.as_object().contains("not_filtered_by"));
    EXPECT_EQ(response_rates_csv(rates),
              "campaign,channel,invitations,opened,responded,completed,open_rate,response_rate,completion_rate\r\n"
              "spring,email,10,4,3,2,40,30,20\r\n"
              "spring,webhook,5,,1,1,,20,20\r\n");
}

TEST(response_rates, no_invitations_give_no_rates) {
    const auto rates = compute_response_rates({});
    const auto json = boost::json::value_from(rates);
    EXPECT_EQ(json.at("invitations").as_int64(), 0);
    EXPECT_TRUE(json.at("opened").is_null());
    EXPECT_TRUE(json.at("response_rate").is_null());
    EXPECT_TRUE(json.at("completion_rate").is_null());
    EXPECT_EQ(response_rates_csv(rates),
              "campaign,channel,invitations,opened,responded,completed,open_rate,response_rate,completion_rate\r\n");
}
