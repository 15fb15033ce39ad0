// Campaign invitations delivered end to end through `serve`'s outbox: an event
// fires a webhook campaign, the send job judges the invitation again when it
// is due and hands survey.requested to every subscriber, which the Standard
// Webhooks receiver (tests/webhooks) verifies with the official package. Then
// what a user meets when it goes wrong: no subscriber, a receiver that fails
// first, one that answers 410, a campaign paused or edited before its
// invitations went out. On SQLite and PostgreSQL.
#include "engine/config.hpp"
#include "engine/time_format.hpp"
#include "support/engine_fixture.hpp"
#include "support/webhook_receiver.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <thread>

namespace json = boost::json;
using touchpoint::testing::webhook_receiver;

namespace {

class delivery_flow : public touchpoint::testing::engine_fixture {
protected:
    void configure(touchpoint::engine::config& settings) override {
        settings.webhook_allow_private = true; // the receiver listens on loopback
        settings.retry_base_ms = 50;
        settings.delivery_attempts = 3;
        settings.dispatch_workers = 2;
        settings.webhook_timeout_ms = 1'000; // a receiver that hangs costs a second, not fifteen
    }

    std::string active_campaign(const std::string& body) {
        auto created = call("POST", "/v1/campaigns", body, admin_);
        EXPECT_EQ(created.status, 201) << created.body;
        const std::string id(json::parse(created.body).at("id").as_string());
        EXPECT_EQ(call("POST", "/v1/campaigns/" + id + "/activate", "", admin_).status, 200);
        return id;
    }
    // A subscription whose secret the receiver is then started with; returns {id, secret}.
    std::pair<std::string, std::string> subscribe(const std::string& events, const std::string& filters = "{}") {
        auto created = call("POST", "/v1/webhooks",
                            R"({"url": "http://127.0.0.1:9/hook", "events": )" + events + R"(, "filters": )" + filters + "}",
                            admin_);
        EXPECT_EQ(created.status, 201) << created.body;
        const auto body = json::parse(created.body);
        return {std::string(body.at("id").as_string()), std::string(body.at("secret").as_string())};
    }
    // Moves the subscription to the receiver (PUT replaces every field, so the filters are given again).
    void point(const std::string& subscription, const webhook_receiver& receiver, const std::string& events,
               const std::string& filters = "{}") {
        auto moved = call("PUT", "/v1/webhooks/" + subscription,
                          R"({"url": ")" + receiver.url() + R"(", "events": )" + events + R"(, "filters": )" + filters + "}",
                          admin_);
        ASSERT_EQ(moved.status, 200) << moved.body;
    }
    json::value post_event(const std::string& body) {
        auto reply = call("POST", "/v1/events", body, ingest_);
        EXPECT_EQ(reply.status, 202) << reply.body;
        return json::parse(reply.body);
    }
    json::object invitation(const std::string& id) {
        auto listed = admin_json("GET", "/v1/invitations?limit=200");
        for (auto& row : listed.at("data").as_array())
            if (row.at("id").as_string() == id) return row.as_object();
        ADD_FAILURE() << "no invitation " << id;
        return {};
    }
    // Polls until `done` holds or ten seconds pass.
    static bool eventually(const std::function<bool()>& done) {
        for (int i = 0; i < 400; ++i) {
            if (done()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        return done();
    }
    std::string status_of(const std::string& id) { return std::string(invitation(id).at("status").as_string()); }
};

TEST_P(delivery_flow, survey_requested_reaches_every_subscriber_signed_localised_and_answerable) {
    const auto survey = create_survey();
    const auto campaign = active_campaign(R"({"name": "Ticket CSAT", "survey_id": ")" + survey + R"(", "channel": "webhook",
        "trigger": {"type": "event", "event": "ticket.resolved"}, "expires_after": "P7D"})");
    const auto [first_id, first_secret] = subscribe(R"(["survey.requested"])");
    const auto [second_id, second_secret] = subscribe(R"(["survey.requested"])", R"({"campaign_id": ")" + campaign + "\"}");
    const auto [other_id, other_secret] = subscribe(R"(["survey.requested"])", R"({"campaign_id": "cmp_another"})");
    webhook_receiver first({"--secret", first_secret}), second({"--secret", second_secret}), other({"--secret", other_secret});
    point(first_id, first, R"(["survey.requested"])");
    point(second_id, second, R"(["survey.requested"])", R"({"campaign_id": ")" + campaign + "\"}");
    point(other_id, other, R"(["survey.requested"])", R"({"campaign_id": "cmp_another"})");
    ASSERT_EQ(call("PUT", "/v1/contacts/cust-fr", R"({"locale": "fr-BE"})", ingest_).status, 201);

