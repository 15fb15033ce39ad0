#include "surveys/locale_matcher.hpp"

#include "surveys/localized_text.hpp"

#include <gtest/gtest.h>

namespace {
using touchpoint::surveys::accept_language_ranges;
using touchpoint::surveys::choose_locale;
using touchpoint::surveys::locale_matcher;

struct match_case {
    std::vector<std::string> offered;
    std::string wanted;
    std::string expected; // "" when nothing matches
};

TEST(locale_matcher, matches_the_exact_tag_then_the_closest_variant_of_the_same_language) {
    const std::vector<match_case> cases{
        {{"en", "fr", "fr-CA"}, "fr-CA", "fr-CA"},   // exact, though fr comes first
        {{"en", "fr-CA", "fr"}, "fr", "fr"},         // exact, though fr-CA comes first
        {{"en", "fr", "fr-CA"}, "FR-ca", "fr-CA"},   // case does not matter
        {{"en", "fr", "fr-CA"}, "fr_CA", "fr-CA"},   // nor POSIX underscores
        {{"en", "fr-CA"}, "fr", "fr-CA"},            // the only French there is
        {{"en", "fr", "fr-CA"}, "fr-BE", "fr"},      // Belgian French is closer to French than to Canadian
        {{"en", "en-GB"}, "en-AU", "en-GB"},         // CLDR: Australian English is closer to British
        {{"en", "en-GB"}, "en-US", "en"},
        {{"en", "pt-BR", "pt-PT"}, "pt", "pt-BR"},   // pt means Brazilian Portuguese in CLDR
        {{"en", "pt-BR", "pt-PT"}, "pt-AO", "pt-PT"},
        {{"en", "zh-Hant", "zh-Hans"}, "zh-TW", "zh-Hant"}, // scripts
        {{"en", "zh-Hant", "zh-Hans"}, "zh-CN", "zh-Hans"},
        {{"en", "sr-Latn"}, "sr-Latn-RS", "sr-Latn"},
        {{"en", "nl"}, "nl-BE", "nl"},
        {{"en", "nl"}, "de", ""},                    // never another language
        {{"en", "no"}, "nb", ""},                    // not even a close one
        {{"en", "fr"}, "", ""},
        {{"en", "fr"}, "f", ""},                     // malformed tags match nothing
        {{"en", "fr"}, "fr--CA", ""},
        {{"en", "fr"}, "\xff\xfe", ""},
        {{"en", "bogus tag!", "fr"}, "fr", "fr"},    // a malformed offered tag is skipped
        {{}, "fr", ""},
    };
    for (const auto& c : cases) {
        locale_matcher matcher(c.offered);
        EXPECT_EQ(matcher.match(c.wanted).value_or(""), c.expected) << "wanted " << c.wanted;
    }
}

TEST(locale_matcher, reads_accept_language_by_quality_then_header_order) {
    struct header_case {
        std::string header;
        std::string expected;
    };
    const std::vector<std::string> offered{"en", "fr", "fr-CA", "nl"};
    const std::vector<header_case> cases{
        {"fr-CA", "fr-CA"},
        {"fr-CH, fr;q=0.9, en;q=0.8", "fr"},
        {"de;q=1, nl;q=0.5, en;q=0.7", "en"},          // by quality, not position
        {"nl;q=0.5, fr;q=0.5", "nl"},                  // ties keep the header's order
        {"nl;q=0, fr;q=0.1", "fr"},                    // q=0 means not acceptable
        {"de, *;q=0.5", ""},                           // * accepts the default
        {"*", ""},
        {"", ""},
        {"en-US;q=abc, fr", "fr"},                     // a malformed quality drops its item
        {"en;q=1.5, nl", "nl"},                        // so does one out of range
        {";;,,, fr-ca ;Q=0.4", "fr-CA"},               // stray separators, spaces, case
        {"x-klingon, nl-NL", "nl"},                    // a private-use tag names no language
        {"\xc3\xa9n, fr", "fr"},
    };
    locale_matcher matcher(offered);
    for (const auto& c : cases) EXPECT_EQ(matcher.match_accept_language(c.header).value_or(""), c.expected) << c.header;
}

TEST(locale_matcher, accept_language_ranges_are_bounded) {
    std::string header;
    for (int i = 0; i < 1000; ++i) header += "en-US;q=0.5,";
    EXPECT_EQ(accept_language_ranges(header).size(), 32u);
}

TEST(locale_matcher, choose_locale_prefers_an_explicit_choice_then_the_contact_then_the_browser) {
    const std::vector<std::string> offered{"en", "fr", "nl"};
    EXPECT_EQ(choose_locale(offered, "en", {"nl", "fr"}, "fr"), "nl");
    EXPECT_EQ(choose_locale(offered, "en", {"", "fr-BE"}, "nl"), "fr");
    EXPECT_EQ(choose_locale(offered, "en", {"de", "es"}, "nl-BE"), "nl");
    EXPECT_EQ(choose_locale(offered, "en", {"de"}, "de"), "en");
    EXPECT_EQ(choose_locale(offered, "nl", {}, ""), "nl");
    EXPECT_EQ(touchpoint::surveys::negotiate_locale("nl-NL,en;q=0.2", offered), "nl");
}

} // namespace

TEST(locale_matcher, an_offered_tag_icu_cannot_parse_is_still_matched_exactly) {
    // Found by tests/fuzz locale: "nl-N9l" passes the survey's locale check but
    // is no BCP 47 region or variant, so ICU drops it; asked for as is, it must win.
    const locale_matcher matcher({"nl-N9l", "n"});
    EXPECT_EQ(matcher.match("nl-N9l"), "nl-N9l");
    EXPECT_EQ(matcher.match("NL-n9L"), "nl-N9l") << "case-insensitive";
    EXPECT_EQ(matcher.match_accept_language("nl-N9l"), "nl-N9l");
    EXPECT_FALSE(matcher.match("nl")) << "never matched as a variant";
    EXPECT_EQ(touchpoint::surveys::negotiate_locale("nl-N99", {"en\x01l", "nl-N99", "l"}), "nl-N99");
}
