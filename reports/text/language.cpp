#include "reports/text/language.hpp"

#include "reports/text/lexicons.hpp"
#include "reports/text/tokenizer.hpp"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <cld2/internal/lang_script.h> // LanguageCode, GetLanguageFromName

#include <vector>

namespace touchpoint::reports::text {

namespace {

std::string primary_language(std::string_view locale) {
    std::string out(locale.substr(0, locale.find_first_of("-_")));
    for (auto& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
}

// For a short comment CLD2 often cannot tell: count the stop words of each
// analysed language instead. The words are split once, without elision rules;
// "c'est" counts for the whole word and for its two sides.
std::string by_stopwords(std::string_view utf8, const std::string& hint) {
    std::vector<std::string> words;
    for (auto& t : tokenize(utf8, "")) {
        if (t.type != token::kind::word) continue;
        if (const auto apostrophe = t.plain.find('\''); apostrophe != std::string::npos && apostrophe > 0) {
            words.push_back(t.plain.substr(0, apostrophe + 1));
            words.push_back(t.plain.substr(apostrophe + 1));
        }
        words.push_back(std::move(t.plain));
    }
    std::string best;
    int best_count = 0;
    bool tie = false;
    for (const char* language : {"en", "fr", "nl"}) {
        const auto* tables = tables_for(language);
        int count = 0;
        for (const auto& word : words)
            if (tables->stopwords.count(word)) ++count;
        if (count > best_count || (count == best_count && count > 0 && language == hint)) {
            tie = count == best_count && language != hint;
            best = language;
            best_count = count;
        } else if (count == best_count && count > 0 && best != hint) {
            tie = true;
        }
    }
    return best_count > 0 && !tie ? best : "";
}

} // namespace

bool is_analysed_language(std::string_view code) { return code == "en" || code == "fr" || code == "nl"; }

std::string detect_language(std::string_view utf8, std::string_view locale_hint) {
    const std::string hint = primary_language(locale_hint);
    const ::CLD2::Language hint_language =
        hint.empty() ? ::CLD2::UNKNOWN_LANGUAGE : ::CLD2::GetLanguageFromName(hint.c_str());
    ::CLD2::Language top3[3];
    int percents[3], text_bytes = 0;
    bool reliable = false;
    const ::CLD2::Language found = ::CLD2::DetectLanguageSummary(
        utf8.data(), static_cast<int>(utf8.size()), true, nullptr, ::CLD2::UNKNOWN_ENCODING, hint_language, top3,
        percents, &text_bytes, &reliable);
    if (reliable && found != ::CLD2::UNKNOWN_LANGUAGE) return ::CLD2::LanguageCode(found);
    if (auto counted = by_stopwords(utf8, hint); !counted.empty()) return counted;
    if (found != ::CLD2::UNKNOWN_LANGUAGE && percents[0] >= 50) return ::CLD2::LanguageCode(found);
    if (!hint.empty() && hint.size() == 2) return hint;
    return "und";
}

} // namespace touchpoint::reports::text
