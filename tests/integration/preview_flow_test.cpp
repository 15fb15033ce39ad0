// POST /v1/campaigns/preview against the real engine: a draft campaign's preview
// of the stored events counts what the campaign, once active, schedules and
// skips for the same events posted again, reason by reason and day by day,
// with fatigue from another campaign's invitations, the sample, the audience,
// a send window, cancel_on and after_event's first occurrence before the period.
// And bad requests get 422 naming the field. On SQLite and PostgreSQL.
#include "engine/time_format.hpp"
#include "engine/config.hpp"
#include "support/engine_fixture.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <utility>

namespace json = boost::json;

namespace {

constexpr long long hour = 3'600'000;
constexpr long long day = 24 * hour;

struct test_event {
    std::string id, contact, name;
    long long occurred_at = 0;
    json::object properties;
};

class preview_flow : public touchpoint::testing::engine_fixture {
protected:
    // Nothing is sent: the test compares the preview with what the triggers schedule,
    // and the events it replays are past due.
    void configure(touchpoint::engine::config& settings) override { settings.dispatch_workers = 0; }

    std::string campaign(const std::string& body) {
        auto created = call("POST", "/v1/campaigns", body, admin_);
        EXPECT_EQ(created.status, 201) << created.body;
        return std::string(json::parse(created.body).at("id").as_string());
    }
    void activate(const std::string& id) { EXPECT_EQ(call("POST", "/v1/campaigns/" + id + "/activate", "", admin_).status, 200); }
    // Posted in batches small enough for the fixture's body limit, in the order given.
    void post(const std::vector<test_event>& events, const std::string& id_prefix) {
        for (std::size_t start = 0; start < events.size(); start += 100) {
            json::array batch;
            for (std::size_t i = start; i < std::min(events.size(), start + 100); ++i) {
                const auto& e = events[i];
                batch.push_back(json::object{{"id", id_prefix + e.id}, {"contact", e.contact}, {"name", e.name},
                                             {"occurred_at", touchpoint::engine::format_time(e.occurred_at)},
                                             {"properties", e.properties}});
            }
            auto reply = call("POST", "/v1/events/batch", json::serialize(json::object{{"events", std::move(batch)}}), ingest_);
            ASSERT_EQ(reply.status, 202) << reply.body;
        }
    }
    json::object preview(const std::string& body) {
        auto reply = call("POST", "/v1/campaigns/preview", body, admin_);
        EXPECT_EQ(reply.status, 200) << reply.body;
        return json::parse(reply.body).as_object();
    }
    // What the campaign's stored invitations say, in the preview's terms.
    struct outcome {
        long long triggers = 0, invitations = 0;
        std::map<std::string, long long> skipped;
        std::map<std::string, std::pair<long long, long long>> per_day; // day: invitations, skipped
    };
    outcome stored(const std::string& campaign_id) {
        outcome out;
        touchpoint::engine::store::leased_session lease(*db_);
        std::string state, reason;
        soci::indicator reason_set = soci::i_null;
        long long due = 0;
        soci::statement rows = (lease.session().prepare << "SELECT state, reason, due_at FROM invitations WHERE campaign_id = :c",
                                soci::use(campaign_id), soci::into(state), soci::into(reason, reason_set), soci::into(due));
        rows.execute(false);
        while (rows.fetch()) {
            ++out.triggers;
            const auto on = touchpoint::engine::format_time(due).substr(0, 10);
            if (state == "scheduled") {
                ++out.invitations;
                ++out.per_day[on].first;
            } else {
                ++out.skipped[reason_set == soci::i_ok ? reason : state];
                ++out.per_day[on].second;
            }
        }
        return out;
    }
    static outcome previewed(const json::object& preview) {
        outcome out;
        out.triggers = preview.at("triggers").as_int64();
        out.invitations = preview.at("invitations").as_int64();
        for (const auto& [reason, n] : preview.at("skipped").as_object())
            if (n.as_int64() > 0) out.skipped[std::string(reason)] = n.as_int64();
        for (const auto& d : preview.at("per_day").as_array())
            out.per_day[std::string(d.at("day").as_string())] = {d.at("invitations").as_int64(), d.at("skipped").as_int64()};
        return out;
    }
    std::string error_field(const touchpoint::testing::http_reply& reply) {
        return std::string(json::parse(reply.body).at("error").at("details").at(0).at("field").as_string());
    }
};

TEST_P(preview_flow, a_drafts_preview_counts_what_it_schedules_once_active_for_the_same_events) {
    const auto survey = create_survey();
    const auto now = touchpoint::engine::now_ms();
    const char* const plans[] = {"pro", "free", "business"};
    for (int i = 0; i < 80; ++i) {
        json::object contact{{"email", "c" + std::to_string(i) + "@example.com"}, {"locale", i % 2 ? "fr" : "en"},
                             {"attributes", json::object{{"plan", plans[i % 3]}}}};
        if (i % 4 == 0) contact["timezone"] = "America/New_York";
        ASSERT_EQ(call("PUT", "/v1/contacts/c-" + std::to_string(i), json::serialize(contact), ingest_).status, 201);
    }
    {
        touchpoint::engine::store::leased_session lease(*db_);
        const long long unsubscribed = now - 50 * day;
        lease.session() << "UPDATE contacts SET unsubscribed_at = :t WHERE external_id IN ('c-3', 'c-14', 'c-55')",
            soci::use(unsubscribed);
    }
    // Another campaign surveyed c-0 to c-9 twenty days ago: fatigue for the preview too.
    activate(campaign(R"({"name": "Delivery", "survey_id": ")" + survey + R"(", "trigger": {"type": "event", "event": "order.delivered"}})"));
    std::vector<test_event> orders;
    for (int i = 0; i < 10; ++i)
        orders.push_back({"o" + std::to_string(i), "c-" + std::to_string(i), "order.delivered", now - 20 * day, {}});
    post(orders, "");

    const auto csat = campaign(R"({"name": "Ticket CSAT", "survey_id": ")" + survey + R"(",
        "trigger": {"type": "event", "event": "ticket.resolved", "delay": "PT2H", "where": {"properties.priority": ["high", "urgent"]}},
        "audience": {"where": {"attr.plan": ["pro", "business"]}, "sample_percent": 70},
        "send_window": {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "17:00", "timezone": "Europe/Paris"},
        "resurvey_after": "P14D", "cancel_on": ["subscription.cancelled"]})");
    const auto day_10 = campaign(R"({"name": "Day 10", "survey_id": ")" + survey + R"(",
        "trigger": {"type": "after_event", "event": "signup", "after": "P10D"}, "cancel_on": ["subscription.cancelled"]})");

    // c-0 to c-49 resolve tickets; c-50 to c-79 sign up. A contact that cancels does
    // so before its one invitation would go out.
    const char* const priorities[] = {"high", "urgent", "low"};
    std::vector<test_event> before, inside;
    int n = 0;
    auto add = [&](const std::string& contact, const char* name, long long at, json::object properties = {}) {
        (at < now - 30 * day ? before : inside).push_back({"e" + std::to_string(n++), contact, name, at, std::move(properties)});
    };
    for (int i = 0; i < 50; ++i) {
        const auto contact = "c-" + std::to_string(i);
        const long long first = now - (1 + (i * 7) % 27) * day - 3 * hour - i * 611'000;
        add(contact, "ticket.resolved", first, {{"priority", i % 10 == 9 ? "high" : priorities[i % 3]}});
        if (i % 10 == 9) {
            add(contact, "subscription.cancelled", first + hour);
            continue;
        }
        if (i % 2 == 0) add(contact, "ticket.resolved", now - (1 + (i * 7 + 13) % 27) * day - 5 * hour, {{"priority", priorities[(i + 1) % 3]}});
        if (i % 5 == 0) add(contact, "ticket.resolved", now - (2 + i % 9) * day, {{"priority", "urgent"}});
    }
    for (int i = 50; i < 80; ++i) {
        const auto contact = "c-" + std::to_string(i);
        if (i % 3 == 0) add(contact, "signup", now - 40 * day); // signed up before the period
        const long long signup = now - (2 + i % 25) * day - hour;
        add(contact, "signup", signup);
        if (i % 4 == 1) add(contact, "subscription.cancelled", signup + day);
    }
    add("ghost-1", "ticket.resolved", now - 3 * day, {{"priority", "high"}}); // a contact never upserted: no plan
    post(before, "");
    post(inside, "");

    // While both are drafts, nothing was scheduled; the previews say what would have been.
    EXPECT_EQ(stored(csat).triggers, 0);
    const auto csat_preview = preview(R"({"campaign_id": ")" + csat + R"(", "since": "P30D"})");
    const auto day_10_preview = preview(R"({"campaign_id": ")" + day_10 + R"("})");
    EXPECT_EQ(csat_preview.at("campaign_id").as_string(), csat);
    EXPECT_EQ(csat_preview.at("trigger").as_string(), "event");
    EXPECT_EQ(day_10_preview.at("trigger").as_string(), "after_event");
    EXPECT_EQ(touchpoint::engine::parse_time(day_10_preview.at("until").as_string()).value() -
                  touchpoint::engine::parse_time(day_10_preview.at("since").as_string()).value(),
              30 * day) << "P30D by default";
    // The same definition, not saved: the same firings, a sample drawn under another id.
    auto definition = admin_json("GET", "/v1/campaigns/" + csat).as_object();
    const auto unsaved = preview(json::serialize(json::object{{"campaign", definition}}));
    EXPECT_TRUE(unsaved.at("campaign_id").is_null());
    EXPECT_EQ(unsaved.at("triggers"), csat_preview.at("triggers"));
    EXPECT_EQ(unsaved.at("skipped").at("audience"), csat_preview.at("skipped").at("audience"));
    EXPECT_EQ(unsaved.at("events"), csat_preview.at("events"));

    // Active, and the same events of the period posted again in the order they happened.
    activate(csat);
    activate(day_10);
    std::ranges::stable_sort(inside, {}, &test_event::occurred_at);
    post(inside, "again-");

    auto csat_real = stored(csat), csat_seen = previewed(csat_preview);
    EXPECT_EQ(csat_seen.triggers, csat_real.triggers);
    EXPECT_EQ(csat_seen.invitations, csat_real.invitations);
    EXPECT_EQ(csat_seen.skipped, csat_real.skipped);
    EXPECT_EQ(csat_seen.per_day, csat_real.per_day);
    // c-3 is unsubscribed, free plans are out of the audience; the others depend on the sample the campaign's id draws.
    EXPECT_GT(csat_seen.skipped["unsubscribed"], 0);
    EXPECT_GT(csat_seen.skipped["audience"], 0);
    EXPECT_GT(csat_seen.skipped["sampled_out"] + csat_seen.skipped["fatigue"] + csat_seen.skipped["resurvey_too_soon"], 0);
    EXPECT_GT(csat_seen.invitations, 0);

    auto day_10_real = stored(day_10), day_10_seen = previewed(day_10_preview);
    EXPECT_EQ(day_10_seen.triggers, day_10_real.triggers);
    EXPECT_EQ(day_10_seen.invitations, day_10_real.invitations);
    EXPECT_EQ(day_10_seen.skipped, day_10_real.skipped);
    EXPECT_EQ(day_10_seen.per_day, day_10_real.per_day);
    EXPECT_EQ(day_10_preview.at("contacts").as_int64(), 20) << "30 signed up, 10 of them before the period";
    EXPECT_GT(day_10_seen.skipped["cancelled_by_event"], 0);

    EXPECT_EQ(preview(R"({"campaign_id": ")" + csat + R"(", "since": "PT1H"})").at("triggers").as_int64(), 0)
        << "no ticket in the last hour";
}

