// Campaigns through the API: created as drafts, read, listed, edited, moved
// between draft, active, paused and archived, with errors that name the field;
// and the fatigue settings every campaign obeys. On SQLite and PostgreSQL.
#include "support/engine_fixture.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace json = boost::json;

namespace {

class campaign_flow : public touchpoint::testing::engine_fixture {
protected:
    std::string day_90_body(const std::string& survey) {
        return R"({"name": "Day 90 NPS", "survey_id": ")" + survey + R"(", "channel": "webhook",
            "trigger": {"type": "after_event", "event": "signup", "after": "P90D"},
            "audience": {"where": {"attr.plan": ["pro", "business"]}, "sample_percent": 50},
            "cancel_on": ["subscription.cancelled"],
            "send_window": {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "17:00", "timezone": "Europe/Paris"},
            "reminders": [{"after": "P3D"}], "expires_after": "P30D", "resurvey_after": "P90D"})";
    }
    std::string error_field(const touchpoint::testing::http_reply& reply) {
        return std::string(json::parse(reply.body).at("error").at("details").at(0).at("field").as_string());
    }
};

TEST_P(campaign_flow, a_campaign_is_a_draft_until_activated_and_reads_back_as_written) {
    const auto survey = create_survey();
    auto created = call("POST", "/v1/campaigns", day_90_body(survey), admin_);
    ASSERT_EQ(created.status, 201) << created.body;
    const auto campaign = json::parse(created.body).as_object();
    const std::string id(campaign.at("id").as_string());
    EXPECT_EQ(created.headers.at("location"), "/v1/campaigns/" + id);
    EXPECT_EQ(campaign.at("status").as_string(), "draft");
    EXPECT_EQ(campaign.at("trigger").at("after").as_string(), "P90D");
    EXPECT_EQ(campaign.at("send_window").at("timezone").as_string(), "Europe/Paris");
    EXPECT_EQ(campaign.at("audience").at("sample_percent").as_int64(), 50);
    EXPECT_EQ(campaign.at("stats").at("scheduled").as_int64(), 0);

    const auto read = admin_json("GET", "/v1/campaigns/" + id);
    EXPECT_EQ(read, json::value(campaign)) << "what was created is what is read";

    auto activated = admin_json("POST", "/v1/campaigns/" + id + "/activate");
    EXPECT_EQ(activated.at("status").as_string(), "active");
    EXPECT_EQ(admin_json("POST", "/v1/campaigns/" + id + "/activate").at("status").as_string(), "active")
        << "activating twice changes nothing";
    EXPECT_EQ(admin_json("POST", "/v1/campaigns/" + id + "/pause").at("status").as_string(), "paused");
    auto reactivate = call("POST", "/v1/campaigns/" + id + "/activate", "", admin_);
    EXPECT_EQ(reactivate.status, 409) << "a paused campaign is resumed, not activated";
    EXPECT_NE(reactivate.body.find("only a campaign that is draft can be activated"), std::string::npos) << reactivate.body;
    EXPECT_EQ(admin_json("POST", "/v1/campaigns/" + id + "/resume").at("status").as_string(), "active");

    // Edited: the new trigger is stored; the listing filters by status.
    auto body = json::parse(day_90_body(survey)).as_object();
    body["trigger"].as_object()["after"] = "P30D";
    body["name"] = "Day 30 NPS";
    auto edited = call("PUT", "/v1/campaigns/" + id, json::serialize(body), admin_);
    ASSERT_EQ(edited.status, 200) << edited.body;
    EXPECT_EQ(json::parse(edited.body).at("trigger").at("after").as_string(), "P30D");
    EXPECT_EQ(json::parse(edited.body).at("pending_invitations_updated").as_int64(), 0);
    EXPECT_EQ(json::parse(edited.body).at("status").as_string(), "active") << "an edit keeps the status";
    EXPECT_EQ(admin_json("GET", "/v1/campaigns?status=active").at("data").as_array().size(), 1u);
    EXPECT_EQ(admin_json("GET", "/v1/campaigns?status=draft").at("data").as_array().size(), 0u);

    // Archived: no longer edited or activated.
    EXPECT_EQ(admin_json("DELETE", "/v1/campaigns/" + id).at("status").as_string(), "archived");
    EXPECT_EQ(call("PUT", "/v1/campaigns/" + id, day_90_body(survey), admin_).status, 409);
    EXPECT_EQ(call("POST", "/v1/campaigns/" + id + "/resume", "", admin_).status, 409);
    EXPECT_EQ(call("GET", "/v1/campaigns/cmp_nope", "", admin_).status, 404);
}

