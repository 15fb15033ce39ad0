// The triggers no single event fires, end to end over HTTP: `attribute_date`
// (a date in a contact attribute, scheduled as contacts are upserted and by the
// scan that activating a campaign starts), `recurring` (a chain of occurrences,
// each made once the one before is sent, stopped by a pause and picked up by a
// resume) and `manual` (POST /v1/campaigns/{id}/send walks the audience in
// pages, in the background, continued by another process). Every invitation
// they make goes through the same send job as an event's. On SQLite and
// PostgreSQL.
#include "engine/config.hpp"
#include "engine/time_format.hpp"
#include "support/engine_fixture.hpp"
#include "support/webhook_receiver.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <thread>

namespace json = boost::json;
using touchpoint::engine::format_time;
using touchpoint::engine::now_ms;
using touchpoint::engine::parse_time;
using touchpoint::testing::webhook_receiver;

namespace {

constexpr std::int64_t day = 86'400'000;

class scheduled_flow : public touchpoint::testing::engine_fixture {
protected:
    void configure(touchpoint::engine::config& settings) override {
        settings.webhook_allow_private = true; // the receiver listens on loopback
        settings.dispatch_workers = 2;
    }

    std::string campaign(const std::string& body, bool activate = true) {
        auto created = call("POST", "/v1/campaigns", body, admin_);
        EXPECT_EQ(created.status, 201) << created.body;
        const std::string id(json::parse(created.body).at("id").as_string());
        if (activate) {
            EXPECT_EQ(call("POST", "/v1/campaigns/" + id + "/activate", "", admin_).status, 200);
        }
        return id;
    }
    void upsert(const std::string& contact, const std::string& body) {
        auto reply = call("PUT", "/v1/contacts/" + contact, body, ingest_);
        EXPECT_TRUE(reply.status == 200 || reply.status == 201) << reply.body;
    }
    json::value post_event(const std::string& body) {
        auto reply = call("POST", "/v1/events", body, ingest_);
        EXPECT_EQ(reply.status, 202) << reply.body;
        return json::parse(reply.body);
    }
    long long scalar(const std::string& sql) {
        long long n = 0;
        soci::indicator indicator = soci::i_null;
        touchpoint::engine::store::leased_session lease(*db_);
        lease.session() << sql, soci::into(n, indicator);
        return indicator == soci::i_ok ? n : -1;
    }
    std::string text(const std::string& sql) {
        std::string out;
        soci::indicator indicator = soci::i_null;
        touchpoint::engine::store::leased_session lease(*db_);
        lease.session() << sql, soci::into(out, indicator);
        return indicator == soci::i_ok ? out : "";
    }
    // The state and reason of the campaign invitation whose trigger key ends so.
    std::string state_of(const std::string& campaign, const std::string& key_end) {
        return text("SELECT state || ':' || COALESCE(reason, '') FROM invitations WHERE campaign_id = '" + campaign +
                    "' AND trigger_key LIKE '%:" + key_end + "'");
    }
    json::value stats(const std::string& campaign) { return admin_json("GET", "/v1/campaigns/" + campaign).at("stats"); }
    // Contacts written straight to the database, `n` of them, for walks of several pages.
    void insert_contacts(int n, const std::function<std::string(int)>& attributes) {
        touchpoint::engine::store::leased_session lease(*db_);
        soci::transaction transaction(lease.session());
        const long long created = now_ms();
        for (int i = 0; i < n; ++i) {
            const std::string id = "cnt_bulk" + std::to_string(100000 + i), external = "bulk-" + std::to_string(i),
                              attrs = attributes(i);
            lease.session() << "INSERT INTO contacts (id, external_id, attributes, created_at, updated_at) "
                               "VALUES (:id, :ext, :attrs, :created, :updated)",
                soci::use(id), soci::use(external), soci::use(attrs), soci::use(created), soci::use(created);
        }
        transaction.commit();
    }
    static bool eventually(const std::function<bool()>& done, int seconds = 15) {
        for (int i = 0; i < seconds * 40; ++i) {
            if (done()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        return done();
    }
    static std::string day_text(std::int64_t at) { return format_time(at).substr(0, 10); }
};

TEST_P(scheduled_flow, an_attribute_date_schedules_once_per_date_and_follows_the_attribute_as_it_changes) {
    const auto survey = create_survey();
    const auto renewal = campaign(R"({"name": "Renewal", "survey_id": ")" + survey + R"(",
        "trigger": {"type": "attribute_date", "attribute": "renewal_date", "offset": "-P30D"},
        "audience": {"where": {"attr.plan": "pro"}}, "resurvey_after": "P90D"})");
    const auto in_60_days = day_text(now_ms() + 60 * day), in_400_days = day_text(now_ms() + 400 * day);

    upsert("cust-1", R"({"attributes": {"plan": "pro", "renewal_date": ")" + in_60_days + R"("}})");
    EXPECT_EQ(state_of(renewal, in_60_days), "scheduled:");
    EXPECT_EQ(scalar("SELECT due_at FROM invitations WHERE campaign_id = '" + renewal + "'"),
              *parse_time(in_60_days) - 30 * day) << "30 days before the contact's midnight (UTC: it has no zone)";
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'send' AND state = 'pending'"), 1) << "the send job every trigger's invitations get";
    upsert("cust-1", R"({"name": "Ana"})");
    upsert("cust-1", R"({"attributes": {"renewal_date": ")" + in_60_days + R"("}})");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM invitations WHERE campaign_id = '" + renewal + "'"), 1) << "one date schedules once";

    // Next year's renewal: the old date's invitation is cancelled with its send job, the new one scheduled.
    upsert("cust-1", R"({"attributes": {"renewal_date": ")" + in_400_days + R"("}})");
    EXPECT_EQ(state_of(renewal, in_60_days), "cancelled:attribute_changed");
    EXPECT_EQ(state_of(renewal, in_400_days), "scheduled:");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'send' AND state = 'cancelled'"), 1);
    // A date removed: nothing is left scheduled for it.
    upsert("cust-1", R"({"attributes": {"renewal_date": null}})");
    EXPECT_EQ(state_of(renewal, in_400_days), "cancelled:attribute_changed");

    // A renewal that passed, or whose trigger time (30 days before) passed, schedules nothing; a date-time works too.
    upsert("cust-2", R"({"attributes": {"plan": "pro", "renewal_date": ")" + day_text(now_ms() - 10 * day) + R"("}})");
    upsert("cust-3", R"({"attributes": {"plan": "pro", "renewal_date": ")" + day_text(now_ms() + 20 * day) + R"("}})");
    upsert("cust-4", R"({"attributes": {"plan": "pro", "renewal_date": "not a date"}})");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM invitations WHERE campaign_id = '" + renewal + "'"), 2);
    const auto at_time = format_time(now_ms() + 45 * day);
    upsert("cust-5", R"({"timezone": "Europe/Paris", "attributes": {"plan": "pro", "renewal_date": ")" + at_time + R"("}})");
    EXPECT_EQ(scalar("SELECT due_at FROM invitations WHERE trigger_key LIKE '%:" + at_time + "'"), *parse_time(at_time) - 30 * day);

    // Out of the audience when the date is set: skipped; in it later: the same date is scheduled after all.
    upsert("cust-6", R"({"attributes": {"plan": "free", "renewal_date": ")" + in_60_days + R"("}})");
    EXPECT_EQ(text("SELECT state || ':' || reason FROM invitations i JOIN contacts c ON c.id = i.contact_id "
                   "WHERE c.external_id = 'cust-6'"), "skipped:audience");
    upsert("cust-6", R"({"attributes": {"plan": "pro"}})");
    EXPECT_EQ(text("SELECT state FROM invitations i JOIN contacts c ON c.id = i.contact_id WHERE c.external_id = 'cust-6'"),
              "scheduled");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM invitations i JOIN contacts c ON c.id = i.contact_id WHERE c.external_id = 'cust-6'"), 1);

    ASSERT_TRUE(eventually([&] { return stats(renewal).at("scan").at("status") == "done"; })) << "the activation's scan";
    const auto s = stats(renewal);
    EXPECT_EQ(s.at("scheduled").as_int64(), 2) << s;
    EXPECT_EQ(s.at("cancelled").as_int64(), 2) << s;
    EXPECT_EQ(s.at("skipped").as_int64(), 0) << s;
    EXPECT_TRUE(s.at("manual_send").is_null());

    // A paused campaign schedules nothing on upsert; resuming scans every contact again.
    ASSERT_EQ(call("POST", "/v1/campaigns/" + renewal + "/pause", "", admin_).status, 200);
    upsert("cust-7", R"({"attributes": {"plan": "pro", "renewal_date": ")" + in_60_days + R"("}})");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM invitations i JOIN contacts c ON c.id = i.contact_id WHERE c.external_id = 'cust-7'"), 0);
    ASSERT_EQ(call("POST", "/v1/campaigns/" + renewal + "/resume", "", admin_).status, 200);
    ASSERT_TRUE(eventually([&] { return stats(renewal).at("scan").at("status") == "done"; })) << stats(renewal);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM invitations i JOIN contacts c ON c.id = i.contact_id WHERE c.external_id = 'cust-7' "
                     "AND i.state = 'scheduled'"), 1);
    EXPECT_EQ(stats(renewal).at("scan").at("scheduled").as_int64(), 1) << "the dates scheduled before are not scheduled twice";
}

