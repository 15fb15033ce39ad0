#include "engine/lifecycle/iso_duration.hpp"

#include <chrono>
#include <limits>

namespace touchpoint::engine::lifecycle {
namespace chr = std::chrono;
namespace {

constexpr std::int64_t ms_per_second = 1000, ms_per_minute = 60 * ms_per_second, ms_per_hour = 60 * ms_per_minute,
                       ms_per_day = 24 * ms_per_hour;
constexpr std::int64_t max_months = 100 * 12;
constexpr std::int64_t max_millis = 100 * 366 * ms_per_day;

// Reads digits into `value`; false when there are none or they overflow the limit.
bool read_number(std::string_view& text, std::int64_t& value) {
    std::size_t i = 0;
    value = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        value = value * 10 + (text[i] - '0');
        if (value > max_millis) return false;
        ++i;
    }
    if (i == 0) return false;
    text.remove_prefix(i);
    return true;
}

} // namespace

std::optional<iso_duration> parse_iso_duration(std::string_view text) {
    iso_duration out;
    if (!text.empty() && text.front() == '-') {
        out.negative = true;
        text.remove_prefix(1);
    }
    if (text.empty() || text.front() != 'P') return std::nullopt;
    text.remove_prefix(1);
    bool time = false, any = false;
    // Designators in the order ISO 8601 allows them, date part then time part.
    constexpr std::string_view date_order = "YMWD", time_order = "HMS";
    std::size_t next_date = 0, next_time = 0;
    while (!text.empty()) {
        if (text.front() == 'T') {
            if (time) return std::nullopt;
            time = true;
            text.remove_prefix(1);
            if (text.empty()) return std::nullopt; // "P1DT" has no time part
            continue;
        }
        std::int64_t value = 0;
        if (!read_number(text, value)) return std::nullopt;
        std::int64_t fraction_ms = 0;
        if (!text.empty() && (text.front() == '.' || text.front() == ',')) {
            // Only seconds may have a fraction; milliseconds are kept.
            text.remove_prefix(1);
            std::size_t digits = 0;
            std::int64_t scale = 100;
            while (!text.empty() && text.front() >= '0' && text.front() <= '9') {
                fraction_ms += (text.front() - '0') * scale;
                scale /= 10;
                ++digits;
                text.remove_prefix(1);
            }
            if (digits == 0 || text.empty() || text.front() != 'S' || !time) return std::nullopt;
        }
        if (text.empty()) return std::nullopt;
        const char designator = text.front();
        text.remove_prefix(1);
        if (!time) {
            const auto at = date_order.find(designator, next_date);
            if (at == std::string_view::npos) return std::nullopt;
            next_date = at + 1;
            if (designator == 'Y' || designator == 'M') {
                if (value > max_months / (designator == 'Y' ? 12 : 1)) return std::nullopt;
                out.months += designator == 'Y' ? value * 12 : value;
            } else {
                const std::int64_t unit = designator == 'W' ? 7 * ms_per_day : ms_per_day;
                if (value > max_millis / unit) return std::nullopt;
                out.millis += value * unit;
            }
        } else {
            const auto at = time_order.find(designator, next_time);
            if (at == std::string_view::npos) return std::nullopt;
            next_time = at + 1;
            const std::int64_t unit = designator == 'H' ? ms_per_hour : designator == 'M' ? ms_per_minute : ms_per_second;
            if (value > max_millis / unit) return std::nullopt; // checked before multiplying: no overflow
            out.millis += value * unit + (designator == 'S' ? fraction_ms : 0);
        }
        if (out.months > max_months || out.millis > max_millis) return std::nullopt;
        any = true;
    }
    if (!any) return std::nullopt;
    return out;
}

std::int64_t iso_duration::after(std::int64_t utc_ms) const {
    const std::int64_t sign = negative ? -1 : 1;
    std::int64_t at = utc_ms;
    if (months != 0) {
        const chr::sys_time<chr::milliseconds> time{chr::milliseconds{utc_ms}};
        const auto day = chr::floor<chr::days>(time);
        const chr::year_month_day date{day};
        auto moved = date + chr::months{sign * months};
        // 31 January + 1 month: the last day of February, as calendars do.
        if (!moved.ok()) moved = moved.year() / moved.month() / chr::last;
        at = (chr::sys_days{moved} + (time - day)).time_since_epoch().count();
    }
    return at + sign * millis;
}

std::int64_t iso_duration::longest_millis() const { return months * 31 * ms_per_day + millis; }

std::string to_string(const iso_duration& duration) {
    if (duration.is_zero()) return "PT0S";
    std::string out = duration.negative ? "-P" : "P";
    auto part = [&out](std::int64_t value, char designator) {
        if (value != 0) out += std::to_string(value) + designator;
    };
    part(duration.months / 12, 'Y');
    part(duration.months % 12, 'M');
    std::int64_t rest = duration.millis;
    part(rest / ms_per_day, 'D');
    rest %= ms_per_day;
    if (rest == 0) return out;
    out += 'T';
    part(rest / ms_per_hour, 'H');
    rest %= ms_per_hour;
    part(rest / ms_per_minute, 'M');
    rest %= ms_per_minute;
    if (rest != 0) {
        out += std::to_string(rest / ms_per_second);
        if (const auto ms = rest % ms_per_second; ms != 0) {
            auto fraction = std::to_string(1000 + ms).substr(1); // "050"
            while (fraction.back() == '0') fraction.pop_back();
            out += "." + fraction;
        }
        out += 'S';
    }
    return out;
}

} // namespace touchpoint::engine::lifecycle
