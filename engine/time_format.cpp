#include "engine/time_format.hpp"

#include <fmt/compile.h>

#include <chrono>
#include <cstdio>

namespace touchpoint::engine {
namespace chr = std::chrono;
namespace {

bool read_int(std::string_view& text, int digits, int& out) {
    if (text.size() < static_cast<std::size_t>(digits)) return false;
    out = 0;
    for (int i = 0; i < digits; ++i) {
        const char c = text[i];
        if (c < '0' || c > '9') return false;
        out = out * 10 + (c - '0');
    }
    text.remove_prefix(digits);
    return true;
}

bool expect(std::string_view& text, char c) {
    if (text.empty() || text.front() != c) return false;
    text.remove_prefix(1);
    return true;
}

} // namespace

std::int64_t now_ms() {
    return chr::duration_cast<chr::milliseconds>(chr::system_clock::now().time_since_epoch()).count();
}

std::string format_time(std::int64_t ms) {
    const chr::sys_time<chr::milliseconds> time{chr::milliseconds{ms}};
    const auto day = chr::floor<chr::days>(time);
    const chr::year_month_day date{day};
    const chr::hh_mm_ss clock{time - day};
    // A format compiled by fmt: exports write two of these per row and every
    // reply one, and snprintf or a format parsed at run time cost thousands of
    // instructions each.
    return fmt::format(FMT_COMPILE("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z"), static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()), clock.hours().count(),
                       clock.minutes().count(), clock.seconds().count(), clock.subseconds().count());
}

std::optional<std::int64_t> parse_time(std::string_view text) {
    int year, month, day, hour = 0, minute = 0, second = 0, millis = 0;
    if (!read_int(text, 4, year) || !expect(text, '-') || !read_int(text, 2, month) || !expect(text, '-') ||
        !read_int(text, 2, day))
        return std::nullopt;
    const chr::year_month_day date{chr::year{year}, chr::month{static_cast<unsigned>(month)}, chr::day{static_cast<unsigned>(day)}};
    if (!date.ok()) return std::nullopt;
    std::int64_t offset_minutes = 0;
    if (!text.empty()) {
        if (!expect(text, 'T') && !expect(text, ' ')) return std::nullopt;
        if (!read_int(text, 2, hour) || !expect(text, ':') || !read_int(text, 2, minute)) return std::nullopt;
        if (expect(text, ':') && !read_int(text, 2, second)) return std::nullopt;
        if (expect(text, '.')) {
            int digits = 0;
            while (!text.empty() && text.front() >= '0' && text.front() <= '9') {
                if (digits < 3) millis = millis * 10 + (text.front() - '0');
                ++digits;
                text.remove_prefix(1);
            }
            if (digits == 0) return std::nullopt;
            for (int i = digits; i < 3; ++i) millis *= 10;
        }
        if (expect(text, 'Z')) {
        } else if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
            const int sign = text.front() == '-' ? -1 : 1;
            text.remove_prefix(1);
            int oh, om;
            if (!read_int(text, 2, oh) || !expect(text, ':') || !read_int(text, 2, om)) return std::nullopt;
            offset_minutes = sign * (oh * 60 + om);
        } else {
            return std::nullopt;
        }
        if (!text.empty() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
    }
    const auto days = chr::sys_days{date}.time_since_epoch().count();
    return ((static_cast<std::int64_t>(days) * 24 + hour) * 60 + minute - offset_minutes) * 60'000 +
           static_cast<std::int64_t>(second) * 1000 + millis;
}

} // namespace touchpoint::engine