    const auto fired = post_event(R"({"id": "t1", "contact": "cust-fr", "name": "ticket.resolved"})");
    ASSERT_EQ(fired.at("invitations").as_array().size(), 1u) << fired;
    const std::string invitation_id(fired.at("invitations").at(0).at("id").as_string());

    ASSERT_TRUE(eventually([&] { return first.stats().at("verified").as_int64() == 1 && second.stats().at("verified").as_int64() == 1; }))
        << first.stats() << second.stats();
    ASSERT_TRUE(eventually([&] { return status_of(invitation_id) == "delivered"; })) << invitation(invitation_id);
    EXPECT_EQ(other.stats().at("requests").as_int64(), 0) << "its filter names another campaign";

    const auto delivery = first.deliveries().at(0);
    EXPECT_EQ(delivery.at("type").as_string(), "survey.requested");
    const auto& data = delivery.at("data");
    EXPECT_EQ(data.at("invitation_id").as_string(), invitation_id);
    EXPECT_EQ(data.at("campaign_id").as_string(), campaign);
    EXPECT_EQ(data.at("contact").at("external_id").as_string(), "cust-fr");
    EXPECT_EQ(data.at("contact").at("locale").as_string(), "fr") << "the survey's locale closest to the contact's";
    EXPECT_EQ(data.at("survey").at("locale").as_string(), "fr");
    EXPECT_TRUE(data.at("survey").at("questions").at(0).at("text").is_string()) << "one locale's text, not all";
    EXPECT_NE(std::string(data.at("url").as_string()).find("/s/"), std::string::npos);
    EXPECT_NE(delivery.at("id").as_string(), second.deliveries().at(0).at("id").as_string())
        << "each subscriber's message has its own webhook-id";

    const auto row = invitation(invitation_id);
    EXPECT_TRUE(row.at("sent_at").is_string());
    EXPECT_TRUE(row.at("delivered_at").is_string());
    EXPECT_EQ(row.at("attempts").as_int64(), 2) << "one attempt per subscriber";
    const auto expires = touchpoint::engine::parse_time(std::string(data.at("expires_at").as_string()));
    const auto sent = touchpoint::engine::parse_time(std::string(row.at("sent_at").as_string()));
    ASSERT_TRUE(expires && sent);
    EXPECT_NEAR(static_cast<double>(*expires - *sent), 7 * 86'400'000.0, 1'000.0) << "expires_after counts from sending";

    // The product posts the answers with the token it was given.
    const std::string token(data.at("token").as_string());
    auto answered = call("POST", "/v1/responses", R"({"token": ")" + token + R"(", "answers": {"q_score": 9}, "complete": true})");
    EXPECT_EQ(answered.status, 200) << answered.body;
    EXPECT_EQ(status_of(invitation_id), "responded");
    EXPECT_EQ(admin_json("GET", "/v1/campaigns/" + campaign).at("stats").at("delivered").as_int64(), 1);
}

TEST_P(delivery_flow, without_a_subscriber_the_invitation_fails_and_invitation_failed_says_why) {
    const auto survey = create_survey();
    const auto campaign = active_campaign(R"({"name": "In-app NPS", "survey_id": ")" + survey + R"(", "channel": "webhook",
        "trigger": {"type": "event", "event": "signup"}})");
    const auto [watcher_id, watcher_secret] = subscribe(R"(["invitation.failed"])");
    webhook_receiver watcher({"--secret", watcher_secret});
    point(watcher_id, watcher, R"(["invitation.failed"])");

    const auto fired = post_event(R"({"id": "s1", "contact": "cust-2", "name": "signup"})");
    const std::string invitation_id(fired.at("invitations").at(0).at("id").as_string());
    ASSERT_TRUE(eventually([&] { return status_of(invitation_id) == "failed"; })) << invitation(invitation_id);
    EXPECT_EQ(invitation(invitation_id).at("reason").as_string(), "no_subscriber");
    ASSERT_TRUE(eventually([&] { return watcher.stats().at("verified").as_int64() == 1; })) << watcher.stats();
    const auto delivery = watcher.deliveries().at(0);
    EXPECT_EQ(delivery.at("type").as_string(), "invitation.failed");
    EXPECT_EQ(delivery.at("data").at("reason").as_string(), "no_subscriber");
    EXPECT_EQ(delivery.at("data").at("contact").as_string(), "cust-2");
    EXPECT_EQ(delivery.at("data").at("campaign_id").as_string(), campaign);
}

