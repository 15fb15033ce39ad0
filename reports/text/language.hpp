// Which language a comment is written in: CLD2 (Compact Language Detector 2),
// helped on short comments by the respondent's locale and by stop words.
#pragma once

#include <string>
#include <string_view>

namespace touchpoint::reports::text {

// The languages the analysis has stemmers, stop words and lexicons for.
bool is_analysed_language(std::string_view code);

// An ISO 639-1 code ("en", "fr", "nl", "de", ...) or "und" when nothing can tell.
// `locale_hint` is the response's locale ("fr", "fr-BE"), may be empty.
std::string detect_language(std::string_view utf8, std::string_view locale_hint);

} // namespace touchpoint::reports::text
