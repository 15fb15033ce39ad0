#include "engine/lifecycle/audience.hpp"
#include "engine/lifecycle/fatigue.hpp"
#include "engine/lifecycle/send_window.hpp"

#include "engine/time_format.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

using namespace touchpoint::engine;
using namespace touchpoint::engine::lifecycle;
using touchpoint::reports::time_zone;

namespace {
constexpr std::int64_t day = 86'400'000;
std::int64_t at(const char* text) { return *parse_time(text); }

send_window office_hours() { // Monday to Friday, 09:00 to 17:00
    send_window window;
    for (int i = 0; i < 5; ++i) window.days[static_cast<std::size_t>(i)] = true;
    window.start_minute = 9 * 60;
    window.end_minute = 17 * 60;
    return window;
}
} // namespace

TEST(send_window, a_due_time_inside_an_opening_stays_and_others_wait_for_the_next) {
    const auto paris = *time_zone::find("Europe/Paris");
    const auto window = office_hours();
    // Tuesday 2026-12-01, 11:00 in Paris (UTC+1): inside.
    EXPECT_EQ(next_opening(window, paris, at("2026-12-01T10:00:00Z")), at("2026-12-01T10:00:00Z"));
    // 07:00 in Paris: waits for 09:00.
    EXPECT_EQ(next_opening(window, paris, at("2026-12-01T06:00:00Z")), at("2026-12-01T08:00:00Z"));
    // 17:00 exactly is closed: the next morning.
    EXPECT_EQ(next_opening(window, paris, at("2026-12-01T16:00:00Z")), at("2026-12-02T08:00:00Z"));
    // Friday evening: Monday 09:00.
    EXPECT_EQ(next_opening(window, paris, at("2026-12-04T20:00:00Z")), at("2026-12-07T08:00:00Z"));
}

TEST(send_window, follows_the_local_clock_across_daylight_saving_changes) {
    const auto paris = *time_zone::find("Europe/Paris");
    const auto window = office_hours();
    // Friday 2026-03-27 after hours (UTC+1); Monday 2026-03-30 is summer time (UTC+2): 09:00 is 07:00Z.
    EXPECT_EQ(next_opening(window, paris, at("2026-03-27T18:00:00Z")), at("2026-03-30T07:00:00Z"));
    // Back to winter time on Sunday 2026-10-25: Monday 09:00 is 08:00Z.
    EXPECT_EQ(next_opening(window, paris, at("2026-10-23T18:00:00Z")), at("2026-10-26T08:00:00Z"));
    // A window opening at 02:30, a time Paris skips on 2026-03-29: it opens at the end of the gap.
    send_window night;
    night.days.fill(true);
    night.start_minute = 2 * 60 + 30;
    night.end_minute = 5 * 60;
    EXPECT_EQ(next_opening(night, paris, at("2026-03-28T23:30:00Z")), at("2026-03-29T01:30:00Z")) << "03:30 local, summer time";
}

TEST(send_window, the_contacts_zone_decides_the_day) {
    const auto tokyo = *time_zone::find("Asia/Tokyo");
    // Friday 2026-12-04 23:00Z is Saturday 08:00 in Tokyo: Monday 09:00 there, Monday 00:00Z.
    EXPECT_EQ(next_opening(office_hours(), tokyo, at("2026-12-04T23:00:00Z")), at("2026-12-07T00:00:00Z"));
}

TEST(audience, conditions_on_locale_and_attributes_compare_as_text) {
    contact_facts contact{"cust-1", "fr-BE", "", boost::json::parse(R"({"plan": "pro", "beta": true, "seats": 5})").as_object()};
    audience a;
    EXPECT_TRUE(audience_admits(a, contact)) << "no conditions: everyone";
    a.where = {{"attr.plan", {"pro", "business"}}, {"attr.beta", {"true"}}, {"attr.seats", {"5"}}};
    EXPECT_TRUE(audience_admits(a, contact));
    a.where.push_back({"locale", {"FR-be"}});
    EXPECT_TRUE(audience_admits(a, contact)) << "locale codes are case-insensitive";
    a.where.push_back({"attr.region", {"eu"}});
    EXPECT_FALSE(audience_admits(a, contact)) << "an attribute the contact lacks matches nothing";
    a.where = {{"attr.plan", {"free"}}};
    EXPECT_FALSE(audience_admits(a, contact));
}

TEST(audience, the_sample_is_deterministic_and_close_to_its_percent) {
    int in = 0;
    for (int i = 0; i < 20'000; ++i) {
        const auto id = "cust-" + std::to_string(i);
        const bool chosen = in_sample("cmp_a", id, 30);
        EXPECT_EQ(chosen, in_sample("cmp_a", id, 30));
        if (chosen) {
            ++in;
            EXPECT_TRUE(in_sample("cmp_a", id, 60)) << "raising the percent keeps everyone who was in";
        }
    }
    EXPECT_NEAR(in / 20'000.0, 0.30, 0.015);
    EXPECT_TRUE(in_sample("cmp_a", "anyone", 100));
}

TEST(fatigue, each_rule_with_its_reason) {
    const fatigue_settings settings; // 30 days apart, at most 3 in 90 days
    const auto now = at("2026-12-01T00:00:00Z");
    EXPECT_EQ(check_fatigue(settings, std::nullopt, "c1", {}, now), fatigue_verdict::allowed);
    EXPECT_EQ(check_fatigue(settings, std::nullopt, "c1", {{now - 29 * day, "c2"}}, now), fatigue_verdict::fatigue);
    EXPECT_EQ(check_fatigue(settings, std::nullopt, "c1", {{now - 30 * day, "c2"}}, now), fatigue_verdict::allowed);
    EXPECT_EQ(check_fatigue(settings, std::nullopt, "c1", {{now + 10 * day, "c2"}}, now), fatigue_verdict::fatigue)
        << "a scheduled invitation counts too";
    // Three in the last 90 days, each 30 days apart: a fourth is one too many.
    const std::vector<past_invitation> three{{now - 89 * day, "a"}, {now - 59 * day, "b"}, {now - 30 * day, "c"}};
    EXPECT_EQ(check_fatigue(settings, std::nullopt, "d", three, now), fatigue_verdict::fatigue);
    EXPECT_EQ(check_fatigue(settings, std::nullopt, "d", three, now + 2 * day), fatigue_verdict::allowed)
        << "the first has left the period";
    // resurvey_after is per campaign and reported as such.
    const auto p180 = parse_iso_duration("P180D");
    EXPECT_EQ(check_fatigue(settings, p180, "c1", {{now - 100 * day, "c1"}}, now), fatigue_verdict::resurvey_too_soon);
    EXPECT_EQ(check_fatigue(settings, p180, "c1", {{now - 100 * day, "c2"}}, now), fatigue_verdict::allowed);
    // Zero turns the settings' rules off.
    EXPECT_EQ(check_fatigue({0, 0, *parse_iso_duration("P90D")}, std::nullopt, "c1", three, now), fatigue_verdict::allowed);
}
