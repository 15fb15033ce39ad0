#include "reports/time_bucket.hpp"
#include "reports/time_zone.hpp"

#include <gtest/gtest.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>

#include <memory>

using namespace touchpoint::reports;

namespace {
constexpr std::int64_t hour = 3'600'000;
// Day numbers of a few dates (days since 1970-01-01).
constexpr std::int64_t day_2026_03_28 = 20540; // the Saturday before Europe's spring change
constexpr std::int64_t day_2026_03_29 = 20541;
} // namespace

TEST(time_zone, unknown_names_are_refused) {
    EXPECT_FALSE(time_zone::find("Mars/Olympus"));
    EXPECT_FALSE(time_zone::find(""));
    EXPECT_TRUE(time_zone::find("Europe/Paris"));
    EXPECT_TRUE(time_zone::find("UTC")->is_utc());
}

TEST(time_zone, local_day_follows_the_offset_and_dst) {
    const auto paris = *time_zone::find("Europe/Paris");
    ASSERT_EQ(format_day(day_2026_03_28), "2026-03-28");
    const std::int64_t start = day_2026_03_28 * millis_per_day;
    // 22:59 UTC on the 28th is 23:59 in Paris (winter, +1): still the 28th.
    EXPECT_EQ(paris.local_day(start + 22 * hour + 59 * 60'000), day_2026_03_28);
    // 23:00 UTC is midnight of the 29th.
    EXPECT_EQ(paris.local_day(start + 23 * hour), day_2026_03_29);
    // After the change (01:00 UTC on the 29th) Paris is at +2: 22:00 UTC is the 30th.
    EXPECT_EQ(paris.offset_at(day_2026_03_29 * millis_per_day + 2 * hour), 2 * hour);
    EXPECT_EQ(paris.local_day(day_2026_03_29 * millis_per_day + 22 * hour), day_2026_03_29 + 1);
}

TEST(time_zone, split_of_a_utc_day_at_the_local_midnight) {
    const auto paris = *time_zone::find("Europe/Paris");
    const auto winter = paris.split_of_utc_day(day_2026_03_28);
    EXPECT_EQ(winter.cut_ms, 23 * hour);
    EXPECT_EQ(winter.before, day_2026_03_28);
    EXPECT_EQ(winter.after, day_2026_03_29);
    // The change day is 23 hours long in Paris: the next midnight is 22:00 UTC.
    const auto change_day = paris.split_of_utc_day(day_2026_03_29);
    EXPECT_EQ(change_day.cut_ms, 22 * hour);
    EXPECT_EQ(change_day.before, day_2026_03_29);
    EXPECT_EQ(change_day.after, day_2026_03_29 + 1);

    const auto new_york = *time_zone::find("America/New_York");
    const auto west = new_york.split_of_utc_day(day_2026_03_28); // -4 since 2026-03-08
    EXPECT_EQ(west.cut_ms, 4 * hour);
    EXPECT_EQ(west.before, day_2026_03_28 - 1);
    EXPECT_EQ(west.after, day_2026_03_28);

    const auto kathmandu = *time_zone::find("Asia/Kathmandu"); // +5:45
    EXPECT_EQ(kathmandu.split_of_utc_day(day_2026_03_28).cut_ms, 18 * hour + 15 * 60'000);

    const auto utc = time_zone::utc();
    const auto whole = utc.split_of_utc_day(day_2026_03_28);
    EXPECT_EQ(whole.cut_ms, 0);
    EXPECT_EQ(whole.after, day_2026_03_28);
}

TEST(time_zone, a_skipped_local_day_is_absent) {
    // Samoa moved across the date line: 2011-12-30 never happened in Apia.
    const auto apia = *time_zone::find("Pacific/Apia");
    const std::int64_t day_2011_12_30 = 15338;
    ASSERT_EQ(format_day(day_2011_12_30), "2011-12-30");
    const auto split = apia.split_of_utc_day(day_2011_12_30);
    EXPECT_EQ(split.before, day_2011_12_30 - 1);
    EXPECT_EQ(split.after, day_2011_12_30 + 1);
    EXPECT_EQ(split.cut_ms, 10 * hour);
}

TEST(time_zone, start_of_local_day_is_the_local_midnight) {
    const auto paris = *time_zone::find("Europe/Paris");
    EXPECT_EQ(paris.start_of_local_day(day_2026_03_29), day_2026_03_28 * millis_per_day + 23 * hour);
    EXPECT_EQ(paris.start_of_local_day(day_2026_03_29 + 1), day_2026_03_29 * millis_per_day + 22 * hour);
    // Havana's DST starts at midnight: the 2026-03-08 day begins at 01:00 local.
    const auto havana = *time_zone::find("America/Havana");
    const std::int64_t day_2026_03_08 = 20520;
    ASSERT_EQ(format_day(day_2026_03_08), "2026-03-08");
    EXPECT_EQ(havana.start_of_local_day(day_2026_03_08), day_2026_03_08 * millis_per_day + 5 * hour);
}

// The store counts each UTC day in two parts around one cut. That is exact only if
// no UTC day holds two local midnights, in any zone: check the whole tz database
// from 1990 to 2040.
TEST(time_zone, no_zone_has_two_local_midnights_in_one_utc_day) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::StringEnumeration> ids(
        icu::TimeZone::createTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, status));
    ASSERT_TRUE(U_SUCCESS(status));
    int zones = 0;
    while (const char* id = ids->next(nullptr, status)) {
        const auto zone = time_zone::find(id);
        ASSERT_TRUE(zone) << id;
        ++zones;
        for (std::int64_t day = 7305; day < 25567; ++day) { // 1990-01-01 .. 2040-01-01
            const auto split = zone->split_of_utc_day(day);
            const std::int64_t last = zone->local_day((day + 1) * millis_per_day - 1);
            ASSERT_EQ(last, split.after) << id << " on " << format_day(day);
        }
    }
    EXPECT_GT(zones, 300);
}