TEST_P(delivery_flow, a_receiver_failing_at_first_gets_the_message_once_it_recovers_and_410_disables_the_subscription) {
    const auto survey = create_survey();
    active_campaign(R"({"name": "NPS", "survey_id": ")" + survey + R"(", "channel": "webhook",
        "trigger": {"type": "event", "event": "renewal"}})");
    const auto [flaky_id, flaky_secret] = subscribe(R"(["survey.requested"])");
    webhook_receiver flaky({"--secret", flaky_secret, "--fail-first", "2", "--fail-status", "503"});
    point(flaky_id, flaky, R"(["survey.requested"])");

    const auto fired = post_event(R"({"id": "r1", "contact": "cust-3", "name": "renewal"})");
    const std::string invitation_id(fired.at("invitations").at(0).at("id").as_string());
    ASSERT_TRUE(eventually([&] { return status_of(invitation_id) == "delivered"; })) << invitation(invitation_id);
    EXPECT_EQ(invitation(invitation_id).at("attempts").as_int64(), 3) << "two 503s, then 2xx";
    const auto deliveries = flaky.deliveries().as_array();
    ASSERT_EQ(deliveries.size(), 3u);
    EXPECT_EQ(deliveries.at(0).at("id"), deliveries.at(2).at("id")) << "every attempt repeats the webhook-id";

    flaky.set_mode(R"({"mode": "gone"})");
    const auto again = post_event(R"({"id": "r2", "contact": "cust-4", "name": "renewal"})");
    const std::string gone_id(again.at("invitations").at(0).at("id").as_string());
    ASSERT_TRUE(eventually([&] { return status_of(gone_id) == "failed"; })) << invitation(gone_id);
    EXPECT_EQ(invitation(gone_id).at("reason").as_string(), "rejected_by_peer");
    const auto subscription = admin_json("GET", "/v1/webhooks/" + flaky_id);
    EXPECT_EQ(subscription.at("status").as_string(), "disabled") << subscription;
    EXPECT_NE(std::string(subscription.at("disabled_reason").as_string()).find("410"), std::string::npos);
}

TEST_P(delivery_flow, a_campaign_paused_or_edited_before_sending_decides_what_its_scheduled_invitations_do) {
    const auto survey = create_survey();
    const auto paused = active_campaign(R"({"name": "Later", "survey_id": ")" + survey + R"(", "channel": "webhook",
        "trigger": {"type": "event", "event": "ticket.resolved", "delay": "PT2S"}})");
    const auto edited = active_campaign(R"({"name": "Pro only", "survey_id": ")" + survey + R"(", "channel": "webhook",
        "trigger": {"type": "event", "event": "onboarding.completed", "delay": "PT2S"}})");
    const auto [id, secret] = subscribe(R"(["survey.requested"])");
    webhook_receiver receiver({"--secret", secret});
    point(id, receiver, R"(["survey.requested"])");
    ASSERT_EQ(call("PUT", "/v1/contacts/cust-5", R"({"attributes": {"plan": "free"}})", ingest_).status, 201);
    ASSERT_EQ(call("PUT", "/v1/contacts/cust-6", R"({"attributes": {"plan": "free"}})", ingest_).status, 201);

    const std::string first(post_event(R"({"id": "p1", "contact": "cust-5", "name": "ticket.resolved"})")
                                .at("invitations").at(0).at("id").as_string());
    const std::string second(post_event(R"({"id": "p2", "contact": "cust-6", "name": "onboarding.completed"})")
                                 .at("invitations").at(0).at("id").as_string());
    ASSERT_EQ(call("POST", "/v1/campaigns/" + paused + "/pause", "", admin_).status, 200);
    auto edit = call("PUT", "/v1/campaigns/" + edited, R"({"name": "Pro only", "survey_id": ")" + survey + R"(", "channel": "webhook",
        "trigger": {"type": "event", "event": "onboarding.completed", "delay": "PT2S"}, "audience": {"where": {"attr.plan": "pro"}}})",
                     admin_);
    ASSERT_EQ(edit.status, 200) << edit.body;
    EXPECT_EQ(json::parse(edit.body).at("stats").at("scheduled").as_int64(), 1) << "the edit applies to this one, and says so";

    ASSERT_TRUE(eventually([&] { return status_of(first) == "cancelled" && status_of(second) == "skipped"; }))
        << invitation(first) << invitation(second);
    EXPECT_EQ(invitation(first).at("reason").as_string(), "campaign_paused");
    EXPECT_EQ(invitation(second).at("reason").as_string(), "audience") << "judged by the campaign as it reads when sending";
    EXPECT_EQ(receiver.stats().at("requests").as_int64(), 0);
}

