#include "surveys/definition_parser.hpp"

#include "surveys/score_band.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

namespace touchpoint::surveys {
namespace json = boost::json;
namespace {

bool is_valid_id(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    if (!std::islower(static_cast<unsigned char>(id.front()))) return false;
    return std::ranges::all_of(id, [](unsigned char c) { return std::islower(c) || std::isdigit(c) || c == '_' || c == '-'; });
}

// Collects errors while walking one definition.
class parser {
public:
    explicit parser(field_errors& errors) : errors_(errors) {}

    void fail(std::string field, std::string message) { errors_.push_back({std::move(field), std::move(message)}); }

    std::optional<std::string> string_field(const json::object& obj, std::string_view key, const std::string& path,
                                            bool required, std::size_t max_length = 10'000) {
        const auto* value = obj.if_contains(key);
        if (!value || value->is_null()) {
            if (required) fail(path, "is required");
            return std::nullopt;
        }
        if (!value->is_string()) {
            fail(path, "must be a string");
            return std::nullopt;
        }
        std::string text(value->get_string());
        if (required && text.empty()) {
            fail(path, "must not be empty");
            return std::nullopt;
        }
        if (text.size() > max_length) {
            fail(path, "must be at most " + std::to_string(max_length) + " bytes");
            return std::nullopt;
        }
        return text;
    }

    localized_text text_field(const json::value* value, const std::string& path, const survey_definition& survey,
                              bool required) {
        localized_text out;
        if (!value || value->is_null()) {
            if (required) fail(path, "is required");
            return out;
        }
        if (value->is_string()) { // shorthand: one text in the default locale
            // Empty is refused as in the object form, which is how the text is stored.
            if (value->get_string().empty()) {
                fail(path, "must be a non-empty string");
                return out;
            }
            out[survey.default_locale] = std::string(value->get_string());
        } else if (value->is_object()) {
            for (const auto& [key, text] : value->get_object()) {
                const std::string locale(key);
                if (!is_valid_locale(locale)) {
                    fail(path + "." + locale, "is not a locale code such as \"en\" or \"pt-BR\"");
                    continue;
                }
                if (!text.is_string() || text.get_string().empty()) {
                    fail(path + "." + locale, "must be a non-empty string");
                    continue;
                }
                out[locale] = std::string(text.get_string());
            }
        } else {
            fail(path, "must be an object of locale to text");
            return out;
        }
        if (required && !out.contains(survey.default_locale) && !out.empty())
            fail(path + "." + survey.default_locale, "is required: the default locale must have a text");
        if (required && out.empty() && value->is_object()) fail(path, "must have a text");
        return out;
    }

    std::optional<int> int_field(const json::object& obj, std::string_view key, const std::string& path) {
        const auto* value = obj.if_contains(key);
        if (!value || value->is_null()) return std::nullopt;
        if (value->is_int64() && value->get_int64() >= -1000 && value->get_int64() <= 1000)
            return static_cast<int>(value->get_int64());
        if (value->is_uint64() && value->get_uint64() <= 1000) return static_cast<int>(value->get_uint64());
        fail(path, "must be an integer");
        return std::nullopt;
    }

    void parse_scale(const json::object& obj, question& q, const std::string& path, const survey_definition& survey) {
        const auto scale = default_scale(q.type);
        const auto min = int_field(obj, "min", path + ".min");
        const auto max = int_field(obj, "max", path + ".max");
        q.min = min.value_or(scale.min);
        q.max = max.value_or(scale.max);
        if (q.type != question_type::rating) {
            if (q.min != scale.min) fail(path + ".min", "must be " + std::to_string(scale.min) + " for " + std::string(to_string(q.type)));
            if (q.max != scale.max) fail(path + ".max", "must be " + std::to_string(scale.max) + " for " + std::string(to_string(q.type)));
        } else {
            if (q.min < 0 || q.min > 1) fail(path + ".min", "must be 0 or 1");
            if (q.max < 2 || q.max > 10) fail(path + ".max", "must be from 2 to 10");
        }
        if (const auto* labels = obj.if_contains("labels"); labels && !labels->is_null()) {
            if (!labels->is_object()) {
                fail(path + ".labels", "must be an object with \"min\" and \"max\" texts");
                return;
            }
            q.min_label = text_field(labels->get_object().if_contains("min"), path + ".labels.min", survey, false);
            q.max_label = text_field(labels->get_object().if_contains("max"), path + ".labels.max", survey, false);
        }
    }

