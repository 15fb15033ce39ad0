#include "engine/dispatch/backoff.hpp"

#include <gtest/gtest.h>

using namespace touchpoint::engine::dispatch;

TEST(backoff, the_ceiling_doubles_from_the_base_up_to_the_cap) {
    const backoff_policy policy{30'000, 3'600'000, 8};
    EXPECT_EQ(retry_ceiling_ms(policy, 1), 30'000) << "the first retry waits up to --retry-base-ms";
    EXPECT_EQ(retry_ceiling_ms(policy, 2), 60'000);
    EXPECT_EQ(retry_ceiling_ms(policy, 5), 480'000);
    EXPECT_EQ(retry_ceiling_ms(policy, 8), 3'600'000) << "capped";
    EXPECT_EQ(retry_ceiling_ms(policy, 1'000), 3'600'000) << "no overflow however many attempts";
    EXPECT_EQ(retry_ceiling_ms(policy, 0), 30'000);
}

TEST(backoff, full_jitter_draws_anywhere_below_the_ceiling) {
    const backoff_policy policy{1'000, 60'000, 8};
    EXPECT_EQ(retry_delay_ms(policy, 3, 0.0), 0);
    EXPECT_EQ(retry_delay_ms(policy, 3, 0.5), 2'000);
    EXPECT_LT(retry_delay_ms(policy, 3, 0.999999), 4'000);
    EXPECT_EQ(retry_delay_ms(policy, 3, 7.0), 4'000) << "a random value out of range is clamped";
}