TEST_P(scheduled_flow, activating_an_attribute_date_campaign_scans_every_contact_a_page_at_a_time) {
    const auto survey = create_survey();
    const auto in_90_days = day_text(now_ms() + 90 * day), passed = day_text(now_ms() - 400 * day);
    // 1,100 contacts: a third with a future date, a third with one long past, a third without.
    insert_contacts(1100, [&](int i) {
        if (i % 3 == 0) return R"({"renewal_date": ")" + in_90_days + R"("})";
        if (i % 3 == 1) return R"({"renewal_date": ")" + passed + R"("})";
        return std::string("{}");
    });
    const auto renewal = campaign(R"({"name": "Renewal", "survey_id": ")" + survey + R"(",
        "trigger": {"type": "attribute_date", "attribute": "renewal_date", "offset": "-P14D"}})");
    ASSERT_TRUE(eventually([&] { return stats(renewal).at("scan").at("status") == "done"; }, 60)) << stats(renewal);
    const auto scan = stats(renewal).at("scan");
    EXPECT_EQ(scan.at("contacts_seen").as_int64(), 1100);
    EXPECT_EQ(scan.at("scheduled").as_int64(), 367);
    EXPECT_EQ(scan.at("skipped").as_int64(), 0);
    EXPECT_FALSE(scan.at("finished_at").is_null());
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'audience_walk' AND state = 'done'"), 3) << "pages of 500";
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM invitations WHERE campaign_id = '" + renewal + "' AND state = 'scheduled'"), 367);
    EXPECT_EQ(scalar("SELECT MIN(due_at) FROM invitations WHERE campaign_id = '" + renewal + "'"),
              *parse_time(in_90_days) - 14 * day);
}

