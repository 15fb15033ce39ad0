#include "reports/text/themes.hpp"

#include "reports/text/language.hpp"
#include "reports/text/stemmer.hpp"
#include "reports/text/tokenizer.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace touchpoint::reports::text {
namespace json = boost::json;

extern const char* const default_themes_json; // generated from default_themes.json

namespace {

constexpr std::size_t max_themes = 100, max_keywords = 200;

bool is_theme_id(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

} // namespace

theme_taxonomy theme_taxonomy::parse(const json::value& document, std::vector<std::string>* errors) {
    theme_taxonomy out;
    auto fail = [&](std::string message) {
        if (errors) errors->push_back(std::move(message));
    };
    const auto* themes = document.is_object() ? document.as_object().if_contains("themes") : nullptr;
    if (!themes || !themes->is_array()) {
        fail("themes: must be an array of {id, name, keywords}");
        return out;
    }
    if (themes->as_array().size() > max_themes) {
        fail("themes: at most " + std::to_string(max_themes) + " themes");
        return out;
    }
    for (std::size_t i = 0; i < themes->as_array().size(); ++i) {
        const auto& item = themes->as_array()[i];
        const std::string where = "themes[" + std::to_string(i) + "]";
        const auto* object = item.if_object();
        const auto* id = object ? object->if_contains("id") : nullptr;
        const auto* keywords = object ? object->if_contains("keywords") : nullptr;
        if (!id || !id->is_string() || id->as_string().empty()) {
            fail(where + ".id: must be a non-empty text");
            continue;
        }
        if (!is_theme_id(id->as_string())) {
            fail(where + ".id: must be 1 to 64 lower-case letters, digits, '_' or '-'");
            continue;
        }
        if (out.index_of(id->as_string())) {
            fail(where + ".id: \"" + std::string(id->as_string()) + "\" is used by an earlier theme");
            continue;
        }
        if (!keywords || !keywords->is_object()) {
            fail(where + ".keywords: must map languages to lists of keywords");
            continue;
        }
        theme t;
        t.id = std::string(id->as_string());
        const auto* name = object->if_contains("name");
        t.name = name && name->is_string() ? std::string(name->as_string()) : t.id;
        for (const auto& [language, list] : keywords->as_object()) {
            if (!is_analysed_language(language)) {
                fail(where + ".keywords." + std::string(language) + ": the analysed languages are en, fr and nl");
                continue;
            }
            if (!list.is_array()) {
                fail(where + ".keywords." + std::string(language) + ": must be a list of texts");
                continue;
            }
            if (list.as_array().size() > max_keywords) {
                fail(where + ".keywords." + std::string(language) + ": at most " + std::to_string(max_keywords) +
                     " keywords per language");
                continue;
            }
            for (const auto& keyword : list.as_array()) {
                if (!keyword.is_string() || keyword.as_string().empty() || keyword.as_string().size() > 100) {
                    fail(where + ".keywords." + std::string(language) + ": must hold texts of 1 to 100 characters");
                    continue;
                }
                t.keywords[std::string(language)].emplace_back(keyword.as_string());
            }
        }
        const std::size_t index = out.themes_.size();
        for (const auto& [language, words] : t.keywords)
            for (const auto& keyword : words) {
                stemmed_keyword stemmed{index, {}};
                for (const auto& word : analyse_words(tokenize(keyword, language), language))
                    if (!word.contrast) stemmed.stems.push_back(word.stem);
                if (!stemmed.stems.empty()) {
                    auto& bucket = out.by_language_[language][stemmed.stems.front()];
                    bucket.push_back(std::move(stemmed));
                }
            }
        out.index_.emplace(t.id, index);
        out.themes_.push_back(std::move(t));
    }
    return out;
}

const theme_taxonomy& theme_taxonomy::default_taxonomy() {
    static const theme_taxonomy taxonomy = parse(json::parse(default_themes_json), nullptr);
    return taxonomy;
}

json::value theme_taxonomy::to_json() const {
    json::array themes;
    for (const auto& t : themes_) {
        json::object keywords;
        for (const auto& [language, words] : t.keywords) {
            json::array list;
            for (const auto& word : words) list.emplace_back(word);
            keywords[language] = std::move(list);
        }
        themes.push_back(json::object{{"id", t.id}, {"name", t.name}, {"keywords", std::move(keywords)}});
    }
    return json::object{{"themes", std::move(themes)}};
}

std::optional<std::size_t> theme_taxonomy::index_of(std::string_view id) const {
    const auto found = index_.find(id);
    if (found == index_.end()) return std::nullopt;
    return found->second;
}

std::vector<std::string> theme_taxonomy::match(const std::vector<analysed_word>& words, std::string_view language) const {
    std::vector<bool> found(themes_.size(), false);
    auto keywords = by_language_.find(language);
    if (keywords == by_language_.end()) return {};
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (words[i].stem.empty()) continue;
        auto starting = keywords->second.find(words[i].stem);
        if (starting == keywords->second.end()) continue;
        for (const auto& keyword : starting->second) {
            if (found[keyword.theme] || i + keyword.stems.size() > words.size()) continue;
            bool all = true;
            for (std::size_t k = 1; k < keyword.stems.size() && all; ++k) all = words[i + k].stem == keyword.stems[k];
            if (all) found[keyword.theme] = true;
        }
    }
    std::vector<std::string> out;
    for (std::size_t i = 0; i < themes_.size(); ++i)
        if (found[i]) out.push_back(themes_[i].id);
    return out;
}

} // namespace touchpoint::reports::text