TEST_P(delivery_flow, responses_are_told_to_subscribers_as_created_updated_and_completed_with_band_filters) {
    const auto survey = create_survey();
    const std::string all_types = R"(["response.created", "response.updated", "response.completed"])";
    const auto [all_id, all_secret] = subscribe(all_types);
    const auto [alert_id, alert_secret] = subscribe(R"(["response.completed"])", R"({"band": "detractor"})");
    webhook_receiver all({"--secret", all_secret}), alert({"--secret", alert_secret});
    point(all_id, all, all_types);
    point(alert_id, alert, R"(["response.completed"])", R"({"band": "detractor"})");

    ASSERT_EQ(call("PUT", "/v1/contacts/cust-7", "{}", ingest_).status, 201);
    ASSERT_EQ(call("PUT", "/v1/contacts/cust-8", "{}", ingest_).status, 201);
    const auto promoter = invite(survey, "cust-7");
    ASSERT_EQ(call("POST", "/v1/responses", R"({"token": ")" + promoter + R"(", "answers": {"q_score": 10}})").status, 200);
    ASSERT_EQ(call("POST", "/v1/responses", R"({"token": ")" + promoter + R"(", "answers": {"q_why": "Fast & <friendly>"}, "complete": true})")
                  .status, 200);
    const auto detractor = invite(survey, "cust-8");
    ASSERT_EQ(call("POST", "/v1/responses", R"({"token": ")" + detractor + R"(", "answers": {"q_score": 2}, "complete": true})").status, 200);

    ASSERT_TRUE(eventually([&] { return all.stats().at("verified").as_int64() == 5 && alert.stats().at("verified").as_int64() == 1; }))
        << all.stats() << alert.stats();
    const auto received = all.deliveries(); // kept: the loops below read into it
    std::vector<std::string> types;
    for (const auto& delivery : received.as_array()) types.emplace_back(delivery.at("type").as_string());
    std::ranges::sort(types);
    EXPECT_EQ(types, (std::vector<std::string>{"response.completed", "response.completed", "response.created", "response.created",
                                               "response.updated"}));
    const auto alerted = alert.deliveries().at(0).at("data");
    EXPECT_EQ(alerted.at("contact").as_string(), "cust-8") << "only the detractor passes the band filter";
    EXPECT_EQ(alerted.at("answers").at("q_score").as_int64(), 2);
    EXPECT_TRUE(alerted.at("complete").as_bool());
    for (const auto& delivery : received.as_array())
        if (delivery.at("type") == "response.completed" && delivery.at("data").at("contact") == "cust-7")
            EXPECT_EQ(delivery.at("data").at("answers").at("q_why").as_string(), "Fast & <friendly>")
                << "the text as typed: JSON carries it, the receiver escapes where it shows it";
}

