// Which of a survey's locales a person sees: one matcher for every path that
// picks a language (a requested ?lang=, the contact's locale, Accept-Language,
// e-mail and webhook texts).
#pragma once

#include <unicode/uversion.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

U_NAMESPACE_BEGIN
class LocaleMatcher;
U_NAMESPACE_END

namespace touchpoint::surveys {

// Matches BCP 47 tags (RFC 5646), case-insensitively, against the offered ones
// with ICU's LocaleMatcher (CLDR language matching data): the exact tag first,
// then the closest variant of the same language (fr-CA for fr-CA and, lacking
// it, fr; fr for fr-BE), never another language. Immutable, so one matcher may
// serve many threads.
class locale_matcher {
public:
    // `offered` as the survey lists them. A tag ICU cannot parse (a survey may
    // list "nl-N9l") is matched only exactly, never as a close variant.
    explicit locale_matcher(std::vector<std::string> offered);
    ~locale_matcher();
    locale_matcher(locale_matcher&&) noexcept;
    locale_matcher& operator=(locale_matcher&&) noexcept;

    // The offered tag, as written there, that best serves `wanted`; nullopt when
    // `wanted` is malformed or no offered tag is of its language.
    std::optional<std::string> match(std::string_view wanted) const;

    // The same for an Accept-Language value (RFC 9110, section 12.5.4): ranges
    // tried by descending quality (q=0 never), the header's order breaking ties;
    // "*" or nothing acceptable gives nullopt; malformed items are skipped.
    std::optional<std::string> match_accept_language(std::string_view header) const;

private:
    std::vector<std::string> offered_;   // every tag, for exact matches
    std::vector<std::string> parseable_; // those ICU reads, in the matcher's order
    std::unique_ptr<icu::LocaleMatcher> matcher_;
};

// The language ranges of an Accept-Language value by descending quality, ties
// in header order, without q=0 ranges and malformed items; "*" is kept.
std::vector<std::string> accept_language_ranges(std::string_view header);

// The locale a person sees: the first of `wanted` (e.g. an explicit ?lang=, then
// the contact's locale; empty entries are skipped) that matches an offered
// locale, else the best match for `accept_language`, else `default_locale`.
std::string choose_locale(const std::vector<std::string>& offered, const std::string& default_locale,
                          std::initializer_list<std::string_view> wanted, std::string_view accept_language = {});

} // namespace touchpoint::surveys
