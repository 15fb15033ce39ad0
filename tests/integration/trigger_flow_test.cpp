// Events firing campaign triggers: an active campaign's `event` and
// `after_event` triggers make one invitation per firing, scheduled or skipped
// with its reason; fatigue holds across campaigns and within one batch; a
// retried event makes nothing new; a skipped invitation takes no answers. On
// SQLite and PostgreSQL.
#include "engine/time_format.hpp"
#include "support/engine_fixture.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace json = boost::json;

namespace {

class trigger_flow : public touchpoint::testing::engine_fixture {
protected:
    // Event times relative to the test's start (on a whole minute, as the events
    // carry seconds), so each delay the tests check still lies ahead, and the
    // outbox does not send it, on whatever day and at whatever time they run.
    const std::int64_t anchor_ = touchpoint::engine::now_ms() / 60'000 * 60'000;
    std::int64_t at_ms(int days, int minutes = 0) const { return anchor_ + days * 86'400'000LL + minutes * 60'000LL; }
    std::string at(int days, int minutes = 0) const { return touchpoint::engine::format_time(at_ms(days, minutes)); }

    std::string active_campaign(const std::string& body) {
        auto created = call("POST", "/v1/campaigns", body, admin_);
        EXPECT_EQ(created.status, 201) << created.body;
        const std::string id(json::parse(created.body).at("id").as_string());
        EXPECT_EQ(call("POST", "/v1/campaigns/" + id + "/activate", "", admin_).status, 200);
        return id;
    }
    json::value post_event(const std::string& body) {
        auto reply = call("POST", "/v1/events", body, ingest_);
        EXPECT_EQ(reply.status, 202) << reply.body;
        return json::parse(reply.body);
    }
    long long scalar(const std::string& sql) {
        long long n = 0;
        touchpoint::engine::store::leased_session lease(*db_);
        lease.session() << sql, soci::into(n);
        return n;
    }
};

TEST_P(trigger_flow, an_event_trigger_schedules_once_per_event_and_fatigue_skips_the_next) {
    const auto survey = create_survey();
    const auto campaign = active_campaign(R"({"name": "Ticket NPS", "survey_id": ")" + survey + R"(",
        "trigger": {"type": "event", "event": "ticket.resolved", "delay": "PT1H", "where": {"properties.priority": "high"}}})");
    ASSERT_EQ(call("PUT", "/v1/contacts/cust-1", R"({"email": "ana@example.com", "attributes": {"plan": "pro"}})", ingest_).status, 201);

    const auto first = post_event(R"({"id": "e1", "contact": "cust-1", "name": "ticket.resolved", "occurred_at": ")" + at(0, -10) + R"(",
        "properties": {"priority": "high"}})");
    ASSERT_EQ(first.at("invitations").as_array().size(), 1u) << first;
    const auto& invitation = first.at("invitations").at(0);
    EXPECT_EQ(invitation.at("status").as_string(), "scheduled");
    EXPECT_EQ(invitation.at("campaign_id").as_string(), campaign);
    EXPECT_EQ(invitation.at("contact").as_string(), "cust-1");
    EXPECT_EQ(scalar("SELECT due_at FROM invitations WHERE campaign_id = '" + campaign + "'"),
              at_ms(0, 50)) << "an hour after it happened";

    const auto again = post_event(R"({"id": "e1", "contact": "cust-1", "name": "ticket.resolved", "occurred_at": ")" + at(0, -10) + R"(",
        "properties": {"priority": "high"}})");
    EXPECT_TRUE(again.at("duplicate").as_bool());
    EXPECT_TRUE(again.at("invitations").as_array().empty()) << "a retried event makes nothing new";
    EXPECT_TRUE(post_event(R"({"id": "e2", "contact": "cust-1", "name": "ticket.resolved", "properties": {"priority": "low"}})")
                    .at("invitations").as_array().empty()) << "the where condition does not hold";

    const auto third = post_event(R"({"id": "e3", "contact": "cust-1", "name": "ticket.resolved", "properties": {"priority": "high"}})");
    ASSERT_EQ(third.at("invitations").as_array().size(), 1u);
    EXPECT_EQ(third.at("invitations").at(0).at("status").as_string(), "skipped");
    EXPECT_EQ(third.at("invitations").at(0).at("reason").as_string(), "fatigue") << "within 30 days of the first";

    const auto stats = admin_json("GET", "/v1/campaigns/" + campaign).at("stats");
    EXPECT_EQ(stats.at("scheduled").as_int64(), 1);
    EXPECT_EQ(stats.at("skipped").as_int64(), 1);

    // A skipped invitation's link takes no answer.
    const std::string token(third.at("invitations").at(0).at("token").as_string());
    auto answer = call("POST", "/v1/responses", R"({"token": ")" + token + R"(", "answers": {"q_score": 9}})");
    EXPECT_EQ(answer.status, 410) << answer.body;
    EXPECT_NE(answer.body.find("withdrawn"), std::string::npos);
}

