#include "surveys/localized_text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace touchpoint::surveys {
namespace {

const std::string empty_text;

std::string lower(std::string_view s) {
    std::string out(s);
    std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

} // namespace

std::string language_of(std::string_view locale) {
    return lower(locale.substr(0, locale.find_first_of("-_")));
}

const std::string& pick_text(const localized_text& text, std::string_view locale,
                             std::string_view fallback_locale) {
    if (auto it = text.find(locale); it != text.end()) return it->second;
    const auto language = language_of(locale);
    if (auto it = text.find(language); it != text.end()) return it->second;
    if (auto it = text.find(fallback_locale); it != text.end()) return it->second;
    if (!text.empty()) return text.begin()->second;
    return empty_text;
}

bool is_valid_locale(std::string_view code) {
    const auto dash = code.find('-');
    const auto language = code.substr(0, dash);
    if (language.size() < 2 || language.size() > 3) return false;
    if (!std::ranges::all_of(language, [](unsigned char c) { return std::islower(c); })) return false;
    if (dash == std::string_view::npos) return true;
    const auto region = code.substr(dash + 1);
    return region.size() >= 2 && region.size() <= 8 &&
           std::ranges::all_of(region, [](unsigned char c) { return std::isalnum(c); });
}

std::string negotiate_locale(std::string_view accept_language, const std::vector<std::string>& offered) {
    std::string best;
    double best_quality = 0.0;
    while (!accept_language.empty()) {
        const auto comma = accept_language.find(',');
        auto item = trim(accept_language.substr(0, comma));
        accept_language = comma == std::string_view::npos ? std::string_view{} : accept_language.substr(comma + 1);

        double quality = 1.0;
        if (const auto semi = item.find(';'); semi != std::string_view::npos) {
            auto params = trim(item.substr(semi + 1));
            item = trim(item.substr(0, semi));
            if (params.starts_with("q=")) {
                params.remove_prefix(2);
                std::from_chars(params.data(), params.data() + params.size(), quality);
            }
        }
        if (item.empty() || quality <= best_quality) continue;
        const auto wanted = lower(item);
        for (const auto& locale : offered) {
            const auto candidate = lower(locale);
            if (candidate == wanted || language_of(candidate) == language_of(wanted)) {
                best = locale;
                best_quality = quality;
                break;
            }
        }
    }
    return best;
}

} // namespace touchpoint::surveys
