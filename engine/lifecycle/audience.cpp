#include "engine/lifecycle/audience.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>

namespace touchpoint::engine::lifecycle {
namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    return std::ranges::equal(a, b, [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

} // namespace

std::string condition_text(const boost::json::value& value) {
    if (value.is_string()) return std::string(value.get_string());
    if (value.is_bool()) return value.get_bool() ? "true" : "false";
    if (value.is_int64() || value.is_uint64()) return boost::json::serialize(value);
    return {};
}

bool audience_admits(const audience& audience, const contact_facts& contact) {
    for (const auto& c : audience.where) {
        if (c.key == "locale") {
            if (std::ranges::none_of(c.values, [&](const std::string& v) { return equal_ignoring_case(v, contact.locale); }))
                return false;
            continue;
        }
        const auto* value = contact.attributes.if_contains(std::string_view(c.key).substr(5)); // after "attr."
        if (!value) return false;
        const auto text = condition_text(*value);
        if (text.empty() || std::ranges::find(c.values, text) == c.values.end()) return false;
    }
    return true;
}

bool in_sample(std::string_view campaign_id, std::string_view external_id, int sample_percent) {
    if (sample_percent >= 100) return true;
    std::uint64_t hash = 14695981039346656037ULL;
    auto mix = [&hash](unsigned char c) {
        hash ^= c;
        hash *= 1099511628211ULL;
    };
    for (unsigned char c : campaign_id) mix(c);
    mix(0);
    for (unsigned char c : external_id) mix(c);
    return static_cast<int>(hash % 100) < sample_percent;
}

} // namespace touchpoint::engine::lifecycle
