#include "reports/text/tokenizer.hpp"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>

namespace touchpoint::reports::text {
namespace {

// Breaking iterators are costly to create and not thread-safe: one per thread.
icu::BreakIterator& word_breaks() {
    thread_local std::unique_ptr<icu::BreakIterator> iterator = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> made(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
        if (U_FAILURE(status)) throw std::runtime_error("ICU word break iterator unavailable");
        return made;
    }();
    return *iterator;
}

std::string without_marks(const icu::UnicodeString& folded) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
    icu::UnicodeString decomposed = U_SUCCESS(status) ? nfd->normalize(folded, status) : folded;
    icu::UnicodeString kept;
    for (int32_t i = 0; i < decomposed.length();) {
        const UChar32 c = decomposed.char32At(i);
        if (u_charType(c) != U_NON_SPACING_MARK) kept.append(c);
        i += U16_LENGTH(c);
    }
    std::string out;
    kept.toUTF8String(out);
    return out;
}

bool is_ascii(const icu::UnicodeString& text) {
    for (int32_t i = 0; i < text.length(); ++i)
        if (text.charAt(i) > 0x7f) return false;
    return true;
}

void add_word(std::vector<token>& out, icu::UnicodeString word) {
    word.foldCase();
    token t;
    word.toUTF8String(t.text);
    t.plain = is_ascii(word) ? t.text : without_marks(word);
    out.push_back(std::move(t));
}

} // namespace

std::string fold_plain(std::string_view utf8) {
    auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    text.foldCase();
    return without_marks(text);
}

std::vector<token> tokenize(std::string_view utf8, std::string_view language) {
    std::vector<token> out;
    auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    text.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x2019)), icu::UnicodeString(static_cast<UChar>('\'')));
    auto& breaks = word_breaks();
    breaks.setText(text);
    const bool french = language == "fr";
    for (int32_t start = breaks.first(), end = breaks.next(); end != icu::BreakIterator::DONE; start = end, end = breaks.next()) {
        if (breaks.getRuleStatus() == UBRK_WORD_NONE) {
            // Spaces and punctuation: keep only what ends a clause or a sentence.
            token::kind kind = token::kind::word;
            for (int32_t i = start; i < end; ++i) {
                const UChar c = text.charAt(i);
                if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n') kind = token::kind::sentence_break;
                else if ((c == ',' || c == ':' || c == '(' || c == ')') && kind == token::kind::word) kind = token::kind::clause_break;
            }
            if (kind != token::kind::word && (out.empty() || out.back().type == token::kind::word)) out.push_back({kind, {}, {}});
            continue;
        }
        icu::UnicodeString word = text.tempSubStringBetween(start, end);
        if (french) {
            const int32_t apostrophe = word.indexOf(static_cast<UChar>('\''));
            if (apostrophe > 0 && apostrophe <= 3 && apostrophe + 1 < word.length()) {
                add_word(out, word.tempSubString(0, apostrophe + 1));
                add_word(out, word.tempSubString(apostrophe + 1));
                continue;
            }
        }
        add_word(out, word);
    }
    return out;
}

} // namespace touchpoint::reports::text
