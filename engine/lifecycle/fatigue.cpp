#include "engine/lifecycle/fatigue.hpp"

#include <boost/json.hpp>

#include <cstdlib>

namespace touchpoint::engine::lifecycle {

fatigue_verdict check_fatigue(const fatigue_settings& settings, const std::optional<iso_duration>& resurvey_after,
                              const std::string& campaign_id, const std::vector<past_invitation>& history,
                              std::int64_t at) {
    constexpr std::int64_t day_ms = 86'400'000;
    if (resurvey_after && !resurvey_after->is_zero()) {
        for (const auto& past : history) {
            if (past.campaign_id != campaign_id) continue;
            // Within resurvey_after on either side, counted on the calendar from the earlier one.
            const auto earlier = std::min(past.at, at), later = std::max(past.at, at);
            if (later < resurvey_after->after(earlier)) return fatigue_verdict::resurvey_too_soon;
        }
    }
    if (settings.min_days_between_surveys > 0) {
        const std::int64_t gap = std::int64_t{settings.min_days_between_surveys} * day_ms;
        for (const auto& past : history)
            if (std::llabs(past.at - at) < gap) return fatigue_verdict::fatigue;
    }
    if (settings.max_surveys > 0 && !settings.period.is_zero()) {
        const std::int64_t since = iso_duration{true, settings.period.months, settings.period.millis}.after(at);
        int in_period = 0;
        for (const auto& past : history)
            if (past.at > since && past.at <= at) ++in_period;
        if (in_period >= settings.max_surveys) return fatigue_verdict::fatigue;
    }
    return fatigue_verdict::allowed;
}

boost::json::object fatigue_to_json(const fatigue_settings& settings) {
    return {{"min_days_between_surveys", settings.min_days_between_surveys},
            {"max_surveys", boost::json::object{{"count", settings.max_surveys}, {"period", to_string(settings.period)}}}};
}

} // namespace touchpoint::engine::lifecycle