TEST_P(campaign_flow, a_bad_campaign_is_refused_naming_the_field_and_nothing_is_stored) {
    const auto survey = create_survey();
    auto body = json::parse(day_90_body(survey)).as_object();
    body["trigger"].as_object()["after"] = "90 days";
    auto bad_duration = call("POST", "/v1/campaigns", json::serialize(body), admin_);
    EXPECT_EQ(bad_duration.status, 422);
    EXPECT_EQ(error_field(bad_duration), "trigger.after");
    EXPECT_NE(bad_duration.body.find("trigger.after not an ISO 8601 duration"), std::string::npos) << bad_duration.body;

    auto unknown_survey = call("POST", "/v1/campaigns", day_90_body("svy_nope"), admin_);
    EXPECT_EQ(unknown_survey.status, 422);
    EXPECT_EQ(error_field(unknown_survey), "survey_id");

    ASSERT_EQ(call("DELETE", "/v1/surveys/" + survey, "", admin_).status, 200);
    auto archived_survey = call("POST", "/v1/campaigns", day_90_body(survey), admin_);
    EXPECT_EQ(archived_survey.status, 422);
    EXPECT_NE(archived_survey.body.find("archived survey"), std::string::npos);

    auto window = call("POST", "/v1/campaigns",
                       R"({"name": "x", "survey_id": "s", "trigger": {"type": "manual"}, "send_window": {"timezone": "Mars/Olympus"}})",
                       admin_);
    EXPECT_EQ(window.status, 422);
    EXPECT_EQ(error_field(window), "send_window.timezone");
    EXPECT_EQ(call("POST", "/v1/campaigns", R"({"name": )", admin_).status, 400) << "not JSON";
    EXPECT_EQ(call("POST", "/v1/campaigns", day_90_body(survey), ingest_).status, 403) << "campaigns need an admin key";
    EXPECT_EQ(count("campaigns"), 0);
}

TEST_P(campaign_flow, an_email_campaign_waits_for_the_email_channel) {
    const auto survey = create_survey();
    auto body = json::parse(day_90_body(survey)).as_object();
    body["channel"] = "email";
    const auto created = json::parse(call("POST", "/v1/campaigns", json::serialize(body), admin_).body);
    auto activate = call("POST", "/v1/campaigns/" + std::string(created.at("id").as_string()) + "/activate", "", admin_);
    EXPECT_EQ(activate.status, 409);
    EXPECT_NE(activate.body.find("channel_unavailable"), std::string::npos) << activate.body;
}

TEST_P(campaign_flow, fatigue_settings_have_defaults_and_are_validated) {
    const auto defaults = admin_json("GET", "/v1/settings");
    EXPECT_EQ(defaults.at("fatigue").at("min_days_between_surveys").as_int64(), 30);
    EXPECT_EQ(defaults.at("fatigue").at("max_surveys").at("count").as_int64(), 3);
    EXPECT_EQ(defaults.at("fatigue").at("max_surveys").at("period").as_string(), "P90D");

    auto saved = call("PUT", "/v1/settings",
                      R"({"fatigue": {"min_days_between_surveys": 14, "max_surveys": {"count": 4, "period": "P12W"}}})", admin_);
    ASSERT_EQ(saved.status, 200) << saved.body;
    const auto read = admin_json("GET", "/v1/settings");
    EXPECT_EQ(read.at("fatigue").at("min_days_between_surveys").as_int64(), 14);
    EXPECT_EQ(read.at("fatigue").at("max_surveys").at("period").as_string(), "P84D") << "stored in its canonical spelling";

    auto bad = call("PUT", "/v1/settings",
                    R"({"fatigue": {"min_days_between_surveys": -1, "max_surveys": {"count": 4, "period": "P12W"}}})", admin_);
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(error_field(bad), "fatigue.min_days_between_surveys");
    auto bad_period = call("PUT", "/v1/settings",
                           R"({"fatigue": {"min_days_between_surveys": 1, "max_surveys": {"count": 4, "period": "PT1H"}}})", admin_);
    EXPECT_EQ(error_field(bad_period), "fatigue.max_surveys.period");
    EXPECT_EQ(admin_json("GET", "/v1/settings").at("fatigue").at("min_days_between_surveys").as_int64(), 14)
        << "a refused update changes nothing";
}

INSTANTIATE_TEST_SUITE_P(backends, campaign_flow, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

} // namespace
