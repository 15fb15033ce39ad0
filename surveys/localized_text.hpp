// Text in several locales, with fallback to the survey's default locale.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace touchpoint::surveys {

// Locale code ("en", "fr", "nl", "pt-BR") to text.
using localized_text = std::map<std::string, std::string, std::less<>>;

// The text in `locale`, else in its language ("fr" for "fr-BE"), else in
// `fallback_locale`, else any text at all; empty only when there is none.
const std::string& pick_text(const localized_text& text, std::string_view locale,
                             std::string_view fallback_locale);

// A locale code is a 2-3 letter language, optionally "-" and a region: "en", "pt-BR".
bool is_valid_locale(std::string_view code);

// "fr-BE" -> "fr"; lower-cased.
std::string language_of(std::string_view locale);

// Chooses the best of `offered` for an Accept-Language header value (RFC 9110 quality
// values) with the locale_matcher; empty when none matches.
std::string negotiate_locale(std::string_view accept_language, const std::vector<std::string>& offered);

} // namespace touchpoint::surveys
