#include "engine/lifecycle/send_window.hpp"

#include "reports/time_bucket.hpp"

namespace touchpoint::engine::lifecycle {

std::int64_t local_instant(const reports::time_zone& zone, std::int64_t day, int minute) {
    const std::int64_t local = day * reports::millis_per_day + std::int64_t{minute} * 60'000;
    // Two rounds settle the offset: the first guesses it at the local reading,
    // the second takes it where that guess landed.
    std::int64_t utc = local - zone.offset_at(local);
    utc = local - zone.offset_at(utc);
    return utc;
}

std::int64_t next_opening(const send_window& window, const reports::time_zone& zone, std::int64_t due_utc_ms) {
    const std::int64_t first_day = zone.local_day(due_utc_ms);
    // A window opens at least once a week; 8 days covers a due time late on an open day.
    for (std::int64_t day = first_day; day <= first_day + 8; ++day) {
        if (!window.days[static_cast<std::size_t>(iso_weekday_index(day))]) continue;
        const auto start = local_instant(zone, day, window.start_minute);
        const auto end = local_instant(zone, day, window.end_minute);
        if (due_utc_ms < start) return start;
        if (due_utc_ms < end) return due_utc_ms;
    }
    return due_utc_ms; // no open day: the parser refuses such windows
}

} // namespace touchpoint::engine::lifecycle