TEST_P(delivery_flow, the_delivery_log_shows_every_attempt_and_a_retry_or_replay_delivers_with_the_same_webhook_id) {
    const auto survey = create_survey();
    active_campaign(R"({"name": "NPS", "survey_id": ")" + survey + R"(", "channel": "webhook",
        "trigger": {"type": "event", "event": "renewal"}})");
    const auto [id, secret] = subscribe(R"(["survey.requested"])");
    webhook_receiver broken({"--secret", secret, "--status", "500"});
    point(id, broken, R"(["survey.requested"])");

    const std::string first(post_event(R"({"id": "r1", "contact": "cust-9", "name": "renewal"})").at("invitations").at(0).at("id").as_string());
    ASSERT_TRUE(eventually([&] { return status_of(first) == "failed"; })) << invitation(first);
    EXPECT_EQ(invitation(first).at("reason").as_string(), "attempts_exhausted");

    auto listed = call("GET", "/v1/webhooks/" + id + "/deliveries?status=failed", "", admin_);
    ASSERT_EQ(listed.status, 200) << listed.body;
    const auto failed = json::parse(listed.body).at("data").as_array();
    ASSERT_EQ(failed.size(), 1u);
    EXPECT_EQ(failed.at(0).at("event_type").as_string(), "survey.requested");
    EXPECT_EQ(failed.at(0).at("invitation_id").as_string(), first);
    EXPECT_EQ(failed.at(0).at("attempts").as_int64(), 3);
    const std::string delivery(failed.at(0).at("id").as_string());
    const std::string message_id(failed.at(0).at("message_id").as_string());
    const auto detail = admin_json("GET", "/v1/webhooks/" + id + "/deliveries/" + delivery);
    const auto& log = detail.at("attempt_log").as_array();
    ASSERT_EQ(log.size(), 3u) << detail;
    EXPECT_EQ(log.at(0).at("peer_status").as_int64(), 500);
    EXPECT_EQ(log.at(2).at("outcome").as_string(), "failed");
    EXPECT_EQ(detail.at("body").at("type").as_string(), "survey.requested");
    EXPECT_EQ(call("GET", "/v1/webhooks/" + id + "/deliveries?status=lost", "", admin_).status, 422);
    EXPECT_TRUE(json::parse(call("GET", "/v1/webhooks/" + id + "/deliveries?status=delivered", "", admin_).body)
                    .at("data").as_array().empty());

    // The receiver recovers: one delivery retried by hand arrives with the id every attempt carried.
    broken.set_mode(R"({"status": 204})");
    auto retried = call("POST", "/v1/webhooks/" + id + "/deliveries/" + delivery + "/retry", "", admin_);
    ASSERT_EQ(retried.status, 202) << retried.body;
    ASSERT_TRUE(eventually([&] { return status_of(first) == "delivered"; })) << invitation(first);
    EXPECT_EQ(broken.deliveries().as_array().back().at("id").as_string(), message_id);
    EXPECT_TRUE(invitation(first).at("reason").is_null()) << "delivered after all: the failure no longer stands";

    // A period replayed: what failed in it goes out again.
    broken.set_mode(R"({"status": 500})");
    const std::string second(post_event(R"({"id": "r2", "contact": "cust-10", "name": "renewal"})").at("invitations").at(0).at("id").as_string());
    ASSERT_TRUE(eventually([&] { return status_of(second) == "failed"; }));
    broken.set_mode(R"({"status": 204})");
    EXPECT_EQ(call("POST", "/v1/webhooks/" + id + "/replay", "{}", admin_).status, 422) << "since is required";
    auto replayed = call("POST", "/v1/webhooks/" + id + "/replay", R"({"since": "2020-01-01T00:00:00Z", "status": "failed"})", admin_);
    ASSERT_EQ(replayed.status, 202) << replayed.body;
    EXPECT_EQ(json::parse(replayed.body).at("requeued").as_int64(), 1);
    ASSERT_TRUE(eventually([&] { return status_of(second) == "delivered"; })) << invitation(second);
    EXPECT_EQ(call("POST", "/v1/webhooks/" + id + "/deliveries/job_unknown/retry", "", admin_).status, 404);
}

TEST_P(delivery_flow, a_contacts_timeline_shows_its_events_invitations_attempts_and_responses_in_time_order) {
    const auto survey = create_survey();
    active_campaign(R"({"name": "CSAT", "survey_id": ")" + survey + R"(", "channel": "webhook",
        "trigger": {"type": "event", "event": "ticket.resolved"}})");
    const auto [id, secret] = subscribe(R"(["survey.requested"])");
    webhook_receiver receiver({"--secret", secret, "--fail-first", "1"});
    point(id, receiver, R"(["survey.requested"])");
    const std::string invitation_id(post_event(R"({"id": "t1", "contact": "cust-11", "name": "ticket.resolved", "properties": {"agent": "<b>Bo</b>"}})")
                                        .at("invitations").at(0).at("id").as_string());
    ASSERT_TRUE(eventually([&] { return status_of(invitation_id) == "delivered"; })) << invitation(invitation_id);
    const std::string token(receiver.deliveries().as_array().back().at("data").at("token").as_string());
    ASSERT_EQ(call("POST", "/v1/responses", R"({"token": ")" + token + R"(", "answers": {"q_score": 7}, "complete": true})").status, 200);

    auto reply = call("GET", "/v1/contacts/cust-11/timeline", "", admin_);
    ASSERT_EQ(reply.status, 200) << reply.body;
    const auto timeline = json::parse(reply.body);
    std::vector<std::string> kinds;
    for (const auto& entry : timeline.at("entries").as_array()) {
        const std::string type(entry.at("type").as_string());
        if (type == "delivery_attempt") kinds.push_back(type + ":" + std::string(entry.at(type).at("outcome").as_string()));
        else kinds.push_back(type);
    }
    // The send job's one attempt, then the message's failed first try and its retry.
    EXPECT_EQ(kinds, (std::vector<std::string>{"event", "invitation", "delivery_attempt:delivered", "delivery_attempt:retry",
                                               "delivery_attempt:delivered", "response"}))
        << timeline;
    EXPECT_EQ(timeline.at("entries").at(0).at("event").at("properties").at("agent").as_string(), "<b>Bo</b>");
    EXPECT_EQ(timeline.at("entries").at(1).at("invitation").at("status").as_string(), "responded");
    EXPECT_EQ(call("GET", "/v1/contacts/cust-11/timeline", "", ingest_).status, 403) << "responses are for admin keys";
    EXPECT_EQ(call("GET", "/v1/contacts/nobody/timeline", "", admin_).status, 404);
}

