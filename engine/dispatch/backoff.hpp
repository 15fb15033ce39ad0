// When a failed delivery is tried again: exponential backoff with full jitter
// (Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog, 2015):
// after attempt n the wait is uniform in [0, min(cap, base * 2^(n-1))], so many
// messages failing together do not come back together.
#pragma once

#include <cstdint>

namespace touchpoint::engine::dispatch {

struct backoff_policy {
    std::int64_t base_ms = 30'000;             // --retry-base-ms: the first retry's ceiling
    std::int64_t cap_ms = 6LL * 3600 * 1000;   // no wait longer than six hours
    int max_attempts = 8;                      // --delivery-attempts, the first one included
};

// The wait after `attempt` (1 for the first try) failed, in milliseconds, for a
// `random` value uniform in [0, 1).
std::int64_t retry_delay_ms(const backoff_policy& policy, int attempt, double random);

// The largest wait after `attempt`: the range retry_delay_ms draws from.
std::int64_t retry_ceiling_ms(const backoff_policy& policy, int attempt);

} // namespace touchpoint::engine::dispatch
