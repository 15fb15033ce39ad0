#include "surveys/locale_matcher.hpp"

#include <unicode/localematcher.h>
#include <unicode/locid.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <stdexcept>

namespace touchpoint::surveys {
namespace {

bool same_tag(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::ranges::equal(a, b, [](unsigned char x, unsigned char y) {
               return std::tolower(x) == std::tolower(y) || ((x == '-' || x == '_') && (y == '-' || y == '_'));
           });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// ICU's parse of a BCP 47 tag ("pt_BR" is read as "pt-BR"); nullopt when malformed.
std::optional<icu::Locale> parse_tag(std::string_view tag) {
    if (tag.empty() || tag.size() > 64) return std::nullopt;
    std::string text(tag);
    std::ranges::replace(text, '_', '-');
    UErrorCode status = U_ZERO_ERROR;
    auto locale = icu::Locale::forLanguageTag(text, status);
    if (U_FAILURE(status) || locale.isBogus() || std::string_view(locale.getLanguage()).empty()) return std::nullopt;
    return locale;
}

// RFC 9110 qvalue: 0 to 1 with at most three decimals; -1 when malformed.
double parse_quality(std::string_view text) {
    double quality = -1;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), quality);
    if (ec != std::errc{} || end != text.data() + text.size() || quality < 0 || quality > 1) return -1;
    return quality;
}

} // namespace

locale_matcher::locale_matcher(std::vector<std::string> offered) : offered_(std::move(offered)) {
    std::vector<icu::Locale> supported;
    for (const auto& tag : offered_)
        if (auto locale = parse_tag(tag)) {
            supported.push_back(*locale);
            parseable_.push_back(tag);
        }
    UErrorCode status = U_ZERO_ERROR;
    icu::LocaleMatcher::Builder builder;
    builder.setSupportedLocales(supported.begin(), supported.end()).setNoDefaultLocale();
    matcher_ = std::make_unique<icu::LocaleMatcher>(builder.build(status));
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU LocaleMatcher: ") + u_errorName(status));
}

locale_matcher::~locale_matcher() = default;
locale_matcher::locale_matcher(locale_matcher&&) noexcept = default;
locale_matcher& locale_matcher::operator=(locale_matcher&&) noexcept = default;

std::optional<std::string> locale_matcher::match(std::string_view wanted) const {
    // The exact tag, whatever its case, without asking ICU (found by tests/fuzz
    // locale: an offered tag ICU cannot parse was never chosen, even asked for as is).
    for (const auto& tag : offered_)
        if (same_tag(tag, wanted)) return tag;
    if (parseable_.empty()) return std::nullopt;
    auto desired = parse_tag(wanted);
    if (!desired) return std::nullopt;
    UErrorCode status = U_ZERO_ERROR;
    const auto result = matcher_->getBestMatchResult(*desired, status);
    if (U_FAILURE(status) || result.getSupportedIndex() < 0) return std::nullopt;
    const auto& chosen = parseable_[static_cast<std::size_t>(result.getSupportedIndex())];
    // CLDR also pairs close languages (nb with no, ...); the rule here is one language.
    const auto supported = parse_tag(chosen);
    if (!supported || std::string_view(supported->getLanguage()) != desired->getLanguage()) return std::nullopt;
    return chosen;
}

std::optional<std::string> locale_matcher::match_accept_language(std::string_view header) const {
    for (const auto& range : accept_language_ranges(header)) {
        if (range == "*") return std::nullopt;
        if (auto found = match(range)) return found;
    }
    return std::nullopt;
}

std::vector<std::string> accept_language_ranges(std::string_view header) {
    struct weighted {
        double quality;
        std::string range;
    };
    std::vector<weighted> items;
    while (!header.empty() && items.size() < 32) {
        const auto comma = header.find(',');
        auto item = trim(header.substr(0, comma));
        header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
        double quality = 1.0;
        if (const auto semi = item.find(';'); semi != std::string_view::npos) {
            auto parameter = trim(item.substr(semi + 1));
            item = trim(item.substr(0, semi));
            if (!(parameter.starts_with("q=") || parameter.starts_with("Q="))) continue;
            quality = parse_quality(parameter.substr(2));
        }
        const bool well_formed = item == "*" || (!item.empty() && std::ranges::all_of(item, [](unsigned char c) {
                                                     return std::isalnum(c) || c == '-' || c == '_';
                                                 }));
        if (!well_formed || quality <= 0) continue;
        items.push_back({quality, std::string(item)});
    }
    std::ranges::stable_sort(items, [](const weighted& a, const weighted& b) { return a.quality > b.quality; });
    std::vector<std::string> out;
    for (auto& item : items) out.push_back(std::move(item.range));
    return out;
}

std::string choose_locale(const std::vector<std::string>& offered, const std::string& default_locale,
                          std::initializer_list<std::string_view> wanted, std::string_view accept_language) {
    // The common case, a tag the survey offers as such, needs no matcher.
    for (const auto tag : wanted) {
        if (tag.empty()) continue;
        for (const auto& candidate : offered)
            if (same_tag(candidate, tag)) return candidate;
        break;
    }
    const bool anything_wanted =
        !accept_language.empty() || std::ranges::any_of(wanted, [](std::string_view tag) { return !tag.empty(); });
    if (!anything_wanted) return default_locale; // an anonymous in-app answer: no matcher to build
    const locale_matcher matcher(offered);
    for (const auto tag : wanted)
        if (!tag.empty())
            if (auto found = matcher.match(tag)) return *found;
    if (!accept_language.empty())
        if (auto found = matcher.match_accept_language(accept_language)) return *found;
    return default_locale;
}

} // namespace touchpoint::surveys
