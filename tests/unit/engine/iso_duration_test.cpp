#include "engine/lifecycle/iso_duration.hpp"

#include "engine/time_format.hpp"

#include <gtest/gtest.h>

using namespace touchpoint::engine;
using namespace touchpoint::engine::lifecycle;

namespace {
constexpr std::int64_t hour = 3'600'000, day = 24 * hour;

std::int64_t at(const char* text) { return *parse_time(text); }
} // namespace

TEST(iso_duration, reads_the_durations_campaigns_use) {
    EXPECT_EQ(parse_iso_duration("PT2H")->millis, 2 * hour);
    EXPECT_EQ(parse_iso_duration("P3D")->millis, 3 * day);
    EXPECT_EQ(parse_iso_duration("P90D")->millis, 90 * day);
    EXPECT_EQ(parse_iso_duration("P2W")->millis, 14 * day);
    EXPECT_EQ(parse_iso_duration("P1DT12H30M")->millis, day + 12 * hour + 30 * 60'000);
    EXPECT_EQ(parse_iso_duration("PT0.25S")->millis, 250);
    EXPECT_EQ(parse_iso_duration("P1Y2M")->months, 14);
    EXPECT_EQ(parse_iso_duration("PT0S")->is_zero(), true);
    const auto before = parse_iso_duration("-P30D");
    ASSERT_TRUE(before);
    EXPECT_TRUE(before->negative);
    EXPECT_EQ(before->millis, 30 * day);
}

TEST(iso_duration, refuses_what_is_not_one) {
    for (const char* text : {"", "P", "PT", "P1DT", "30D", "p3d", "P3d", "P-3D", "P1.5D", "PT1.S", "PT1.5H", "P1D2D",
                             "P1M1Y", "PT1S1M", "P3DT1D", "PT1HT1M", "P 3D", "P3D ", "--P3D", "P1000000000000D", "P101Y"})
        EXPECT_FALSE(parse_iso_duration(text)) << text;
}

TEST(iso_duration, days_are_24_hours_across_a_daylight_saving_change) {
    // Paris moved to summer time on 2026-03-29: one day later is still 24 hours later.
    EXPECT_EQ(parse_iso_duration("P1D")->after(at("2026-03-28T10:00:00Z")), at("2026-03-29T10:00:00Z"));
    EXPECT_EQ(parse_iso_duration("-P30D")->after(at("2026-12-31T00:00:00Z")), at("2026-12-01T00:00:00Z"));
}

TEST(iso_duration, months_follow_the_calendar_and_end_on_the_last_day) {
    EXPECT_EQ(parse_iso_duration("P1M")->after(at("2026-01-31T09:15:00Z")), at("2026-02-28T09:15:00Z"));
    EXPECT_EQ(parse_iso_duration("P1M")->after(at("2028-01-31T09:15:00Z")), at("2028-02-29T09:15:00Z")) << "a leap year";
    EXPECT_EQ(parse_iso_duration("P1Y")->after(at("2026-11-30T00:00:00Z")), at("2027-11-30T00:00:00Z"));
    EXPECT_EQ(parse_iso_duration("-P1M")->after(at("2026-03-31T00:00:00Z")), at("2026-02-28T00:00:00Z"));
    EXPECT_EQ(parse_iso_duration("P1MT1H")->after(at("2026-01-15T00:00:00Z")), at("2026-02-15T01:00:00Z"));
}

TEST(iso_duration, writes_one_canonical_spelling_that_reads_back) {
    for (auto [text, canonical] : std::initializer_list<std::pair<const char*, const char*>>{
             {"P2W", "P14D"}, {"PT90M", "PT1H30M"}, {"P14M", "P1Y2M"}, {"-P30D", "-P30D"}, {"PT0S", "PT0S"},
             {"P0D", "PT0S"}, {"PT1.05S", "PT1.05S"}, {"P1DT0.5S", "P1DT0.5S"}, {"PT36H", "P1DT12H"}}) {
        const auto duration = parse_iso_duration(text);
        ASSERT_TRUE(duration) << text;
        EXPECT_EQ(to_string(*duration), canonical) << text;
        EXPECT_EQ(parse_iso_duration(to_string(*duration))->millis, duration->millis) << text;
    }
}