TEST_P(delivery_flow, a_reminder_asks_again_until_an_answer_and_an_unanswered_invitation_expires) {
    const auto survey = create_survey();
    active_campaign(R"({"name": "Onboarding", "survey_id": ")" + survey + R"(", "channel": "webhook",
        "trigger": {"type": "event", "event": "onboarding.completed"}, "reminders": [{"after": "PT1S"}], "expires_after": "PT3S"})");
    const auto [id, secret] = subscribe(R"(["survey.requested"])");
    webhook_receiver receiver({"--secret", secret});
    point(id, receiver, R"(["survey.requested"])");

    const std::string silent(post_event(R"({"id": "o1", "contact": "cust-12", "name": "onboarding.completed"})")
                                 .at("invitations").at(0).at("id").as_string());
    const std::string answering(post_event(R"({"id": "o2", "contact": "cust-13", "name": "onboarding.completed"})")
                                    .at("invitations").at(0).at("id").as_string());
    ASSERT_TRUE(eventually([&] { return receiver.stats().at("verified").as_int64() == 2; })) << receiver.stats();
    std::string token;
    const auto first_round = receiver.deliveries(); // kept: the loop reads into it
    for (const auto& delivery : first_round.as_array())
        if (delivery.at("data").at("invitation_id").as_string() == answering) token = delivery.at("data").at("token").as_string();
    ASSERT_EQ(call("POST", "/v1/responses", R"({"token": ")" + token + R"(", "answers": {"q_score": 8}, "complete": true})").status, 200);

    ASSERT_TRUE(eventually([&] { return status_of(silent) == "expired"; })) << invitation(silent);
    const auto received = receiver.deliveries();
    int reminders_to_silent = 0, reminders_to_answering = 0;
    for (const auto& delivery : received.as_array()) {
        if (!delivery.at("data").as_object().contains("reminder")) continue;
        EXPECT_EQ(delivery.at("data").at("reminder").as_int64(), 1);
        (delivery.at("data").at("invitation_id").as_string() == silent ? reminders_to_silent : reminders_to_answering) += 1;
    }
    EXPECT_EQ(reminders_to_silent, 1) << received;
    EXPECT_EQ(reminders_to_answering, 0) << "an answer stops the reminders";
    EXPECT_EQ(status_of(answering), "responded") << "an answered invitation does not expire";
    std::string silent_token;
    for (const auto& delivery : received.as_array())
        if (delivery.at("data").at("invitation_id").as_string() == silent) silent_token = delivery.at("data").at("token").as_string();
    auto late = call("POST", "/v1/responses", R"({"token": ")" + silent_token + R"(", "answers": {"q_score": 8}})");
    EXPECT_EQ(late.status, 410) << late.body;
}

