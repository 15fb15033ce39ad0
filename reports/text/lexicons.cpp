#include "reports/text/lexicons.hpp"

#include "reports/text/lexicon_data.hpp"
#include "reports/text/tokenizer.hpp"

#include <array>
#include <charconv>
#include <cstdlib>

namespace touchpoint::reports::text {
namespace {

void read_valences(std::string_view lines, std::unordered_map<std::string, float>& into) {
    while (!lines.empty()) {
        const auto end = lines.find('\n');
        const auto line = lines.substr(0, end);
        lines.remove_prefix(end == std::string_view::npos ? lines.size() : end + 1);
        const auto tab = line.find('\t');
        if (tab == std::string_view::npos) continue;
        into[std::string(line.substr(0, tab))] = std::strtof(std::string(line.substr(tab + 1)).c_str(), nullptr);
    }
}

void read_words(std::string_view lines, std::unordered_set<std::string>& into) {
    while (!lines.empty()) {
        const auto end = lines.find('\n');
        if (end > 0) into.emplace(lines.substr(0, end));
        lines.remove_prefix(end == std::string_view::npos ? lines.size() : end + 1);
    }
}

// Grammar words, not opinions: which words negate, strengthen or turn a clause.
// Written folded and without diacritics, as tokens are compared.
struct grammar {
    const char* language;
    std::initializer_list<const char*> negators, intensifiers, contrasts, excess, quantities;
};
const grammar grammars[] = {
    {"en",
     {"not", "no", "never", "none", "nothing", "nobody", "neither", "nor", "without", "hardly", "barely", "cannot",
      "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "weren't", "won't", "wouldn't", "can't", "couldn't",
      "shouldn't", "haven't", "hasn't", "hadn't", "dont", "doesnt", "didnt", "isnt", "wasnt", "cant", "wont"},
     {"very", "really", "so", "extremely", "super", "incredibly", "totally", "absolutely", "highly", "quite",
      "most", "truly", "especially"},
     {"but", "however", "although", "though", "yet", "except", "unfortunately"},
     {"too"},
     {"many", "much"}},
    {"fr",
     {"ne", "n'", "pas", "jamais", "rien", "aucun", "aucune", "sans", "ni", "plus", "personne", "guere"},
     {"tres", "vraiment", "tellement", "super", "si", "extremement", "hyper", "particulierement", "totalement",
      "absolument", "assez"},
     {"mais", "cependant", "pourtant", "toutefois", "neanmoins", "malheureusement", "sauf", "hormis"},
     {"trop"},
     {"de", "d", "d'", "du", "des"}},
    {"nl",
     {"niet", "nooit", "geen", "niets", "niks", "zonder", "nergens", "niemand", "noch", "nee"},
     {"erg", "zeer", "heel", "echt", "super", "enorm", "ontzettend", "bijzonder", "hartstikke",
      "behoorlijk", "zo"},
     {"maar", "echter", "hoewel", "alleen", "helaas", "behalve", "toch"},
     {"te"},
     {"veel"}},
};

std::array<language_tables, 3> load() {
    std::array<language_tables, 3> out;
    for (int i = 0; i < lexicon_source_count && i < 3; ++i) {
        const auto& source = lexicon_sources[i];
        auto& tables = out[static_cast<std::size_t>(i)];
        tables.language = source.language;
        read_valences(source.valences, tables.valences);
        read_words(source.stopwords, tables.stopwords);
        // The translated AFINN rates words Pattern lacks ("pénible", "traag"),
        // as written: indexing its stems too matched unrelated words and
        // measured no better (docs/text-analysis.md). It rates no stop words:
        // translation turned English opinions into function words ("like" →
        // "comme", "als"; "true" → "waar").
        std::unordered_map<std::string, float> secondary;
        read_valences(source.secondary, secondary);
        for (const auto& [word, value] : secondary) {
            const auto plain = fold_plain(word);
            if (tables.stopwords.count(word) || tables.stopwords.count(plain)) continue;
            tables.valences.try_emplace(plain, value);
        }
        for (const auto& g : grammars) {
            if (tables.language != g.language) continue;
            for (const char* word : g.negators) tables.negators.emplace(word);
            for (const char* word : g.intensifiers) tables.intensifiers.emplace(word);
            for (const char* word : g.contrasts) tables.contrasts.emplace(word);
            for (const char* word : g.excess) tables.excess.emplace(word);
            for (const char* word : g.quantities) tables.quantities.emplace(word);
        }
        // Grammar words decide the rules; their own lexicon ratings ("no" is -1
        // in AFINN) would count them twice.
        for (const auto* set : {&tables.negators, &tables.intensifiers, &tables.contrasts, &tables.excess})
            for (const auto& word : *set) tables.valences.erase(word);
    }
    return out;
}

} // namespace

const language_tables* tables_for(std::string_view language) {
    static const std::array<language_tables, 3> all = load();
    for (const auto& tables : all)
        if (tables.language == language) return &tables;
    return nullptr;
}

} // namespace touchpoint::reports::text
