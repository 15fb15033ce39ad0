#include "engine/lifecycle/campaign_replay.hpp"

#include "engine/time_format.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

using namespace touchpoint::engine;
using namespace touchpoint::engine::lifecycle;
namespace json = boost::json;

namespace {
constexpr std::int64_t hour = 3'600'000;
constexpr std::int64_t day = 24 * hour;
std::int64_t at(const char* text) { return *parse_time(text); }
std::int64_t day_of(const char* text) { return at(text) / day; }

campaign_definition campaign(const std::string& text) {
    auto parsed = parse_campaign(json::parse(text));
    EXPECT_TRUE(parsed.ok()) << (parsed.errors.empty() ? "" : parsed.errors[0].field + " " + parsed.errors[0].message);
    return parsed.definition;
}

std::int64_t skipped(const replay_summary& summary, std::string_view reason) {
    for (std::size_t i = 0; i < replay_skip_reasons.size(); ++i)
        if (replay_skip_reasons[i] == reason) return summary.skipped[i];
    ADD_FAILURE() << "no reason " << reason;
    return -1;
}

replay_contact contact(std::string external_id, std::vector<replay_event> events) {
    replay_contact out;
    out.facts = {std::move(external_id), "en", "", json::parse(R"({"plan": "pro"})").as_object()};
    out.standing = {false, true};
    out.events = std::move(events);
    return out;
}

const fatigue_settings no_fatigue{0, 0, {}};
} // namespace

TEST(campaign_replay, counts_invitations_on_the_day_they_go_out) {
    campaign_replay replay(campaign(R"({"name": "CSAT", "survey_id": "s",
        "trigger": {"type": "event", "event": "ticket.resolved", "delay": "PT1H"}})"), "cmp_1", no_fatigue);
    auto ana = contact("ana", {{"ticket.resolved", at("2026-11-02T10:00:00Z"), {}}, {"ticket.resolved", at("2026-11-03T23:30:00Z"), {}}});
    auto ben = contact("ben", {{"ticket.resolved", at("2026-11-02T12:00:00Z"), {}}});
    replay.replay(ana);
    replay.replay(ben);
    const auto& s = replay.summary();
    EXPECT_EQ(s.contacts, 2);
    EXPECT_EQ(s.invited_contacts, 2);
    EXPECT_EQ(s.triggers, 3);
    EXPECT_EQ(s.invitations, 3);
    ASSERT_EQ(s.per_day.size(), 2u);
    EXPECT_EQ(s.per_day.at(day_of("2026-11-02")).invitations, 2);
    EXPECT_EQ(s.per_day.at(day_of("2026-11-04")).invitations, 1) << "23:30 plus an hour is the next day";
}

TEST(campaign_replay, a_send_window_moves_the_day_to_its_next_opening) {
    campaign_replay replay(campaign(R"({"name": "NPS", "survey_id": "s", "trigger": {"type": "event", "event": "order.delivered"},
        "send_window": {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "17:00", "timezone": "UTC"}})"),
                           "cmp_1", no_fatigue);
    auto saturday = contact("ana", {{"order.delivered", at("2026-12-05T12:00:00Z"), {}}});
    replay.replay(saturday);
    EXPECT_EQ(replay.summary().per_day.begin()->first, day_of("2026-12-07")) << "Monday";
}

