#include "reports/time_bucket.hpp"

#include <chrono>
#include <cstdio>

namespace touchpoint::reports {
namespace chr = std::chrono;

std::optional<interval> parse_interval(std::string_view name) {
    if (name == "day") return interval::day;
    if (name == "week") return interval::week;
    if (name == "month") return interval::month;
    return std::nullopt;
}

std::string_view to_string(interval value) {
    switch (value) {
    case interval::day: return "day";
    case interval::week: return "week";
    case interval::month: return "month";
    }
    return "day";
}

std::int64_t bucket_start(std::int64_t day, interval value) {
    switch (value) {
    case interval::day: return day;
    case interval::week: {
        // 1970-01-01 was a Thursday: Monday is 3 days earlier in the week cycle.
        const auto since_monday = ((day + 3) % 7 + 7) % 7;
        return day - since_monday;
    }
    case interval::month: {
        const chr::year_month_day date{chr::sys_days{chr::days{day}}};
        const chr::sys_days first{date.year() / date.month() / chr::day{1}};
        return first.time_since_epoch().count();
    }
    }
    return day;
}

std::string format_day(std::int64_t day) {
    const chr::year_month_day date{chr::sys_days{chr::days{day}}};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                  static_cast<unsigned>(date.day()));
    return text;
}

} // namespace touchpoint::reports
