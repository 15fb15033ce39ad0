#include "engine/dispatch/backoff.hpp"

#include <algorithm>
#include <cmath>

namespace touchpoint::engine::dispatch {

std::int64_t retry_ceiling_ms(const backoff_policy& policy, int attempt) {
    const int doublings = std::clamp(attempt - 1, 0, 40); // 2^40 times any base is past any cap
    const double ceiling = static_cast<double>(policy.base_ms) * std::ldexp(1.0, doublings);
    return static_cast<std::int64_t>(std::min(ceiling, static_cast<double>(policy.cap_ms)));
}

std::int64_t retry_delay_ms(const backoff_policy& policy, int attempt, double random) {
    return static_cast<std::int64_t>(std::clamp(random, 0.0, 1.0) * static_cast<double>(retry_ceiling_ms(policy, attempt)));
}

} // namespace touchpoint::engine::dispatch