TEST_P(delivery_flow, a_link_opened_before_its_time_is_still_sent_and_one_answered_is_not_asked_again) {
    const auto survey = create_survey();
    active_campaign(R"({"name": "Soon", "survey_id": ")" + survey + R"(", "channel": "webhook",
        "trigger": {"type": "event", "event": "trial.started", "delay": "PT2S"}})");
    const auto [id, secret] = subscribe(R"(["survey.requested"])");
    webhook_receiver receiver({"--secret", secret});
    point(id, receiver, R"(["survey.requested"])");
    const auto opened = post_event(R"({"id": "a1", "contact": "cust-14", "name": "trial.started"})").at("invitations").at(0);
    const auto answered = post_event(R"({"id": "a2", "contact": "cust-15", "name": "trial.started"})").at("invitations").at(0);
    // The events' answer carries each invitation's link: one is opened, the other answered, before they are due.
    const std::string opened_url(opened.at("url").as_string());
    ASSERT_EQ(call("GET", opened_url.substr(opened_url.find("/s/"))).status, 200);
    ASSERT_EQ(call("POST", "/v1/responses", R"({"token": ")" + std::string(answered.at("token").as_string()) +
                                                R"(", "answers": {"q_score": 10}, "complete": true})").status, 200);

    const std::string opened_id(opened.at("id").as_string()), answered_id(answered.at("id").as_string());
    ASSERT_TRUE(eventually([&] { return !invitation(opened_id).at("delivered_at").is_null(); })) << invitation(opened_id);
    ASSERT_TRUE(eventually([&] { return !invitation(answered_id).at("sent_at").is_null(); })) << invitation(answered_id);
    EXPECT_EQ(status_of(answered_id), "responded");
    const auto received = receiver.deliveries();
    ASSERT_EQ(received.as_array().size(), 1u) << received;
    EXPECT_EQ(received.at(0).at("data").at("invitation_id").as_string(), opened_id);
}

TEST_P(delivery_flow, a_receiver_that_hangs_does_not_hold_up_the_other_subscribers) {
    const auto survey = create_survey();
    active_campaign(R"({"name": "NPS", "survey_id": ")" + survey + R"(", "channel": "webhook",
        "trigger": {"type": "event", "event": "plan.upgraded"}})");
    const auto [dead_id, dead_secret] = subscribe(R"(["survey.requested"])");
    const auto [live_id, live_secret] = subscribe(R"(["survey.requested"])");
    webhook_receiver dead({"--secret", dead_secret, "--mode", "hang"}), live({"--secret", live_secret});
    point(dead_id, dead, R"(["survey.requested"])");
    point(live_id, live, R"(["survey.requested"])");
    std::string batch = R"({"events": [)";
    for (int i = 0; i < 12; ++i) batch += (i ? "," : "") + (R"({"id": "u)" + std::to_string(i) + R"(", "contact": "up-)" + std::to_string(i) + R"(", "name": "plan.upgraded"})");
    ASSERT_EQ(call("POST", "/v1/events/batch", batch + "]}", ingest_).status, 202);
    // Without rest, each of the dead receiver's twelve messages would hold a worker for the timeout in turn.
    const auto started = std::chrono::steady_clock::now();
    ASSERT_TRUE(eventually([&] { return live.stats().at("verified").as_int64() == 12; })) << live.stats();
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5)) << "the live receiver waited on the dead one";
    EXPECT_LT(dead.stats().at("requests").as_int64(), 12) << "the dead receiver rests between its tries";
}

TEST_P(delivery_flow, an_erased_contacts_messages_keep_no_body_and_are_never_sent_again) {
    const auto survey = create_survey();
    const auto [id, secret] = subscribe(R"(["response.completed"])");
    webhook_receiver receiver({"--secret", secret});
    point(id, receiver, R"(["response.completed"])");
    ASSERT_EQ(call("PUT", "/v1/contacts/cust-16", "{}", ingest_).status, 201);
    const auto token = invite(survey, "cust-16");
    ASSERT_EQ(call("POST", "/v1/responses", R"({"token": ")" + token + R"(", "answers": {"q_score": 3, "q_why": "My private story"}, "complete": true})").status, 200);
    ASSERT_TRUE(eventually([&] { return receiver.stats().at("verified").as_int64() == 1; })) << receiver.stats();

    ASSERT_EQ(call("DELETE", "/v1/contacts/cust-16", "", ingest_).status, 204);
    const auto log = admin_json("GET", "/v1/webhooks/" + id + "/deliveries");
    ASSERT_EQ(log.at("data").as_array().size(), 1u);
    const std::string delivery(log.at("data").at(0).at("id").as_string());
    const auto detail = admin_json("GET", "/v1/webhooks/" + id + "/deliveries/" + delivery);
    EXPECT_TRUE(detail.at("body").is_null()) << detail;
    EXPECT_EQ(json::serialize(detail).find("private story"), std::string::npos);
    EXPECT_EQ(call("POST", "/v1/webhooks/" + id + "/deliveries/" + delivery + "/retry", "", admin_).status, 409);
    auto replayed = call("POST", "/v1/webhooks/" + id + "/replay", R"({"since": "2020-01-01T00:00:00Z", "status": "delivered"})", admin_);
    EXPECT_EQ(json::parse(replayed.body).at("requeued").as_int64(), 0) << replayed.body;
    EXPECT_EQ(call("POST", "/v1/events", R"({"id": "slash", "contact": "a/b", "name": "signup"})", ingest_).status, 422)
        << "an id no /v1/contacts/{external_id} could name, so never erase";
}

