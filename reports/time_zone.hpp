// An IANA time zone ("Europe/Paris") for report buckets: which local calendar
// day an instant falls on, and where each UTC day is cut by a local midnight.
// Backed by ICU's copy of the tz database.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace touchpoint::reports {

// How one UTC day splits into local days: [0, cut) of the day belongs to
// `before`, [cut, 24 h) to `after`. When no local midnight falls inside the
// UTC day, cut is 0 and the whole day is `after`.
struct day_split {
    std::int64_t cut_ms = 0; // milliseconds after the UTC day's start
    std::int64_t before = 0; // local day number of [0, cut)
    std::int64_t after = 0;  // local day number of [cut, 24 h)
};

class time_zone {
public:
    // Empty when ICU does not know the name.
    static std::optional<time_zone> find(std::string_view name);
    static time_zone utc();

    time_zone(time_zone&&) noexcept;
    time_zone& operator=(time_zone&&) noexcept;
    ~time_zone();

    const std::string& name() const { return name_; }
    bool is_utc() const { return utc_; }

    // Offset from UTC at an instant, in milliseconds (DST included).
    std::int64_t offset_at(std::int64_t utc_ms) const;
    // Days since 1970-01-01 on the local calendar.
    std::int64_t local_day(std::int64_t utc_ms) const;
    // The first instant of a local day (its midnight, or the end of a DST gap
    // that swallowed midnight).
    std::int64_t start_of_local_day(std::int64_t local_day) const;
    // Where local midnights cut the UTC day `utc_day`. Every zone of the tz
    // database has at most one local midnight inside any UTC day (a test checks
    // this over all of them), which is what lets the store count with one cut.
    day_split split_of_utc_day(std::int64_t utc_day) const;

private:
    struct icu_zone; // keeps ICU's headers out of this one
    time_zone(std::string name, std::unique_ptr<icu_zone> zone, bool utc);

    std::string name_;
    std::unique_ptr<icu_zone> zone_;
    bool utc_ = false;
};

} // namespace touchpoint::reports
