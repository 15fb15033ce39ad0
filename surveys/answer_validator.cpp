#include "surveys/answer_validator.hpp"

#include "surveys/score_band.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>

namespace touchpoint::surveys {
namespace json = boost::json;
namespace {

std::optional<std::int64_t> as_integer(const json::value& value) {
    if (value.is_int64()) return value.get_int64();
    if (value.is_uint64() && value.get_uint64() <= 1'000'000) return static_cast<std::int64_t>(value.get_uint64());
    if (value.is_double()) {
        const double d = value.get_double();
        // The range first: converting a double outside int64 (1e19, inf) is undefined.
        if (d > -1e6 && d < 1e6 && d == static_cast<double>(static_cast<std::int64_t>(d))) return static_cast<std::int64_t>(d);
        return std::nullopt;
    }
    if (value.is_string()) {
        const auto text = value.get_string();
        std::int64_t out = 0;
        auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
        if (ec == std::errc{} && ptr == text.data() + text.size() && !text.empty()) return out;
    }
    return std::nullopt;
}

std::optional<bool> as_bool(const json::value& value) {
    if (value.is_bool()) return value.get_bool();
    if (value.is_string()) {
        const auto text = value.get_string();
        if (text == "yes" || text == "true") return true;
        if (text == "no" || text == "false") return false;
    }
    return std::nullopt;
}

// The answer as the strings a show_if "in" list is written in.
std::vector<std::string> canonical_values(const answer_value& value) {
    return std::visit([](const auto& v) -> std::vector<std::string> {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::int64_t>) return {std::to_string(v)};
        else if constexpr (std::is_same_v<T, bool>) return {v ? "true" : "false"};
        else if constexpr (std::is_same_v<T, std::string>) return {v};
        else return v;
    }, value);
}

std::optional<std::string_view> band_of_answer(const survey_definition& survey, std::string_view question_id,
                                               const answer_map& answers) {
    const auto* source = survey.find_question(question_id);
    auto it = answers.find(question_id);
    if (!source || it == answers.end()) return std::nullopt;
    const auto* score = std::get_if<std::int64_t>(&it->second);
    if (!score) return std::nullopt;
    return score_band(source->type, *score);
}

// Converts one JSON value for `q`; returns nullopt for "not answered".
std::optional<answer_value> convert(const question& q, const json::value& value, const std::string& field,
                                    field_errors& errors) {
    if (value.is_null()) return std::nullopt;
    switch (q.type) {
    case question_type::nps:
    case question_type::csat:
    case question_type::ces:
    case question_type::rating: {
        if (value.is_string() && value.get_string().empty()) return std::nullopt;
        auto score = as_integer(value);
        if (!score || *score < q.min || *score > q.max) {
            errors.push_back({field, "must be an integer from " + std::to_string(q.min) + " to " + std::to_string(q.max)});
            return std::nullopt;
        }
        return *score;
    }
    case question_type::yes_no: {
        if (value.is_string() && value.get_string().empty()) return std::nullopt;
        auto answer = as_bool(value);
        if (!answer) {
            errors.push_back({field, "must be true or false"});
            return std::nullopt;
        }
        return *answer;
    }
    case question_type::text: {
        if (!value.is_string()) {
            errors.push_back({field, "must be a string"});
            return std::nullopt;
        }
        std::string text(value.get_string());
        if (text.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
        if (text.size() > max_text_answer_length) {
            errors.push_back({field, "must be at most " + std::to_string(max_text_answer_length) + " bytes"});
            return std::nullopt;
        }
        return text;
    }
    case question_type::single_choice: {
        if (!value.is_string()) {
            errors.push_back({field, "must be the id of one option"});
            return std::nullopt;
        }
        if (value.get_string().empty()) return std::nullopt;
        if (!q.find_option(value.get_string())) {
            errors.push_back({field, "is not an option of this question"});
            return std::nullopt;
        }
        return std::string(value.get_string());
    }
    case question_type::multi_choice: {
        std::vector<std::string> chosen;
        auto add = [&](const json::value& item) {
            if (!item.is_string() || !q.find_option(item.get_string())) {
                errors.push_back({field, "holds a value that is not an option of this question"});
                return false;
            }
            std::string id(item.get_string());
            if (std::ranges::find(chosen, id) == chosen.end()) chosen.push_back(std::move(id));
            return true;
        };
        if (value.is_string()) {
            if (!add(value)) return std::nullopt;
        } else if (value.is_array()) {
            for (const auto& item : value.get_array())
                if (!add(item)) return std::nullopt;
        } else {
            errors.push_back({field, "must be an array of option ids"});
            return std::nullopt;
        }
        if (chosen.empty()) return std::nullopt;
        return chosen;
    }
    }
    return std::nullopt;
}

} // namespace

bool is_shown(const survey_definition& survey, const question& q, const answer_map& answers) {
    if (!q.show_if) return true;
    const auto& condition = *q.show_if;
    if (!condition.bands.empty()) {
        if (auto band = band_of_answer(survey, condition.question_id, answers))
            if (std::ranges::find(condition.bands, *band) != condition.bands.end()) return true;
    }
    if (!condition.values.empty()) {
        if (auto it = answers.find(condition.question_id); it != answers.end())
            for (const auto& value : canonical_values(it->second))
                if (std::ranges::find(condition.values, value) != condition.values.end()) return true;
    }
    return false;
}

const std::string& question_text(const survey_definition& survey, const question& q, const answer_map& answers,
                                 std::string_view locale) {
    if (!q.band_of.empty())
        if (auto band = band_of_answer(survey, q.band_of, answers))
            if (auto it = q.text_by_band.find(*band); it != q.text_by_band.end())
                return pick_text(it->second, locale, survey.default_locale);
    return pick_text(q.text, locale, survey.default_locale);
}

answers_result validate_answers(const survey_definition& survey, const json::value& input, bool complete) {
    answers_result result;
    if (!input.is_object()) {
        result.errors.push_back({"answers", "must be an object of question id to answer"});
        return result;
    }
    for (const auto& [key, value] : input.get_object()) {
        const std::string field = "answers." + std::string(key);
        const auto* q = survey.find_question(key);
        if (!q) {
            result.errors.push_back({field, "is not a question of this survey"});
            continue;
        }
        if (auto answer = convert(*q, value, field, result.errors)) result.answers.emplace(std::string(key), std::move(*answer));
    }
    if (!result.ok()) return result;

    // Answers to questions their conditions hide are dropped rather than kept as noise.
    for (const auto& q : survey.questions)
        if (!is_shown(survey, q, result.answers)) result.answers.erase(q.id);
    if (complete)
        for (const auto& q : survey.questions)
            if (q.required && is_shown(survey, q, result.answers) && !result.answers.contains(q.id))
                result.errors.push_back({"answers." + q.id, "is required"});
    return result;
}

} // namespace touchpoint::surveys