TEST_P(scheduled_flow, a_recurring_chain_starts_at_the_first_start_event_goes_on_after_each_send_and_stops_while_paused) {
    const auto survey = create_survey();
    const auto quarterly = campaign(R"({"name": "Daily pulse", "survey_id": ")" + survey + R"(",
        "trigger": {"type": "recurring", "every": "P1D", "start": {"event": "signup", "after": "P1D"}}})");
    auto created = call("POST", "/v1/webhooks", R"({"url": "http://127.0.0.1:9/hook", "events": ["survey.requested"]})", admin_);
    ASSERT_EQ(created.status, 201) << created.body;
    const auto subscription = json::parse(created.body);
    webhook_receiver receiver({"--secret", std::string(subscription.at("secret").as_string())});
    ASSERT_EQ(call("PUT", "/v1/webhooks/" + std::string(subscription.at("id").as_string()),
                   R"({"url": ")" + receiver.url() + R"(", "events": ["survey.requested"]})", admin_).status, 200);
    ASSERT_EQ(call("PUT", "/v1/settings", R"({"fatigue": {"min_days_between_surveys": 0, "max_surveys": {"count": 0, "period": "P90D"}}})",
                   admin_).status, 200);

    // Signed up a bit less than two days ago: occurrence 0 (a day after) is due, occurrence 1 comes in 8 seconds.
    const auto signup = now_ms() + 8'000 - 2 * day;
    const auto fired = post_event(R"({"id": "s1", "contact": "cust-1", "name": "signup", "occurred_at": ")" + format_time(signup) + R"("})");
    ASSERT_EQ(fired.at("invitations").as_array().size(), 1u) << fired;
    ASSERT_TRUE(eventually([&] { return state_of(quarterly, "occurrence_0") == "delivered:" && !state_of(quarterly, "occurrence_1").empty(); }))
        << state_of(quarterly, "occurrence_0");
    EXPECT_EQ(state_of(quarterly, "occurrence_1"), "scheduled:") << "made as occurrence 0 was sent";
    EXPECT_EQ(scalar("SELECT due_at FROM invitations WHERE trigger_key LIKE '%:occurrence_1'"), signup + 2 * day);
    EXPECT_TRUE(post_event(R"({"id": "s2", "contact": "cust-1", "name": "signup"})").at("invitations").as_array().empty())
        << "only the first start event starts the chain";

    // Paused when occurrence 1 comes due: it is cancelled and the chain stops there.
    ASSERT_EQ(call("POST", "/v1/campaigns/" + quarterly + "/pause", "", admin_).status, 200);
    ASSERT_TRUE(eventually([&] { return state_of(quarterly, "occurrence_1") == "cancelled:campaign_paused"; }, 20))
        << state_of(quarterly, "occurrence_1");
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    EXPECT_TRUE(state_of(quarterly, "occurrence_2").empty()) << "a paused campaign stops the chain";

    // Resumed: the scan picks the chain up at its next occurrence to come; the one missed is not made up.
    ASSERT_EQ(call("POST", "/v1/campaigns/" + quarterly + "/resume", "", admin_).status, 200);
    ASSERT_TRUE(eventually([&] { return stats(quarterly).at("scan").at("status") == "done"; })) << stats(quarterly);
    EXPECT_EQ(state_of(quarterly, "occurrence_2"), "scheduled:");
    EXPECT_EQ(scalar("SELECT due_at FROM invitations WHERE trigger_key LIKE '%:occurrence_2'"), signup + 3 * day);
    EXPECT_EQ(receiver.stats().at("verified").as_int64(), 1);
}

