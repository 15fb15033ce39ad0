// Fuzzes the locale choice of the hosted pages: surveys::negotiate_locale with an
// Accept-Language value against the locales a survey offers, surveys::choose_locale
// with the same, then surveys::pick_text with what they chose. The first line is
// the header value, each further line one offered locale. Only the functions'
// contracts are checked, not one algorithm: the choice is one of the offered
// locales or none (choose_locale: else the default); an exact match is chosen
// when it is the header's only entry; pick_text returns the text of the locale
// when there is one, and some text whenever there is any.
#include "surveys/locale_matcher.hpp"
#include "surveys/localized_text.hpp"

#include "fuzz_check.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace surveys = touchpoint::surveys;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto newline = input.find('\n');
    const auto header = input.substr(0, newline);
    std::vector<std::string> offered;
    for (auto rest = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1); !rest.empty();) {
        const auto end = rest.find('\n');
        offered.emplace_back(rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
        if (offered.size() == 16) break; // surveys offer a handful of locales
    }

    const auto chosen = surveys::negotiate_locale(header, offered);
    FUZZ_CHECK(chosen.empty() || std::ranges::find(offered, chosen) != offered.end());
    FUZZ_CHECK(surveys::negotiate_locale(header, offered) == chosen);
    FUZZ_CHECK(surveys::negotiate_locale(header, {}).empty());
    // "fr" alone, asking for a locale the survey offers as is, must get it.
    if (surveys::is_valid_locale(header) && std::ranges::count(offered, std::string(header)) > 0 &&
        std::ranges::none_of(offered, [&](const std::string& o) { return o != header && surveys::language_of(o) == surveys::language_of(header); }))
        FUZZ_CHECK(chosen == header);

    const std::string default_locale = offered.empty() ? "en" : offered.front();
    for (std::string_view wanted : {std::string_view{}, header, std::string_view(chosen)}) {
        const auto picked = surveys::choose_locale(offered, default_locale, {wanted}, header);
        FUZZ_CHECK(picked == default_locale || std::ranges::find(offered, picked) != offered.end());
        if (wanted.empty() && !chosen.empty()) FUZZ_CHECK(picked == chosen);
    }

    surveys::localized_text text;
    for (std::size_t i = 0; i < offered.size(); ++i) text.emplace(offered[i], "text " + std::to_string(i));
    const auto fallback = offered.empty() ? std::string_view("en") : std::string_view(offered.back());
    for (std::string_view locale : {std::string_view(chosen), header, std::string_view("en"), std::string_view{}}) {
        const auto& picked = surveys::pick_text(text, locale, fallback);
        if (text.empty()) {
            FUZZ_CHECK(picked.empty());
            continue;
        }
        FUZZ_CHECK(std::ranges::any_of(text, [&](const auto& item) { return &item.second == &picked; }));
        if (auto it = text.find(locale); it != text.end()) FUZZ_CHECK(&it->second == &picked);
    }
    (void)surveys::language_of(header);
    (void)surveys::is_valid_locale(header);
    return 0;
}