    void parse_options(const json::object& obj, question& q, const std::string& path, const survey_definition& survey) {
        const auto* value = obj.if_contains("options");
        if (!has_options(q.type)) {
            if (value && !value->is_null()) fail(path + ".options", "is only allowed on single_choice and multi_choice questions");
            return;
        }
        if (!value || !value->is_array()) {
            fail(path + ".options", "is required: an array of at least two options");
            return;
        }
        const auto& options = value->get_array();
        if (options.size() < 2 || options.size() > max_options) {
            fail(path + ".options", "must have from 2 to " + std::to_string(max_options) + " options");
            return;
        }
        std::set<std::string> seen;
        for (std::size_t i = 0; i < options.size(); ++i) {
            const auto option_path = path + ".options[" + std::to_string(i) + "]";
            if (!options[i].is_object()) {
                fail(option_path, "must be an object with \"id\" and \"text\"");
                continue;
            }
            const auto& option_obj = options[i].get_object();
            choice_option option;
            if (auto id = string_field(option_obj, "id", option_path + ".id", true, 64)) {
                if (!is_valid_id(*id))
                    fail(option_path + ".id", "must start with a lower-case letter and hold only a-z, 0-9, _ and -");
                else if (!seen.insert(*id).second)
                    fail(option_path + ".id", "duplicates another option id");
                option.id = *id;
            }
            option.text = text_field(option_obj.if_contains("text"), option_path + ".text", survey, true);
            q.options.push_back(std::move(option));
        }
    }

    // band_of / text_by_band and show_if may only refer to earlier questions.
    void parse_band_texts(const json::object& obj, question& q, const std::string& path, const survey_definition& survey) {
        const auto* by_band = obj.if_contains("text_by_band");
        const auto band_of = string_field(obj, "band_of", path + ".band_of", false, 64);
        if ((!by_band || by_band->is_null()) && !band_of) return;
        if (!band_of) {
            fail(path + ".band_of", "is required with text_by_band: the id of the scored question whose band picks the text");
            return;
        }
        const auto* source = survey.find_question(*band_of);
        if (!source) {
            fail(path + ".band_of", "must name an earlier question");
            return;
        }
        const auto bands = band_names(source->type);
        if (bands.empty()) {
            fail(path + ".band_of", "must name an nps, csat or ces question");
            return;
        }
        q.band_of = *band_of;
        if (!by_band || !by_band->is_object()) {
            fail(path + ".text_by_band", "must be an object of band to localized text");
            return;
        }
        for (const auto& [band, text] : by_band->get_object()) {
            const std::string name(band);
            if (std::ranges::find(bands, std::string_view(name)) == bands.end()) {
                fail(path + ".text_by_band." + name, "is not a band of " + std::string(to_string(source->type)) + " questions");
                continue;
            }
            q.text_by_band[name] = text_field(&text, path + ".text_by_band." + name, survey, true);
        }
    }

    void parse_condition(const json::object& obj, question& q, const std::string& path, const survey_definition& survey) {
        const auto* value = obj.if_contains("show_if");
        if (!value || value->is_null()) return;
        const auto cond_path = path + ".show_if";
        if (!value->is_object()) {
            fail(cond_path, "must be an object such as {\"question\":\"q_score\",\"band\":[\"detractor\"]}");
            return;
        }
        const auto& cond = value->get_object();
        display_condition condition;
        auto source_id = string_field(cond, "question", cond_path + ".question", true, 64);
        if (!source_id) return;
        const auto* source = survey.find_question(*source_id);
        if (!source) {
            fail(cond_path + ".question", "must name an earlier question");
            return;
        }
        condition.question_id = *source_id;
        if (const auto* bands = cond.if_contains("band")) {
            if (!bands->is_array()) fail(cond_path + ".band", "must be an array of band names");
            else for (const auto& band : bands->get_array()) {
                const auto known = band_names(source->type);
                if (!band.is_string() || std::ranges::find(known, std::string_view(band.get_string())) == known.end()) {
                    fail(cond_path + ".band", "holds a value that is not a band of " + std::string(to_string(source->type)) + " questions");
                    break;
                }
                condition.bands.emplace_back(band.get_string());
            }
        }
        if (const auto* values = cond.if_contains("in")) {
            if (!values->is_array()) fail(cond_path + ".in", "must be an array of answer values");
            else for (const auto& item : values->get_array()) {
                if (item.is_string()) condition.values.emplace_back(item.get_string());
                else if (item.is_int64()) condition.values.push_back(std::to_string(item.get_int64()));
                else if (item.is_bool()) condition.values.emplace_back(item.get_bool() ? "true" : "false");
                else { fail(cond_path + ".in", "must hold strings, integers or booleans"); break; }
            }
        }
        if (condition.bands.empty() && condition.values.empty())
            fail(cond_path, "needs a non-empty \"band\" or \"in\"");
        q.show_if = std::move(condition);
    }

