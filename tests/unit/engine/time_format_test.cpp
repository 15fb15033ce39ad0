#include "engine/time_format.hpp"

#include <gtest/gtest.h>

using namespace touchpoint::engine;

TEST(time_format, parses_dates_times_and_offsets) {
    EXPECT_EQ(parse_time("1970-01-02"), 86'400'000);
    EXPECT_EQ(parse_time("1970-01-01T01:00:00Z"), 3'600'000);
    EXPECT_EQ(parse_time("1970-01-01T01:00:00+01:00"), 0);
    EXPECT_EQ(parse_time("1970-01-01T00:00:00.25Z"), 250);
    EXPECT_FALSE(parse_time("2026-02-30"));
    EXPECT_FALSE(parse_time("yesterday"));
}

TEST(time_format, formats_utc_with_milliseconds) {
    EXPECT_EQ(format_time(86'400'123), "1970-01-02T00:00:00.123Z");
}
