#include "surveys/definition_json.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <utility>

namespace touchpoint::surveys {
namespace json = boost::json;
namespace {

constexpr std::array<std::pair<survey_kind, std::string_view>, 5> kind_names{{
    {survey_kind::nps, "nps"},
    {survey_kind::csat, "csat"},
    {survey_kind::ces, "ces"},
    {survey_kind::onboarding, "onboarding"},
    {survey_kind::custom, "custom"},
}};

json::object to_json(const localized_text& text) {
    json::object out;
    for (const auto& [locale, value] : text) out[locale] = value;
    return out;
}

} // namespace

std::string_view to_string(survey_kind kind) {
    for (const auto& [value, name] : kind_names)
        if (value == kind) return name;
    return "custom";
}

std::optional<survey_kind> parse_survey_kind(std::string_view name) {
    for (const auto& [value, text] : kind_names)
        if (text == name) return value;
    return std::nullopt;
}

const choice_option* question::find_option(std::string_view option_id) const {
    auto it = std::ranges::find(options, option_id, &choice_option::id);
    return it == options.end() ? nullptr : &*it;
}

const question* survey_definition::find_question(std::string_view question_id) const {
    auto it = std::ranges::find(questions, question_id, &question::id);
    return it == questions.end() ? nullptr : &*it;
}

bool survey_definition::offers_locale(std::string_view locale) const {
    return std::ranges::find(locales, locale) != locales.end();
}

json::object to_json(const question& q) {
    json::object out;
    out["id"] = q.id;
    out["type"] = to_string(q.type);
    out["required"] = q.required;
    out["text"] = to_json(q.text);
    if (!q.band_of.empty()) {
        out["band_of"] = q.band_of;
        json::object by_band;
        for (const auto& [band, text] : q.text_by_band) by_band[band] = to_json(text);
        out["text_by_band"] = std::move(by_band);
    }
    if (has_options(q.type)) {
        json::array options;
        for (const auto& option : q.options) options.push_back(json::object{{"id", option.id}, {"text", to_json(option.text)}});
        out["options"] = std::move(options);
    }
    if (is_scored(q.type)) {
        out["min"] = q.min;
        out["max"] = q.max;
        if (!q.min_label.empty() || !q.max_label.empty())
            out["labels"] = json::object{{"min", to_json(q.min_label)}, {"max", to_json(q.max_label)}};
    }
    if (q.show_if) {
        json::object condition{{"question", q.show_if->question_id}};
        if (!q.show_if->bands.empty()) condition["band"] = json::value_from(q.show_if->bands);
        if (!q.show_if->values.empty()) condition["in"] = json::value_from(q.show_if->values);
        out["show_if"] = std::move(condition);
    }
    return out;
}

json::object to_json(const survey_definition& definition) {
    json::object out;
    out["name"] = definition.name;
    out["kind"] = to_string(definition.kind);
    out["default_locale"] = definition.default_locale;
    out["locales"] = json::value_from(definition.locales);
    json::array questions;
    for (const auto& q : definition.questions) questions.push_back(to_json(q));
    out["questions"] = std::move(questions);
    return out;
}

json::object to_localized_json(const survey_definition& definition, std::string_view locale) {
    const auto text = [&](const localized_text& value) { return json::string(pick_text(value, locale, definition.default_locale)); };
    json::array questions;
    for (const auto& q : definition.questions) {
        json::object out;
        out["id"] = q.id;
        out["type"] = to_string(q.type);
        out["required"] = q.required;
        out["text"] = text(q.text);
        if (!q.band_of.empty()) {
            out["band_of"] = q.band_of;
            json::object by_band;
            for (const auto& [band, wording] : q.text_by_band) by_band[band] = text(wording);
            out["text_by_band"] = std::move(by_band);
        }
        if (has_options(q.type)) {
            json::array options;
            for (const auto& option : q.options) options.push_back(json::object{{"id", option.id}, {"text", text(option.text)}});
            out["options"] = std::move(options);
        }
        if (is_scored(q.type)) {
            out["min"] = q.min;
            out["max"] = q.max;
            if (!q.min_label.empty() || !q.max_label.empty())
                out["labels"] = json::object{{"min", text(q.min_label)}, {"max", text(q.max_label)}};
        }
        if (q.show_if) {
            json::object condition{{"question", q.show_if->question_id}};
            if (!q.show_if->bands.empty()) condition["band"] = json::value_from(q.show_if->bands);
            if (!q.show_if->values.empty()) condition["in"] = json::value_from(q.show_if->values);
            out["show_if"] = std::move(condition);
        }
        questions.push_back(std::move(out));
    }
    return {{"name", definition.name}, {"kind", to_string(definition.kind)}, {"locale", std::string(locale)},
            {"questions", std::move(questions)}};
}

} // namespace touchpoint::surveys
