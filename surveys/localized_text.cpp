#include "surveys/localized_text.hpp"

#include "surveys/locale_matcher.hpp"

#include <algorithm>
#include <cctype>

namespace touchpoint::surveys {
namespace {

const std::string empty_text;

std::string lower(std::string_view s) {
    std::string out(s);
    std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
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
    return locale_matcher(offered).match_accept_language(accept_language).value_or("");
}

} // namespace touchpoint::surveys
