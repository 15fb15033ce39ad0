#include "reports/text/key_phrases.hpp"

#include "reports/text/lexicons.hpp"

#include <algorithm>

namespace touchpoint::reports::text {
namespace {

constexpr std::size_t longest_phrase = 3;
constexpr std::size_t shortest_word = 2; // single letters and elided articles ("l'") are no content

bool is_content(const analysed_word& word, const language_tables* tables) {
    if (word.contrast || word.stem.empty() || word.plain.size() < shortest_word) return false;
    if (std::all_of(word.plain.begin(), word.plain.end(), [](unsigned char c) { return c >= '0' && c <= '9'; }))
        return false;
    if (word.plain.back() == '\'') return false;
    if (!tables) return true;
    return !tables->stopwords.count(word.plain) && !tables->stopwords.count(word.text) &&
           !tables->negators.count(word.plain) && !tables->intensifiers.count(word.plain);
}

key_phrase join(const std::vector<const analysed_word*>& run, std::size_t from, std::size_t count) {
    key_phrase out;
    for (std::size_t i = from; i < from + count; ++i) {
        if (i > from) {
            out.stems += ' ';
            out.words += ' ';
        }
        out.stems += run[i]->stem;
        out.words += run[i]->text;
    }
    return out;
}

} // namespace

std::vector<key_phrase> key_phrases(const std::vector<analysed_word>& words, std::string_view language) {
    const auto* tables = tables_for(language);
    std::vector<key_phrase> out;
    auto add = [&](key_phrase phrase) {
        const bool seen = std::any_of(out.begin(), out.end(), [&](const key_phrase& p) { return p.stems == phrase.stems; });
        if (!seen) out.push_back(std::move(phrase));
    };
    std::vector<const analysed_word*> run;
    auto close_run = [&] {
        if (run.empty()) return;
        if (run.size() <= longest_phrase) add(join(run, 0, run.size()));
        else
            for (std::size_t i = 0; i + 1 < run.size(); ++i) add(join(run, i, 2));
        run.clear();
    };
    for (const auto& word : words) {
        if (word.after_break || !is_content(word, tables)) close_run();
        if (is_content(word, tables)) run.push_back(&word);
    }
    close_run();
    return out;
}

} // namespace touchpoint::reports::text
