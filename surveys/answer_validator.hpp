// Checks answers against the survey version they answer: types, scales, options,
// required questions and show_if conditions.
#pragma once

#include "surveys/answers.hpp"
#include "surveys/field_error.hpp"
#include "surveys/survey_definition.hpp"

#include <boost/json/value.hpp>

namespace touchpoint::surveys {

inline constexpr std::size_t max_text_answer_length = 10'000;

struct answers_result {
    answer_map answers;
    field_errors errors;

    bool ok() const { return errors.empty(); }
};

// `input` is a JSON object of question id to value. Form posts arrive as strings,
// so scores, yes/no and single options are also accepted in their text form.
// With `complete`, every required question that is shown must be answered.
answers_result validate_answers(const survey_definition& survey, const boost::json::value& input, bool complete);

// Whether `q` is shown given the answers so far (a question without show_if always is).
bool is_shown(const survey_definition& survey, const question& q, const answer_map& answers);

// The wording of `q` for `locale`, following text_by_band when its source is answered.
const std::string& question_text(const survey_definition& survey, const question& q, const answer_map& answers,
                                 std::string_view locale);

} // namespace touchpoint::surveys
