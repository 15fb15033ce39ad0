#include "reports/time_zone.hpp"

#include "reports/time_bucket.hpp"

#include <unicode/timezone.h>

namespace touchpoint::reports {

struct time_zone::icu_zone {
    std::unique_ptr<icu::TimeZone> zone;
};

time_zone::time_zone(std::string name, std::unique_ptr<icu_zone> zone, bool utc)
    : name_(std::move(name)), zone_(std::move(zone)), utc_(utc) {}
time_zone::time_zone(time_zone&&) noexcept = default;
time_zone& time_zone::operator=(time_zone&&) noexcept = default;
time_zone::~time_zone() = default;

std::optional<time_zone> time_zone::find(std::string_view name) {
    if (name.empty() || name.size() > 64) return std::nullopt;
    const auto id = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
    auto zone = std::make_unique<icu_zone>(icu_zone{std::unique_ptr<icu::TimeZone>(icu::TimeZone::createTimeZone(id))});
    if (!zone->zone || *zone->zone == icu::TimeZone::getUnknown()) return std::nullopt;
    icu::UnicodeString canonical;
    zone->zone->getID(canonical);
    std::string canonical_name;
    canonical.toUTF8String(canonical_name);
    const bool utc = canonical_name == "UTC" || canonical_name == "Etc/UTC" || canonical_name == "GMT" ||
                     canonical_name == "Etc/GMT" || canonical_name == "Etc/UCT" || canonical_name == "Etc/Universal" ||
                     canonical_name == "Etc/Zulu";
    return time_zone(std::string(name), std::move(zone), utc);
}

time_zone time_zone::utc() { return *find("UTC"); }

std::int64_t time_zone::offset_at(std::int64_t utc_ms) const {
    if (utc_) return 0;
    UErrorCode status = U_ZERO_ERROR;
    int32_t raw = 0, dst = 0;
    zone_->zone->getOffset(static_cast<UDate>(utc_ms), false, raw, dst, status);
    return U_SUCCESS(status) ? std::int64_t{raw} + dst : 0;
}

std::int64_t time_zone::local_day(std::int64_t utc_ms) const { return day_of_millis(utc_ms + offset_at(utc_ms)); }

std::int64_t time_zone::start_of_local_day(std::int64_t day) const {
    const std::int64_t local_midnight = day * millis_per_day;
    if (utc_) return local_midnight;
    // Offsets lie within a day of UTC: bisect for the first instant whose local
    // day is `day` (midnight in a DST gap moves to the gap's end).
    std::int64_t low = local_midnight - 2 * millis_per_day, high = local_midnight + 2 * millis_per_day;
    while (high - low > 1) {
        const std::int64_t middle = low + (high - low) / 2;
        (local_day(middle) >= day ? high : low) = middle;
    }
    return high;
}

day_split time_zone::split_of_utc_day(std::int64_t utc_day) const {
    const std::int64_t start = utc_day * millis_per_day;
    day_split split;
    split.before = local_day(start);
    split.after = split.before;
    if (utc_) return split;
    const std::int64_t last_day = local_day(start + millis_per_day - 1);
    if (last_day == split.before) return split;
    const auto is_cut = [&](std::int64_t at) { return local_day(at - 1) == split.before && local_day(at) != split.before; };
    // Usually the local midnight sits where the offset at noon says.
    const std::int64_t guess = ((-offset_at(start + millis_per_day / 2)) % millis_per_day + millis_per_day) % millis_per_day;
    if (guess > 0 && is_cut(start + guess)) {
        split.cut_ms = guess;
        split.after = local_day(start + guess);
        return split;
    }
    // Otherwise bisect for the first instant of the next local day that exists
    // (a skipped day, like Samoa's 2011-12-30, is simply absent).
    std::int64_t low = start, high = start + millis_per_day - 1;
    while (high - low > 1) {
        const std::int64_t middle = low + (high - low) / 2;
        (local_day(middle) != split.before ? high : low) = middle;
    }
    split.cut_ms = high - start;
    split.after = local_day(high);
    return split;
}

} // namespace touchpoint::reports