TEST_P(trigger_flow, after_event_counts_from_the_first_occurrence_and_the_audience_decides_who) {
    const auto survey = create_survey();
    const auto campaign = active_campaign(R"({"name": "Day 90", "survey_id": ")" + survey + R"(",
        "trigger": {"type": "after_event", "event": "signup", "after": "P90D"}, "audience": {"where": {"attr.plan": "pro"}}})");
    ASSERT_EQ(call("PUT", "/v1/contacts/pro-1", R"({"attributes": {"plan": "pro"}})", ingest_).status, 201);
    ASSERT_EQ(call("PUT", "/v1/contacts/free-1", R"({"attributes": {"plan": "free"}})", ingest_).status, 201);
    const auto pro = post_event(R"({"id": "s1", "contact": "pro-1", "name": "signup", "occurred_at": ")" + at(-30) + R"("})");
    ASSERT_EQ(pro.at("invitations").as_array().size(), 1u);
    EXPECT_EQ(scalar("SELECT due_at FROM invitations WHERE state = 'scheduled'"), at_ms(60));
    EXPECT_TRUE(post_event(R"({"id": "s2", "contact": "pro-1", "name": "signup", "occurred_at": ")" + at(-11) + R"("})")
                    .at("invitations").as_array().empty()) << "not the first signup";
    const auto free = post_event(R"({"id": "s3", "contact": "free-1", "name": "signup"})");
    ASSERT_EQ(free.at("invitations").as_array().size(), 1u);
    EXPECT_EQ(free.at("invitations").at(0).at("reason").as_string(), "audience");

    // A paused campaign fires nothing.
    ASSERT_EQ(call("POST", "/v1/campaigns/" + campaign + "/pause", "", admin_).status, 200);
    EXPECT_TRUE(post_event(R"({"id": "s4", "contact": "new-1", "name": "signup"})").at("invitations").as_array().empty());
    EXPECT_EQ(count("invitations"), 2);
}

TEST_P(trigger_flow, two_campaigns_firing_together_in_one_batch_invite_a_contact_once) {
    const auto survey = create_survey();
    // An hour's delay keeps the invitation scheduled while the test looks (the outbox would send it at once).
    active_campaign(R"({"name": "A", "survey_id": ")" + survey + R"(", "trigger": {"type": "event", "event": "order.delivered", "delay": "PT1H"}})");
    active_campaign(R"({"name": "B", "survey_id": ")" + survey + R"(", "trigger": {"type": "event", "event": "order.delivered", "delay": "PT1H"}})");
    auto reply = call("POST", "/v1/events/batch", R"({"events": [
        {"id": "o1", "contact": "cust-9", "name": "order.delivered"},
        {"id": "o2", "contact": "cust-9", "name": "order.delivered"}]})", ingest_);
    ASSERT_EQ(reply.status, 202) << reply.body;
    const auto invitations = json::parse(reply.body).at("invitations").as_array();
    ASSERT_EQ(invitations.size(), 4u) << "each event fires both campaigns";
    int scheduled = 0;
    for (const auto& invitation : invitations) scheduled += invitation.at("status") == "scheduled" ? 1 : 0;
    EXPECT_EQ(scheduled, 1) << "fatigue holds within the batch and across the campaigns";
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM invitations WHERE state = 'scheduled'"), 1);
}

