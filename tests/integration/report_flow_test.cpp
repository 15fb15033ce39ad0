// Reports built from invitations and events, end to end over real HTTP, on
// SQLite and on PostgreSQL: response rates and lifecycle timing.
#include "support/engine_fixture.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace json = boost::json;

namespace {

class report_flow : public touchpoint::testing::engine_fixture {
protected:
    std::string invite_for(const std::string& survey, const std::string& campaign) {
        const auto campaign_field = campaign.empty() ? std::string() : R"(,"campaign_id":")" + campaign + "\"";
        auto reply = call("POST", "/v1/invitations", R"({"survey_id":")" + survey + "\"" + campaign_field + "}", admin_);
        EXPECT_EQ(reply.status, 201) << reply.body;
        return std::string(json::parse(reply.body).at("token").as_string());
    }
};

double number(const json::value& v) { return v.to_number<double>(); }

TEST_P(report_flow, response_rates_count_each_invitation_once_per_campaign_and_channel) {
    const auto survey = create_survey();
    const auto silent = create_survey();
    // q4: answered on the page; page opened only; answered in app, partly; untouched.
    const auto answered = invite_for(survey, "q4");
    const auto viewed = invite_for(survey, "q4");
    const auto partial = invite_for(survey, "q4");
    invite_for(survey, "q4");
    invite_for(survey, ""); // outside any campaign, untouched
    ASSERT_EQ(call("GET", "/s/" + answered).status, 200);
    ASSERT_EQ(call("POST", "/s/" + answered, "q_score=9&q_why=fine", "", "application/x-www-form-urlencoded").status, 200);
    ASSERT_EQ(call("GET", "/s/" + viewed).status, 200);
    ASSERT_EQ(call("GET", "/s/" + viewed).status, 200) << "a second view is the same opening";
    auto reply = call("POST", "/v1/responses", R"({"token":")" + partial + R"(","answers":{"q_score":4},"complete":false})");
    ASSERT_EQ(reply.status, 200) << reply.body;

    auto rates = admin_json("GET", "/v1/reports/" + survey + "/scores").at("response_rates");
    EXPECT_EQ(rates.at("invitations").as_int64(), 5);
    EXPECT_EQ(rates.at("opened").as_int64(), 3) << "an answer counts as opened even without a page view";
    EXPECT_EQ(rates.at("responded").as_int64(), 2);
    EXPECT_EQ(rates.at("completed").as_int64(), 1);
    EXPECT_DOUBLE_EQ(number(rates.at("open_rate")), 60.0);
    EXPECT_DOUBLE_EQ(number(rates.at("response_rate")), 40.0);
    EXPECT_DOUBLE_EQ(number(rates.at("completion_rate")), 20.0);
    const auto& campaigns = rates.at("by_campaign").as_array();
    ASSERT_EQ(campaigns.size(), 2u);
    EXPECT_TRUE(campaigns[0].at("campaign").is_null()) << "invitations outside campaigns are their own row";
    EXPECT_DOUBLE_EQ(number(campaigns[0].at("response_rate")), 0.0);
    EXPECT_EQ(campaigns[1].at("campaign").as_string(), "q4");
    EXPECT_DOUBLE_EQ(number(campaigns[1].at("open_rate")), 75.0);
    EXPECT_DOUBLE_EQ(number(campaigns[1].at("response_rate")), 50.0);
    EXPECT_DOUBLE_EQ(number(campaigns[1].at("completion_rate")), 25.0);
    EXPECT_EQ(rates.at("by_channel").as_array().size(), 1u);
    EXPECT_EQ(rates.at("by_channel").at(0).at("channel").as_string(), "link");

    auto filtered = admin_json("GET", "/v1/reports/" + survey + "/scores?campaign=q4&locale=en").at("response_rates");
    EXPECT_EQ(filtered.at("invitations").as_int64(), 4);
    EXPECT_EQ(filtered.at("not_filtered_by").at(0).as_string(), "locale") << "invitations have no locale";
    auto future = admin_json("GET", "/v1/reports/" + survey + "/scores?from=2999-01-01").at("response_rates");
    EXPECT_EQ(future.at("invitations").as_int64(), 0);

    auto none = admin_json("GET", "/v1/reports/" + silent + "/scores").at("response_rates");
    EXPECT_EQ(none.at("invitations").as_int64(), 0);
    EXPECT_TRUE(none.at("response_rate").is_null()) << "no invitations: no rate, not a division by zero";
    EXPECT_TRUE(none.at("open_rate").is_null());
    EXPECT_TRUE(none.at("by_campaign").as_array().empty());

    auto csv = call("GET", "/v1/reports/" + survey + "/scores?format=csv&table=rates", "", admin_);
    EXPECT_EQ(csv.status, 200);
    EXPECT_EQ(csv.body, "campaign,channel,invitations,opened,responded,completed,open_rate,response_rate,completion_rate\r\n"
                        ",link,1,0,0,0,0,0,0\r\n"
                        "q4,link,4,3,2,1,75,50,25\r\n");
}

INSTANTIATE_TEST_SUITE_P(backends, report_flow, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

} // namespace