TEST(campaign_replay, each_rule_skips_with_its_reason_on_the_day_the_trigger_fired) {
    campaign_replay replay(campaign(R"({"name": "NPS", "survey_id": "s", "channel": "email",
        "trigger": {"type": "event", "event": "order.delivered"}, "audience": {"where": {"attr.plan": "pro"}}, "resurvey_after": "P90D"})"),
                           "cmp_1", fatigue_settings{});
    const auto first = at("2026-11-01T10:00:00Z");
    auto unsubscribed = contact("u", {{"order.delivered", first, {}}});
    unsubscribed.standing.unsubscribed = true;
    auto no_email = contact("n", {{"order.delivered", first, {}}});
    no_email.standing.has_email = false;
    auto free_plan = contact("f", {{"order.delivered", first, {}}});
    free_plan.facts.attributes["plan"] = "free";
    // Another campaign surveyed this one ten days before: fatigue across campaigns.
    auto tired = contact("t", {{"order.delivered", first, {}}});
    tired.history.push_back({first - 10 * day, "cmp_other"});
    // Twice in 40 days: the second is within resurvey_after of the first the replay made.
    auto again = contact("a", {{"order.delivered", first, {}}, {"order.delivered", first + 40 * day, {}}});
    for (auto* c : {&unsubscribed, &no_email, &free_plan, &tired, &again}) replay.replay(*c);
    const auto& s = replay.summary();
    EXPECT_EQ(skipped(s, "unsubscribed"), 1);
    EXPECT_EQ(skipped(s, "no_email"), 1);
    EXPECT_EQ(skipped(s, "audience"), 1);
    EXPECT_EQ(skipped(s, "fatigue"), 1);
    EXPECT_EQ(skipped(s, "resurvey_too_soon"), 1);
    EXPECT_EQ(s.invitations, 1);
    EXPECT_EQ(s.triggers, 6);
    EXPECT_EQ(s.contacts, 5);
    EXPECT_EQ(s.invited_contacts, 1);
    EXPECT_EQ(s.per_day.at(first / day).skipped, 4);
    EXPECT_EQ(s.per_day.at(first / day).invitations, 1);
    EXPECT_EQ(s.per_day.at(first / day + 40).skipped, 1);
}

TEST(campaign_replay, fatigue_counts_the_invitations_the_replay_made_and_the_stored_ones) {
    campaign_replay replay(campaign(R"({"name": "CSAT", "survey_id": "s", "trigger": {"type": "event", "event": "ticket.resolved"}})"),
                           "cmp_1", fatigue_settings{}); // 30 days between surveys
    const auto t = at("2026-11-01T10:00:00Z");
    auto busy = contact("b", {{"ticket.resolved", t, {}}, {"ticket.resolved", t + 10 * day, {}}, {"ticket.resolved", t + 31 * day, {}}});
    replay.replay(busy);
    EXPECT_EQ(replay.summary().invitations, 2);
    EXPECT_EQ(skipped(replay.summary(), "fatigue"), 1) << "ten days after the first the replay made";
    // A stored invitation due after the trigger counts too: they cannot both pass.
    auto booked = contact("c", {{"ticket.resolved", t, {}}});
    booked.history.push_back({t + 5 * day, "cmp_other"});
    replay.replay(booked);
    EXPECT_EQ(skipped(replay.summary(), "fatigue"), 2);
}

TEST(campaign_replay, the_sample_is_the_one_the_trigger_path_draws_for_the_campaign) {
    const auto definition = campaign(R"({"name": "NPS", "survey_id": "s", "trigger": {"type": "event", "event": "signup"},
        "audience": {"sample_percent": 30}})");
    campaign_replay replay(definition, "cmp_0123456789abcdef01234567", no_fatigue);
    int expected_out = 0;
    for (int i = 0; i < 500; ++i) {
        const auto id = "cust-" + std::to_string(i);
        if (!in_sample("cmp_0123456789abcdef01234567", id, 30)) ++expected_out;
        auto c = contact(id, {{"signup", at("2026-11-01T10:00:00Z"), {}}});
        // The decision the trigger service would make for this contact.
        const auto alone = plan_invitation(definition, "cmp_0123456789abcdef01234567", c.facts, c.standing, no_fatigue, {},
                                           at("2026-11-01T10:00:00Z"));
        const auto before = replay.summary().invitations;
        replay.replay(c);
        EXPECT_EQ(replay.summary().invitations - before, alone.scheduled ? 1 : 0) << id;
    }
    EXPECT_EQ(skipped(replay.summary(), "sampled_out"), expected_out);
    EXPECT_GT(expected_out, 300);
    EXPECT_LT(expected_out, 400);
}

TEST(campaign_replay, an_event_triggers_where_reads_its_properties) {
    campaign_replay replay(campaign(R"({"name": "CSAT", "survey_id": "s",
        "trigger": {"type": "event", "event": "ticket.resolved", "where": {"properties.priority": ["high", "urgent"]}}})"),
                           "cmp_1", no_fatigue);
    auto c = contact("ana", {{"ticket.resolved", at("2026-11-01T10:00:00Z"), json::parse(R"({"priority": "low"})").as_object()},
                             {"ticket.resolved", at("2026-11-02T10:00:00Z"), json::parse(R"({"priority": "urgent"})").as_object()},
                             {"ticket.resolved", at("2026-11-03T10:00:00Z"), {}}});
    replay.replay(c);
    EXPECT_EQ(replay.summary().triggers, 1);
    EXPECT_EQ(replay.summary().invitations, 1);
}