TEST_P(scheduled_flow, a_recurring_chain_without_a_start_begins_with_the_contact_and_a_cancel_on_event_ends_it) {
    const auto survey = create_survey();
    const auto monthly = campaign(R"({"name": "Monthly", "survey_id": ")" + survey + R"(",
        "trigger": {"type": "recurring", "every": "P30D"}, "cancel_on": ["subscription.cancelled"]})");
    upsert("cust-1", R"({"attributes": {"plan": "pro"}})");
    const auto created = scalar("SELECT created_at FROM contacts WHERE external_id = 'cust-1'");
    EXPECT_EQ(state_of(monthly, "occurrence_0"), "scheduled:");
    EXPECT_EQ(scalar("SELECT due_at FROM invitations WHERE trigger_key LIKE '%:occurrence_0'"), created + 30 * day)
        << "one period after the contact was created";
    upsert("cust-1", R"({"name": "Ana"})");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM invitations WHERE campaign_id = '" + monthly + "'"), 1);

    post_event(R"({"id": "c1", "contact": "cust-1", "name": "subscription.cancelled"})");
    EXPECT_EQ(state_of(monthly, "occurrence_0"), "cancelled:cancelled_by_event");
    upsert("cust-1", R"({"name": "Ana B."})");
    ASSERT_EQ(call("POST", "/v1/campaigns/" + monthly + "/pause", "", admin_).status, 200);
    ASSERT_EQ(call("POST", "/v1/campaigns/" + monthly + "/resume", "", admin_).status, 200);
    ASSERT_TRUE(eventually([&] { return stats(monthly).at("scan").at("status") == "done"; })) << stats(monthly);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM invitations WHERE campaign_id = '" + monthly + "'"), 1)
        << "a cancel_on event after the chain began ends it for good";
}

// The engine under test sends nothing (--dispatch-workers 0), so a send stays
// running while the test looks; a second engine on the same database, as a
// second process would, then walks it.
class manual_send_flow : public scheduled_flow {
protected:
    void configure(touchpoint::engine::config& settings) override {
        settings.dispatch_workers = 0;
        settings_ = settings;
    }
    touchpoint::engine::config settings_;
};