TEST_P(delivery_flow, a_contact_that_unsubscribes_gets_nothing_more_and_subscribers_hear_of_it) {
    const auto survey = create_survey();
    active_campaign(R"({"name": "Later", "survey_id": ")" + survey + R"(", "channel": "webhook",
        "trigger": {"type": "event", "event": "ticket.resolved", "delay": "PT1H"}})");
    const auto [id, secret] = subscribe(R"(["contact.unsubscribed"])");
    webhook_receiver receiver({"--secret", secret});
    point(id, receiver, R"(["contact.unsubscribed"])");
    const std::string scheduled(post_event(R"({"id": "t1", "contact": "cust-17", "name": "ticket.resolved"})")
                                    .at("invitations").at(0).at("id").as_string());

    auto unsubscribed = call("PUT", "/v1/contacts/cust-17", R"({"unsubscribed": true})", ingest_);
    ASSERT_EQ(unsubscribed.status, 200) << unsubscribed.body;
    EXPECT_TRUE(json::parse(unsubscribed.body).at("unsubscribed_at").is_string());
    EXPECT_EQ(status_of(scheduled), "cancelled");
    EXPECT_EQ(invitation(scheduled).at("reason").as_string(), "unsubscribed");
    ASSERT_TRUE(eventually([&] { return receiver.stats().at("verified").as_int64() == 1; })) << receiver.stats();
    const auto told = receiver.deliveries().at(0);
    EXPECT_EQ(told.at("type").as_string(), "contact.unsubscribed");
    EXPECT_EQ(told.at("data").at("contact").as_string(), "cust-17");
    EXPECT_EQ(told.at("data").at("cancelled_invitations").at(0).as_string(), scheduled);

    const auto later = post_event(R"({"id": "t2", "contact": "cust-17", "name": "ticket.resolved"})").at("invitations").at(0);
    EXPECT_EQ(later.at("status").as_string(), "skipped");
    EXPECT_EQ(later.at("reason").as_string(), "unsubscribed");
    EXPECT_EQ(call("PUT", "/v1/contacts/cust-17", R"({"unsubscribed": "yes"})", ingest_).status, 422);
    auto again = call("PUT", "/v1/contacts/cust-17", R"({"unsubscribed": false})", ingest_);
    EXPECT_TRUE(json::parse(again.body).at("unsubscribed_at").is_null()) << again.body;
    EXPECT_EQ(post_event(R"({"id": "t3", "contact": "cust-17", "name": "ticket.resolved"})").at("invitations").at(0).at("status").as_string(),
              "scheduled");
}

TEST_P(delivery_flow, an_invitation_whose_only_subscription_is_disabled_before_delivery_fails_for_want_of_a_subscriber) {
    const auto survey = create_survey();
    active_campaign(R"({"name": "NPS", "survey_id": ")" + survey + R"(", "channel": "webhook",
        "trigger": {"type": "event", "event": "renewal"}})");
    const auto [id, secret] = subscribe(R"(["survey.requested"])");
    webhook_receiver failing({"--secret", secret, "--mode", "hang"}); // each try is in flight for the timeout
    point(id, failing, R"(["survey.requested"])");
    const std::string invitation_id(post_event(R"({"id": "d1", "contact": "cust-18", "name": "renewal"})")
                                        .at("invitations").at(0).at("id").as_string());
    ASSERT_TRUE(eventually([&] { return failing.stats().at("requests").as_int64() >= 1; })) << failing.stats();
    auto disabled = call("PUT", "/v1/webhooks/" + id,
                         R"({"url": ")" + failing.url() + R"(", "events": ["survey.requested"], "status": "disabled"})", admin_);
    ASSERT_EQ(disabled.status, 200) << disabled.body;
    ASSERT_TRUE(eventually([&] { return status_of(invitation_id) == "failed"; })) << invitation(invitation_id);
    EXPECT_EQ(invitation(invitation_id).at("reason").as_string(), "no_subscriber");
    const auto log = admin_json("GET", "/v1/webhooks/" + id + "/deliveries");
    EXPECT_NE(log.at("data").at(0).at("status").as_string(), "pending") << log;
}

INSTANTIATE_TEST_SUITE_P(backends, delivery_flow, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

} // namespace