TEST(campaign_replay, after_event_fires_once_from_the_first_occurrence_ever) {
    campaign_replay replay(campaign(R"({"name": "Day 30", "survey_id": "s", "trigger": {"type": "after_event", "event": "signup", "after": "P30D"}})"),
                           "cmp_1", no_fatigue);
    // Signed up before the period: signing up again inside it fires nothing.
    auto old = contact("old", {{"signup", at("2026-11-10T08:00:00Z"), {}}});
    old.first_occurrence = at("2026-09-01T08:00:00Z");
    replay.replay(old);
    EXPECT_EQ(replay.summary().triggers, 0);
    EXPECT_EQ(replay.summary().contacts, 0);
    auto fresh = contact("new", {{"signup", at("2026-11-02T08:00:00Z"), {}}, {"signup", at("2026-11-05T08:00:00Z"), {}}});
    fresh.first_occurrence = at("2026-11-02T08:00:00Z");
    replay.replay(fresh);
    EXPECT_EQ(replay.summary().triggers, 1) << "a later signup changes nothing";
    EXPECT_EQ(replay.summary().invitations, 1);
    EXPECT_EQ(replay.summary().per_day.begin()->first, day_of("2026-12-02")) << "30 days after the first signup";
}

TEST(campaign_replay, a_cancel_on_event_cancels_what_its_contact_was_still_to_be_sent) {
    const auto definition = campaign(R"({"name": "Day 3", "survey_id": "s", "trigger": {"type": "event", "event": "trial.started", "delay": "P3D"},
        "cancel_on": ["subscription.cancelled"]})");
    campaign_replay replay(definition, "cmp_1", fatigue_settings{});
    const auto t = at("2026-11-01T09:00:00Z");
    // Cancelled the next day, then a new trial: the cancelled invitation no longer counts for fatigue.
    auto cancels = contact("c", {{"trial.started", t, {}}, {"subscription.cancelled", t + day, {}}, {"trial.started", t + 2 * day, {}}});
    // Cancelled after the invitation went out: too late.
    auto late = contact("l", {{"trial.started", t, {}}, {"subscription.cancelled", t + 4 * day, {}}});
    // Cancelled before the trial: nothing to cancel.
    auto early = contact("e", {{"subscription.cancelled", t - day, {}}, {"trial.started", t, {}}});
    for (auto* c : {&cancels, &late, &early}) replay.replay(*c);
    const auto& s = replay.summary();
    EXPECT_EQ(skipped(s, "cancelled_by_event"), 1);
    EXPECT_EQ(skipped(s, "fatigue"), 0);
    EXPECT_EQ(s.invitations, 3);
    EXPECT_EQ(s.triggers, 4);
    EXPECT_EQ(s.per_day.at(t / day + 3).skipped, 1) << "counted on the day it would have gone out";
    EXPECT_EQ(s.per_day.at(t / day + 3).invitations, 2);
    EXPECT_EQ(s.per_day.at(t / day + 5).invitations, 1);
}

TEST(campaign_replay, an_event_that_cancels_and_triggers_ends_the_earlier_invitation_first) {
    campaign_replay replay(campaign(R"({"name": "Plan", "survey_id": "s", "trigger": {"type": "event", "event": "plan.changed", "delay": "P7D"},
        "cancel_on": ["plan.changed"]})"), "cmp_1", no_fatigue);
    const auto t = at("2026-11-01T09:00:00Z");
    auto c = contact("c", {{"plan.changed", t, {}}, {"plan.changed", t + 2 * day, {}}});
    replay.replay(c);
    EXPECT_EQ(replay.summary().invitations, 1);
    EXPECT_EQ(skipped(replay.summary(), "cancelled_by_event"), 1);
    EXPECT_EQ(replay.summary().per_day.rbegin()->first, t / day + 9) << "the later one stands";
}

TEST(campaign_replay, replays_event_and_after_event_triggers_only) {
    EXPECT_TRUE(is_replayable(trigger_type::event));
    EXPECT_TRUE(is_replayable(trigger_type::after_event));
    EXPECT_FALSE(is_replayable(trigger_type::manual));
    EXPECT_FALSE(is_replayable(trigger_type::recurring));
    EXPECT_FALSE(is_replayable(trigger_type::attribute_date));
}