    void parse_question(const json::value& value, std::size_t index, survey_definition& survey, std::set<std::string>& ids) {
        const auto path = "questions[" + std::to_string(index) + "]";
        if (!value.is_object()) {
            fail(path, "must be an object");
            return;
        }
        const auto& obj = value.get_object();
        question q;
        if (auto id = string_field(obj, "id", path + ".id", true, 64)) {
            if (!is_valid_id(*id)) fail(path + ".id", "must start with a lower-case letter and hold only a-z, 0-9, _ and -");
            else if (!ids.insert(*id).second) fail(path + ".id", "duplicates another question id");
            q.id = *id;
        }
        auto type_name = string_field(obj, "type", path + ".type", true, 32);
        if (!type_name) return;
        auto type = parse_question_type(*type_name);
        if (!type) {
            fail(path + ".type", "must be one of nps, csat, ces, rating, single_choice, multi_choice, text, yes_no");
            return;
        }
        q.type = *type;
        if (const auto* required = obj.if_contains("required"); required && !required->is_null()) {
            if (!required->is_bool()) fail(path + ".required", "must be true or false");
            else q.required = required->get_bool();
        }
        q.text = text_field(obj.if_contains("text"), path + ".text", survey, true);
        if (is_scored(q.type)) parse_scale(obj, q, path, survey);
        parse_options(obj, q, path, survey);
        parse_band_texts(obj, q, path, survey);
        parse_condition(obj, q, path, survey);
        survey.questions.push_back(std::move(q));
    }

private:
    field_errors& errors_;
};

} // namespace

definition_parse_result parse_definition(const json::value& input) {
    definition_parse_result result;
    parser p(result.errors);
    auto& survey = result.definition;
    if (!input.is_object()) {
        p.fail("", "the survey definition must be a JSON object");
        return result;
    }
    const auto& obj = input.get_object();
    if (auto name = p.string_field(obj, "name", "name", true, max_name_length)) survey.name = *name;
    if (auto kind = p.string_field(obj, "kind", "kind", false, 32)) {
        if (auto parsed = parse_survey_kind(*kind)) survey.kind = *parsed;
        else p.fail("kind", "must be one of nps, csat, ces, onboarding, custom");
    }
    if (auto locale = p.string_field(obj, "default_locale", "default_locale", false, 16)) {
        if (is_valid_locale(*locale)) survey.default_locale = *locale;
        else p.fail("default_locale", "is not a locale code such as \"en\" or \"pt-BR\"");
    }
    if (const auto* locales = obj.if_contains("locales"); locales && !locales->is_null()) {
        if (!locales->is_array()) {
            p.fail("locales", "must be an array of locale codes");
        } else {
            for (std::size_t i = 0; i < locales->get_array().size(); ++i) {
                const auto& item = locales->get_array()[i];
                if (!item.is_string() || !is_valid_locale(item.get_string())) {
                    p.fail("locales[" + std::to_string(i) + "]", "is not a locale code such as \"en\" or \"pt-BR\"");
                    continue;
                }
                std::string code(item.get_string());
                if (!survey.offers_locale(code)) survey.locales.push_back(std::move(code));
            }
        }
    }
    if (!survey.offers_locale(survey.default_locale)) survey.locales.insert(survey.locales.begin(), survey.default_locale);

    const auto* questions = obj.if_contains("questions");
    if (!questions || !questions->is_array() || questions->get_array().empty()) {
        p.fail("questions", "is required: an array of at least one question");
        return result;
    }
    if (questions->get_array().size() > max_questions) {
        p.fail("questions", "must have at most " + std::to_string(max_questions) + " questions");
        return result;
    }
    std::set<std::string> ids;
    for (std::size_t i = 0; i < questions->get_array().size(); ++i)
        p.parse_question(questions->get_array()[i], i, survey, ids);
    return result;
}

} // namespace touchpoint::surveys