TEST_P(trigger_flow, a_cancel_on_event_cancels_invitations_triggered_before_it_and_none_after) {
    const auto survey = create_survey();
    const auto campaign = active_campaign(R"({"name": "Day 30", "survey_id": ")" + survey + R"(",
        "trigger": {"type": "event", "event": "trial.started", "delay": "P30D"}, "cancel_on": ["subscription.cancelled"]})");
    ASSERT_EQ(post_event(R"({"id": "t1", "contact": "cust-1", "name": "trial.started", "occurred_at": ")" + at(-10) + R"("})")
                  .at("invitations").at(0).at("status").as_string(), "scheduled");
    // The cancellation happened before the second contact's trial: only the first is cancelled.
    ASSERT_EQ(post_event(R"({"id": "t2", "contact": "cust-2", "name": "trial.started", "occurred_at": ")" + at(-1) + R"("})")
                  .at("invitations").at(0).at("status").as_string(), "scheduled");
    post_event(R"({"id": "c1", "contact": "cust-1", "name": "subscription.cancelled", "occurred_at": ")" + at(-5) + R"("})");
    post_event(R"({"id": "c2", "contact": "cust-2", "name": "subscription.cancelled", "occurred_at": ")" + at(-5) + R"("})");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM invitations WHERE state = 'cancelled' AND reason = 'cancelled_by_event'"), 1);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM invitations WHERE state = 'scheduled'"), 1) << "cust-2's trial came after the cancellation";
    const auto stats = admin_json("GET", "/v1/campaigns/" + campaign).at("stats");
    EXPECT_EQ(stats.at("cancelled").as_int64(), 1);
    // Edited without cancel_on: the event cancels nothing more.
    auto body = admin_json("GET", "/v1/campaigns/" + campaign).as_object();
    body["cancel_on"] = json::array{};
    ASSERT_EQ(call("PUT", "/v1/campaigns/" + campaign, json::serialize(body), admin_).status, 200);
    post_event(R"({"id": "c3", "contact": "cust-2", "name": "subscription.cancelled"})");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM invitations WHERE state = 'scheduled'"), 1);
}

TEST_P(trigger_flow, events_count_by_when_they_happened_not_when_they_arrived) {
    const auto survey = create_survey();
    active_campaign(R"({"name": "Day 30", "survey_id": ")" + survey + R"(",
        "trigger": {"type": "after_event", "event": "signup", "after": "P30D"}, "cancel_on": ["subscription.cancelled"]})");
    // A later signup arrives first; the first one, a week earlier, arrives after it.
    const auto later = post_event(R"({"id": "s-late", "contact": "cust-3", "name": "signup", "occurred_at": ")" + at(-10) + R"("})");
    ASSERT_EQ(later.at("invitations").as_array().size(), 1u);
    const auto earlier = post_event(R"({"id": "s-early", "contact": "cust-3", "name": "signup", "occurred_at": ")" + at(-17) + R"("})");
    ASSERT_EQ(earlier.at("invitations").as_array().size(), 1u) << "the invitation moves: " << earlier;
    EXPECT_EQ(earlier.at("invitations").at(0).at("id"), later.at("invitations").at(0).at("id")) << "the same invitation";
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM invitations"), 1);
    EXPECT_EQ(scalar("SELECT due_at FROM invitations"), at_ms(13))
        << "30 days after the first signup";
    EXPECT_EQ(scalar("SELECT due_at FROM jobs WHERE kind = 'send'"), at_ms(13));

    // A cancellation that happened after a trigger, but arrived before it, cancels it at once.
    post_event(R"({"id": "x-4", "contact": "cust-4", "name": "subscription.cancelled", "occurred_at": ")" + at(-5) + R"("})");
    const auto late_signup = post_event(R"({"id": "s-4", "contact": "cust-4", "name": "signup", "occurred_at": ")" + at(-9) + R"("})");
    ASSERT_EQ(late_signup.at("invitations").as_array().size(), 1u);
    EXPECT_EQ(late_signup.at("invitations").at(0).at("status").as_string(), "cancelled");
    EXPECT_EQ(late_signup.at("invitations").at(0).at("reason").as_string(), "cancelled_by_event");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'send' AND state = 'pending'"), 1) << "only cust-3's";
}

INSTANTIATE_TEST_SUITE_P(backends, trigger_flow, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

} // namespace
