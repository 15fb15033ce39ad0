// Webhook subscriptions through the API: the secret is shown once, a rotation
// shows a new one and keeps the old one signing for a day, targets on private
// addresses and unknown event types are refused naming the field. On SQLite
// and PostgreSQL.
#include "support/engine_fixture.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace json = boost::json;

namespace {

class webhook_flow : public touchpoint::testing::engine_fixture {
protected:
    std::string error_field(const touchpoint::testing::http_reply& reply) {
        return std::string(json::parse(reply.body).at("error").at("details").at(0).at("field").as_string());
    }
};

TEST_P(webhook_flow, a_subscription_shows_its_secret_once_and_rotates_it_with_an_overlap) {
    auto created = call("POST", "/v1/webhooks",
                        R"({"url": "https://hooks.example.com/touchpoint", "events": ["survey.requested", "response.completed"],
                            "filters": {"band": "detractor"}, "description": "in-app surveys"})",
                        admin_);
    ASSERT_EQ(created.status, 201) << created.body;
    const auto subscription = json::parse(created.body).as_object();
    const std::string id(subscription.at("id").as_string());
    EXPECT_EQ(created.headers.at("location"), "/v1/webhooks/" + id);
    const std::string secret(subscription.at("secret").as_string());
    EXPECT_TRUE(secret.starts_with("whsec_")) << secret;
    EXPECT_EQ(subscription.at("status").as_string(), "active");

    const auto read = admin_json("GET", "/v1/webhooks/" + id);
    EXPECT_FALSE(read.as_object().contains("secret")) << "shown once, when made";
    EXPECT_EQ(read.at("filters").at("band").as_string(), "detractor");
    EXPECT_EQ(admin_json("GET", "/v1/webhooks").at("data").as_array().size(), 1u);

    const auto rotated = admin_json("POST", "/v1/webhooks/" + id + "/rotate-secret");
    EXPECT_NE(rotated.at("secret").as_string(), secret);
    EXPECT_TRUE(rotated.as_object().contains("previous_secret_expires_at")) << "the old secret signs for a while";

    auto edited = call("PUT", "/v1/webhooks/" + id,
                       R"({"url": "https://hooks.example.com/v2", "events": ["invitation.failed"], "status": "disabled"})", admin_);
    ASSERT_EQ(edited.status, 200) << edited.body;
    EXPECT_EQ(json::parse(edited.body).at("status").as_string(), "disabled");
    EXPECT_EQ(json::parse(edited.body).at("disabled_reason").as_string(), "disabled by a user");
    EXPECT_EQ(json::parse(edited.body).at("events").at(0).as_string(), "invitation.failed");

    EXPECT_EQ(admin_json("DELETE", "/v1/webhooks/" + id).at("status").as_string(), "deleted");
    EXPECT_EQ(call("GET", "/v1/webhooks/" + id, "", admin_).status, 404);
    EXPECT_EQ(admin_json("GET", "/v1/webhooks").at("data").as_array().size(), 0u);
}

TEST_P(webhook_flow, bad_subscriptions_are_refused_naming_the_field) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {R"({"url": "http://127.0.0.1:9000/hook", "events": ["response.created"]})", "url"},
        {R"({"url": "http://169.254.169.254/latest", "events": ["response.created"]})", "url"},
        {R"({"url": "ftp://hooks.example.com/", "events": ["response.created"]})", "url"},
        {R"({"url": "https://hooks.example.com/", "events": []})", "events"},
        {R"({"url": "https://hooks.example.com/", "events": ["response.deleted"]})", "events[0]"},
        {R"({"url": "https://hooks.example.com/", "events": ["response.created", "response.created"]})", "events[1]"},
        {R"({"url": "https://hooks.example.com/", "events": ["response.created"], "filters": {"band": "fan"}})", "filters.band"},
        {R"({"url": "https://hooks.example.com/", "events": ["response.created"], "filters": {"plan": "pro"}})", "filters.plan"},
    };
    for (const auto& [body, field] : cases) {
        const auto reply = call("POST", "/v1/webhooks", body, admin_);
        EXPECT_EQ(reply.status, 422) << body;
        EXPECT_EQ(error_field(reply), field) << body;
    }
    EXPECT_EQ(call("POST", "/v1/webhooks", R"({"url": "https://hooks.example.com/", "events": ["response.created"]})", ingest_).status,
              403);
    EXPECT_EQ(count("webhook_subscriptions"), 0);
}

INSTANTIATE_TEST_SUITE_P(backends, webhook_flow, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

} // namespace
