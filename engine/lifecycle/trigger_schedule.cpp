#include "engine/lifecycle/trigger_schedule.hpp"

#include "engine/lifecycle/send_window.hpp"

#include <boost/json.hpp>

#include <charconv>
#include <chrono>

namespace touchpoint::engine::lifecycle {
namespace chr = std::chrono;
namespace {

constexpr std::int64_t ms_per_minute = 60'000;
constexpr std::size_t max_date_length = 40;

bool read_digits(std::string_view& text, int count, int& out) {
    if (text.size() < static_cast<std::size_t>(count)) return false;
    out = 0;
    for (int i = 0; i < count; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        out = out * 10 + (text[i] - '0');
    }
    text.remove_prefix(count);
    return true;
}

bool take(std::string_view& text, char c) {
    if (text.empty() || text.front() != c) return false;
    text.remove_prefix(1);
    return true;
}

} // namespace

std::optional<attribute_date> read_attribute_date(const boost::json::value& value, const reports::time_zone& zone) {
    if (!value.is_string() || value.get_string().size() > max_date_length) return std::nullopt;
    const std::string_view whole = value.get_string();
    std::string_view text = whole;
    int year = 0, month = 0, day = 0;
    if (!read_digits(text, 4, year) || !take(text, '-') || !read_digits(text, 2, month) || !take(text, '-') ||
        !read_digits(text, 2, day))
        return std::nullopt;
    const chr::year_month_day date{chr::year{year}, chr::month{static_cast<unsigned>(month)}, chr::day{static_cast<unsigned>(day)}};
    if (!date.ok()) return std::nullopt;
    const std::int64_t day_number = chr::sys_days{date}.time_since_epoch().count();
    // A day alone: it starts at the contact's local midnight.
    if (text.empty()) return attribute_date{std::string(whole), zone.start_of_local_day(day_number)};

    int hour = 0, minute = 0, second = 0, millis = 0;
    if (!take(text, 'T') || !read_digits(text, 2, hour) || !take(text, ':') || !read_digits(text, 2, minute)) return std::nullopt;
    if (take(text, ':') && !read_digits(text, 2, second)) return std::nullopt;
    if (take(text, '.')) {
        int digits = 0;
        while (!text.empty() && text.front() >= '0' && text.front() <= '9') {
            if (digits < 3) millis = millis * 10 + (text.front() - '0');
            ++digits;
            text.remove_prefix(1);
        }
        if (digits == 0) return std::nullopt;
        for (int i = digits; i < 3; ++i) millis *= 10;
    }
    if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
    const std::int64_t within_minute = std::int64_t{second} * 1000 + millis;
    if (text.empty()) // no offset: a time on the contact's local clock
        return attribute_date{std::string(whole), local_instant(zone, day_number, hour * 60 + minute) + within_minute};
    std::int64_t offset_minutes = 0;
    if (!take(text, 'Z')) {
        if (text.front() != '+' && text.front() != '-') return std::nullopt;
        const int sign = text.front() == '-' ? -1 : 1;
        text.remove_prefix(1);
        int offset_hours = 0, offset_mins = 0;
        if (!read_digits(text, 2, offset_hours) || !take(text, ':') || !read_digits(text, 2, offset_mins) || offset_hours > 23 ||
            offset_mins > 59)
            return std::nullopt;
        offset_minutes = sign * (offset_hours * 60 + offset_mins);
    }
    if (!text.empty()) return std::nullopt;
    const std::int64_t minutes = (day_number * 24 + hour) * 60 + minute - offset_minutes;
    return attribute_date{std::string(whole), minutes * ms_per_minute + within_minute};
}

reports::time_zone contact_zone(const campaign_definition& campaign, const contact_facts& contact) {
    auto zone = contact.timezone.empty() ? std::nullopt : reports::time_zone::find(contact.timezone);
    if (!zone && campaign.send_window) zone = reports::time_zone::find(campaign.send_window->timezone);
    if (!zone) return reports::time_zone::utc();
    return std::move(*zone);
}

std::optional<attribute_date_firing> attribute_date_trigger(const trigger& trigger, const contact_facts& contact,
                                                            const reports::time_zone& zone) {
    if (trigger.type != trigger_type::attribute_date) return std::nullopt;
    const auto* value = contact.attributes.if_contains(trigger.attribute);
    if (!value) return std::nullopt;
    auto date = read_attribute_date(*value, zone);
    if (!date) return std::nullopt;
    const auto fires_at = trigger.delay.after(date->at);
    return attribute_date_firing{std::move(*date), fires_at};
}

std::int64_t occurrence_time(const trigger& trigger, std::int64_t first, std::int64_t n) {
    const iso_duration steps{false, trigger.every.months * n, trigger.every.millis * n};
    return steps.after(first);
}

std::int64_t first_occurrence_time(const trigger& trigger, std::int64_t since) {
    return trigger.event.empty() ? trigger.every.after(since) : trigger.delay.after(since);
}

std::int64_t next_occurrence_index(const trigger& trigger, std::int64_t first, std::int64_t not_before,
                                   std::int64_t from_index) {
    std::int64_t n = from_index < 0 ? 0 : from_index;
    const std::int64_t longest = trigger.every.longest_millis();
    if (longest <= 0) return n; // the parser refuses periods under a day
    // Months counted as 31 days never overshoot; the loop walks the last few steps.
    if (not_before > first) n = std::max(n, (not_before - first) / longest);
    while (occurrence_time(trigger, first, n) < not_before) ++n;
    return n;
}

std::optional<std::int64_t> occurrence_of_key(std::string_view trigger_key) {
    constexpr std::string_view marker = ":occurrence_";
    const auto at = trigger_key.rfind(marker);
    if (at == std::string_view::npos) return std::nullopt;
    const auto digits = trigger_key.substr(at + marker.size());
    std::int64_t n = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (error != std::errc{} || end != digits.data() + digits.size() || n < 0) return std::nullopt;
    return n;
}

} // namespace touchpoint::engine::lifecycle
