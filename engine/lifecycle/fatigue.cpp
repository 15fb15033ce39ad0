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

std::optional<fatigue_settings> parse_fatigue(const boost::json::value& value, const std::string& path,
                                              surveys::field_errors& errors) {
    const auto before = errors.size();
    if (!value.is_object()) {
        errors.push_back({path, "must be an object with min_days_between_surveys and max_surveys"});
        return std::nullopt;
    }
    const auto& obj = value.get_object();
    fatigue_settings out;
    auto whole = [&](const boost::json::value* v, const std::string& field, int low, int high, int& into) {
        if (v && v->is_int64() && v->get_int64() >= low && v->get_int64() <= high) into = static_cast<int>(v->get_int64());
        else errors.push_back({field, "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high)});
    };
    whole(obj.if_contains("min_days_between_surveys"), path + ".min_days_between_surveys", 0, 3650,
          out.min_days_between_surveys);
    const auto* max = obj.if_contains("max_surveys");
    if (!max || !max->is_object()) {
        errors.push_back({path + ".max_surveys", "must be an object such as {\"count\": 3, \"period\": \"P90D\"}"});
    } else {
        whole(max->get_object().if_contains("count"), path + ".max_surveys.count", 0, 100, out.max_surveys);
        const auto* period = max->get_object().if_contains("period");
        std::optional<iso_duration> parsed;
        if (period && period->is_string()) parsed = parse_iso_duration(period->get_string());
        constexpr std::int64_t day_ms = 86'400'000;
        if (!parsed || parsed->negative) errors.push_back({path + ".max_surveys.period", std::string(iso_duration_hint)});
        else if (parsed->longest_millis() < day_ms || parsed->longest_millis() > 3660 * day_ms)
            errors.push_back({path + ".max_surveys.period", "must be from P1D to P10Y"});
        else out.period = *parsed;
    }
    if (errors.size() != before) return std::nullopt;
    return out;
}

} // namespace touchpoint::engine::lifecycle
