#include "engine/lifecycle/invitation_plan.hpp"

#include "engine/time_format.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

using namespace touchpoint::engine;
using namespace touchpoint::engine::lifecycle;
namespace json = boost::json;

namespace {
constexpr std::int64_t day = 86'400'000;
std::int64_t at(const char* text) { return *parse_time(text); }

campaign_definition campaign(const char* text) {
    auto parsed = parse_campaign(json::parse(text));
    EXPECT_TRUE(parsed.ok()) << (parsed.errors.empty() ? "" : parsed.errors[0].field + " " + parsed.errors[0].message);
    return parsed.definition;
}

const contact_facts pro_in_paris{"cust-1", "fr", "Europe/Paris", json::parse(R"({"plan": "pro"})").as_object()};
} // namespace

TEST(invitation_plan, an_event_trigger_fires_after_its_delay_when_its_properties_match) {
    const auto c = campaign(R"({"name": "CSAT", "survey_id": "s", "trigger": {"type": "event", "event": "ticket.resolved",
        "delay": "PT1H", "where": {"properties.priority": ["high", "urgent"], "properties.agent_count": 2}}})");
    const auto occurred = at("2026-12-01T10:00:00Z");
    const auto matching = json::parse(R"({"priority": "urgent", "agent_count": 2})").as_object();
    EXPECT_EQ(event_trigger_time(c.trigger, "ticket.resolved", matching, occurred), occurred + 3'600'000);
    EXPECT_FALSE(event_trigger_time(c.trigger, "ticket.opened", matching, occurred)) << "another event";
    EXPECT_FALSE(event_trigger_time(c.trigger, "ticket.resolved", json::parse(R"({"priority": "low", "agent_count": 2})").as_object(), occurred));
    EXPECT_FALSE(event_trigger_time(c.trigger, "ticket.resolved", json::parse(R"({"priority": "high"})").as_object(), occurred))
        << "a property the event lacks matches nothing";
    const auto day_90 = campaign(R"({"name": "NPS", "survey_id": "s", "trigger": {"type": "after_event", "event": "signup", "after": "P90D"}})");
    EXPECT_EQ(after_event_trigger_time(day_90.trigger, at("2026-09-02T08:00:00Z")), at("2026-12-01T08:00:00Z"));
}

TEST(invitation_plan, trigger_time_fires_after_event_only_for_the_first_occurrence) {
    const auto day_90 = campaign(R"({"name": "NPS", "survey_id": "s", "trigger": {"type": "after_event", "event": "signup", "after": "P90D"}})");
    const auto first = at("2026-09-02T08:00:00Z");
    EXPECT_EQ(trigger_time(day_90.trigger, "signup", {}, first, first), at("2026-12-01T08:00:00Z"));
    EXPECT_FALSE(trigger_time(day_90.trigger, "signup", {}, first + day, first)) << "a later signup";
    EXPECT_FALSE(trigger_time(day_90.trigger, "signup", {}, first, std::nullopt));
    EXPECT_FALSE(trigger_time(day_90.trigger, "login", {}, first, first)) << "another event";
    const auto csat = campaign(R"({"name": "CSAT", "survey_id": "s", "trigger": {"type": "event", "event": "ticket.resolved", "delay": "PT1H"}})");
    EXPECT_EQ(trigger_time(csat.trigger, "ticket.resolved", {}, first, std::nullopt), first + 3'600'000) << "every such event";
    const auto manual = campaign(R"({"name": "M", "survey_id": "s", "trigger": {"type": "manual"}})");
    EXPECT_FALSE(trigger_time(manual.trigger, "signup", {}, first, first));
}

TEST(invitation_plan, each_rule_skips_with_its_reason_in_order) {
    const auto c = campaign(R"({"name": "NPS", "survey_id": "s", "channel": "email", "trigger": {"type": "manual"},
        "audience": {"where": {"attr.plan": "pro"}}})");
    const fatigue_settings fatigue;
    const auto now = at("2026-12-01T10:00:00Z");
    EXPECT_EQ(plan_invitation(c, "cmp_1", pro_in_paris, {true, true}, fatigue, {}, now).reason, "unsubscribed");
    EXPECT_EQ(plan_invitation(c, "cmp_1", pro_in_paris, {false, false}, fatigue, {}, now).reason, "no_email");
    auto free_plan = pro_in_paris;
    free_plan.attributes["plan"] = "free";
    EXPECT_EQ(plan_invitation(c, "cmp_1", free_plan, {false, true}, fatigue, {}, now).reason, "audience");
    EXPECT_EQ(plan_invitation(c, "cmp_1", pro_in_paris, {false, true}, fatigue, {{now - 10 * day, "cmp_2"}}, now).reason, "fatigue");
    const auto decision = plan_invitation(c, "cmp_1", pro_in_paris, {false, true}, fatigue, {{now - 40 * day, "cmp_2"}}, now);
    EXPECT_TRUE(decision.scheduled) << decision.reason;
    EXPECT_EQ(decision.due_at, now) << "no window: due when the trigger fired";
}

TEST(invitation_plan, the_window_is_read_on_the_contacts_clock_and_fatigue_judged_when_it_goes_out) {
    const auto c = campaign(R"({"name": "NPS", "survey_id": "s", "trigger": {"type": "manual"}, "resurvey_after": "P90D",
        "send_window": {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "17:00", "timezone": "America/New_York"}})");
    // Saturday 2026-12-05 12:00Z: Monday 09:00 in Paris (the contact's zone), 08:00Z.
    const auto saturday = at("2026-12-05T12:00:00Z");
    const auto decision = plan_invitation(c, "cmp_1", pro_in_paris, {false, false}, {0, 0, {}}, {}, saturday);
    ASSERT_TRUE(decision.scheduled) << decision.reason;
    EXPECT_EQ(decision.due_at, at("2026-12-07T08:00:00Z"));
    auto no_zone = pro_in_paris;
    no_zone.timezone = "";
    EXPECT_EQ(plan_invitation(c, "cmp_1", no_zone, {false, false}, {0, 0, {}}, {}, saturday).due_at, at("2026-12-07T14:00:00Z"))
        << "without a zone of its own, New York's Monday 09:00";
    // The same campaign 89 days after its last invitation to this contact, moved into
    // the window past the 90th day: allowed, as it is judged at the time it goes out.
    const auto last = at("2026-09-07T12:00:00Z");
    EXPECT_TRUE(plan_invitation(c, "cmp_1", pro_in_paris, {false, false}, {0, 0, {}}, {{last, "cmp_1"}}, saturday).scheduled);
    EXPECT_EQ(plan_invitation(c, "cmp_1", pro_in_paris, {false, false}, {0, 0, {}}, {{saturday - 10 * day, "cmp_1"}}, saturday).reason,
              "resurvey_too_soon");
}
