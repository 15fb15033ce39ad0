// Fuzzes the answers a respondent sends: surveys::answers_from_json (stored
// answers) and surveys::validate_answers against the built-in templates and one
// survey with every question type and show_if conditions. Checks: nothing
// throws; accepted answers fit their questions; validating what was accepted
// accepts the same again; stored answers read back as they were written.
#include "surveys/answer_validator.hpp"
#include "surveys/answers_json.hpp"
#include "surveys/definition_parser.hpp"
#include "surveys/templates.hpp"

#include "fuzz_check.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <variant>
#include <vector>

namespace json = boost::json;
namespace surveys = touchpoint::surveys;

namespace {

// Every question type, a band condition and an "in" condition on each kind of answer.
constexpr std::string_view all_types_survey = R"json({
  "name": "All question types", "kind": "custom", "default_locale": "en", "locales": ["en", "fr", "pt-BR"],
  "questions": [
    {"id": "q_nps", "type": "nps", "required": true, "text": {"en": "Recommend us?", "fr": "Nous recommander ?"}},
    {"id": "q_fix", "type": "text", "required": true, "text": "What should we fix?",
     "show_if": {"question": "q_nps", "band": ["detractor"]}},
    {"id": "q_csat", "type": "csat", "text": "Satisfied?"},
    {"id": "q_ces", "type": "ces", "text": "Easy?", "show_if": {"question": "q_csat", "in": [1, 2]}},
    {"id": "q_rating", "type": "rating", "min": 0, "max": 10, "text": "Rate the docs",
     "band_of": "q_csat", "text_by_band": {"dissatisfied": "Rate the docs anyway", "satisfied": {"en": "Rate the docs too"}}},
    {"id": "q_plan", "type": "single_choice", "required": true, "text": "Plan",
     "options": [{"id": "free", "text": "Free"}, {"id": "pro", "text": "Pro"}, {"id": "team", "text": "Team"}]},
    {"id": "q_seats", "type": "rating", "min": 1, "max": 5, "required": true, "text": "Seats",
     "show_if": {"question": "q_plan", "in": ["team"]}},
    {"id": "q_channels", "type": "multi_choice", "text": "Where did you hear of us?",
     "options": [{"id": "search", "text": "Search"}, {"id": "friend", "text": "A friend"}, {"id": "ad", "text": "An ad"}]},
    {"id": "q_ad_where", "type": "text", "text": "Which ad?", "show_if": {"question": "q_channels", "in": ["ad"]}},
    {"id": "q_again", "type": "yes_no", "text": "Would you buy again?"},
    {"id": "q_why_not", "type": "text", "required": true, "text": "Why not?",
     "show_if": {"question": "q_again", "in": [false]}}
  ]})json";

std::vector<surveys::survey_definition> make_surveys() {
    std::vector<surveys::survey_definition> out;
    for (auto name : surveys::template_names()) out.push_back(*surveys::find_template(name));
    auto custom = surveys::parse_definition(json::parse(all_types_survey));
    FUZZ_CHECK(custom.ok());
    out.push_back(std::move(custom.definition));
    return out;
}

const std::vector<surveys::survey_definition>& all_surveys() {
    static const auto instances = make_surveys();
    return instances;
}

void check_answer_fits(const surveys::question& q, const surveys::answer_value& value) {
    using surveys::question_type;
    switch (q.type) {
    case question_type::nps:
    case question_type::csat:
    case question_type::ces:
    case question_type::rating: {
        const auto* score = std::get_if<std::int64_t>(&value);
        FUZZ_CHECK(score && *score >= q.min && *score <= q.max);
        return;
    }
    case question_type::yes_no: FUZZ_CHECK(std::holds_alternative<bool>(value)); return;
    case question_type::text: {
        const auto* text = std::get_if<std::string>(&value);
        FUZZ_CHECK(text && !text->empty() && text->size() <= surveys::max_text_answer_length);
        FUZZ_CHECK(touchpoint::fuzz::is_valid_utf8(*text)); // JSON strings are UTF-8 once parsed
        return;
    }
    case question_type::single_choice: {
        const auto* id = std::get_if<std::string>(&value);
        FUZZ_CHECK(id && q.find_option(*id));
        return;
    }
    case question_type::multi_choice: {
        const auto* ids = std::get_if<std::vector<std::string>>(&value);
        FUZZ_CHECK(ids && !ids->empty());
        for (std::size_t i = 0; i < ids->size(); ++i) {
            FUZZ_CHECK(q.find_option((*ids)[i]));
            FUZZ_CHECK(std::find(ids->begin(), ids->begin() + static_cast<std::ptrdiff_t>(i), (*ids)[i]) ==
                       ids->begin() + static_cast<std::ptrdiff_t>(i));
        }
        return;
    }
    }
}

void check_validation(const surveys::survey_definition& survey, const json::value& input, bool complete) {
    const auto result = surveys::validate_answers(survey, input, complete);
    for (const auto& error : result.errors) FUZZ_CHECK(error.field.starts_with("answers") && !error.message.empty());
    for (const auto& [id, value] : result.answers) {
        const auto* q = survey.find_question(id);
        FUZZ_CHECK(q);
        check_answer_fits(*q, value);
    }
    for (const auto& q : survey.questions)
        for (auto locale : {"en", "fr", "nl", "pt-BR", "pt", "de-CH", ""})
            (void)surveys::question_text(survey, q, result.answers, locale);
    if (!result.ok()) return; // with errors the answers are what validated, hidden or not

    // Answers to hidden questions are dropped.
    for (const auto& [id, value] : result.answers) FUZZ_CHECK(surveys::is_shown(survey, *survey.find_question(id), result.answers));

    // What was accepted is what gets stored and later re-submitted: it must pass as is.
    const json::value stored = surveys::to_json(result.answers);
    const auto again = surveys::validate_answers(survey, stored, complete);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again.answers == result.answers);
    FUZZ_CHECK(surveys::answers_from_json(json::parse(json::serialize(stored))) == result.answers);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    json::error_code ec;
    json::parse_options options;
    options.max_depth = 64;
    const auto input = json::parse(std::string_view(reinterpret_cast<const char*>(data), size), ec, {}, options);
    if (ec) return -1;

    // Stored answers: whatever was readable survives a write and a read unchanged.
    const auto read = surveys::answers_from_json(input);
    FUZZ_CHECK(surveys::answers_from_json(json::parse(json::serialize(surveys::to_json(read)))) == read);

    for (const auto& survey : all_surveys()) {
        check_validation(survey, input, false);
        check_validation(survey, input, true);
    }
    return 0;
}