TEST_P(manual_send_flow, a_send_walks_the_audience_in_pages_in_the_background_and_invites_each_contact_once) {
    const auto survey = create_survey();
    insert_contacts(1050, [](int i) { return i % 2 ? std::string(R"({"plan": "pro"})") : std::string(R"({"plan": "free"})"); });
    const auto manual = campaign(R"({"name": "Announcement", "survey_id": ")" + survey + R"(",
        "trigger": {"type": "manual"}, "audience": {"where": {"attr.plan": "pro"}}})", false);
    EXPECT_EQ(call("POST", "/v1/campaigns/" + manual + "/send", "", admin_).status, 409) << "a draft sends nothing";
    ASSERT_EQ(call("POST", "/v1/campaigns/" + manual + "/activate", "", admin_).status, 200);

    auto started = call("POST", "/v1/campaigns/" + manual + "/send", "", admin_);
    ASSERT_EQ(started.status, 202) << started.body;
    const auto send = json::parse(started.body);
    const std::string send_id(send.at("send_id").as_string());
    EXPECT_EQ(send.at("status").as_string(), "running");
    auto again = call("POST", "/v1/campaigns/" + manual + "/send", "", admin_);
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_NE(again.body.find("send_running"), std::string::npos);
    EXPECT_EQ(stats(manual).at("manual_send").at("contacts_seen").as_int64(), 0) << "nothing walked in this process";

    {
        // Another engine process on the same database continues the walk.
        auto other = settings_;
        other.dispatch_workers = 2;
        touchpoint::engine::app second(other);
        second.start();
        ASSERT_TRUE(eventually([&] { return stats(manual).at("manual_send").at("status") == "done"; }, 60)) << stats(manual);
        second.stop();
    }
    const auto progress = stats(manual).at("manual_send");
    EXPECT_EQ(progress.at("send_id").as_string(), send_id);
    EXPECT_EQ(progress.at("contacts_seen").as_int64(), 1050);
    EXPECT_EQ(progress.at("scheduled").as_int64(), 525);
    EXPECT_EQ(progress.at("skipped").as_int64(), 525) << "the free plan is outside the audience";
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'audience_walk' AND state = 'done'"), 3) << "pages of 500";
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM invitations WHERE trigger_key LIKE '%:send_" + send_id + "'"), 1050);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'send'"), 525) << "each scheduled one through the send job";

    // A page claimed again (a lapsed lease after its commit) walks nothing: the cursor has moved on.
    {
        touchpoint::engine::store::leased_session lease(*db_);
        const std::string payload = R"({"walk_id": ")" + send_id + R"(", "after": ""})";
        const long long now = now_ms();
        lease.session() << "INSERT INTO jobs (id, kind, channel, payload, idempotency_key, state, due_at, attempts, created_at, "
                           "updated_at) VALUES ('job_again', 'audience_walk', 'none', :payload, 'again', 'pending', :due, 0, "
                           ":created, :updated)",
            soci::use(payload), soci::use(now), soci::use(now), soci::use(now);
    }
    {
        auto other = settings_;
        other.dispatch_workers = 1;
        touchpoint::engine::app second(other);
        second.start();
        ASSERT_TRUE(eventually([&] { return text("SELECT state FROM jobs WHERE id = 'job_again'") == "done"; })) ;
        second.stop();
    }
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM invitations WHERE trigger_key LIKE '%:send_" + send_id + "'"), 1050);
    EXPECT_EQ(stats(manual).at("manual_send").at("contacts_seen").as_int64(), 1050);

    // Only a manual campaign is sent by hand.
    const auto triggered = campaign(R"({"name": "CSAT", "survey_id": ")" + survey + R"(", "trigger": {"type": "event", "event": "x"}})");
    auto refused = call("POST", "/v1/campaigns/" + triggered + "/send", "", admin_);
    EXPECT_EQ(refused.status, 409);
    EXPECT_NE(refused.body.find("not_manual"), std::string::npos);
    EXPECT_EQ(call("POST", "/v1/campaigns/cmp_missing/send", "", admin_).status, 404);
    EXPECT_EQ(call("POST", "/v1/campaigns/" + manual + "/send", "", ingest_).status, 403);
}

INSTANTIATE_TEST_SUITE_P(backends, scheduled_flow, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });
INSTANTIATE_TEST_SUITE_P(backends, manual_send_flow, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

} // namespace