TEST_P(preview_flow, refuses_what_it_cannot_replay_naming_the_field) {
    const auto survey = create_survey();
    const auto manual = campaign(R"({"name": "Manual", "survey_id": ")" + survey + R"(", "trigger": {"type": "manual"}})");
    const std::string event_campaign = R"({"name": "CSAT", "survey_id": ")" + survey +
                                       R"(", "trigger": {"type": "event", "event": "ticket.resolved"}})";
    auto refused = [&](const std::string& body) {
        auto reply = call("POST", "/v1/campaigns/preview", body, admin_);
        EXPECT_EQ(reply.status, 422) << body << " " << reply.body;
        return reply.status == 422 ? error_field(reply) : std::string();
    };
    EXPECT_EQ(refused(R"({"campaign_id": ")" + manual + R"("})"), "campaign_id");
    EXPECT_EQ(refused(R"({"campaign": {"name": "M", "survey_id": ")" + survey + R"(", "trigger": {"type": "recurring", "every": "P90D"}}})"),
              "campaign.trigger.type");
    EXPECT_EQ(refused(R"({"campaign_id": "cmp_missing"})"), "campaign_id");
    EXPECT_EQ(refused(R"({"campaign": {"name": "X", "survey_id": "svy_missing", "trigger": {"type": "event", "event": "a"}}})"),
              "campaign.survey_id");
    EXPECT_EQ(refused(R"({"campaign": {"name": "X", "survey_id": ")" + survey + R"(", "trigger": {"type": "event"}}})"),
              "campaign.trigger.event");
    EXPECT_EQ(refused(R"({"campaign": )" + event_campaign + R"(, "since": "yesterday"})"), "since");
    EXPECT_EQ(refused(R"({"campaign": )" + event_campaign + R"(, "since": "P2Y"})"), "since");
    EXPECT_EQ(refused(R"({"campaign": )" + event_campaign + R"(, "campaign_id": ")" + manual + R"("})"), "campaign_id");
    EXPECT_EQ(refused(R"({"since": "P30D"})"), "campaign");
    auto bad_since = call("POST", "/v1/campaigns/preview", R"({"campaign_id": ")" + manual + R"(", "since": "soon"})", admin_);
    EXPECT_NE(bad_since.body.find("since not an ISO 8601 duration"), std::string::npos) << bad_since.body;

    EXPECT_EQ(call("POST", "/v1/campaigns/preview", R"({"campaign": )" + event_campaign + "}", ingest_).status, 403);
    EXPECT_EQ(call("POST", "/v1/campaigns/preview", "{", admin_).status, 400);
    EXPECT_EQ(call("GET", "/v1/campaigns/preview", "", admin_).status, 405);
    // Nothing stored, nothing sent: an empty database previews to zero.
    const auto empty = preview(R"({"campaign": )" + event_campaign + "}");
    EXPECT_EQ(empty.at("triggers").as_int64(), 0);
    EXPECT_TRUE(empty.at("per_day").as_array().empty());
    EXPECT_EQ(count("invitations"), 0);
}

INSTANTIATE_TEST_SUITE_P(backends, preview_flow, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

} // namespace
