// Reads and validates a survey definition from JSON, collecting every error with
// the path of the field it concerns ("questions[1].options").
#pragma once

#include "surveys/field_error.hpp"
#include "surveys/survey_definition.hpp"

#include <boost/json/value.hpp>

namespace touchpoint::surveys {

struct definition_parse_result {
    survey_definition definition;
    field_errors errors;

    bool ok() const { return errors.empty(); }
};

inline constexpr std::size_t max_questions = 100;
inline constexpr std::size_t max_options = 50;
inline constexpr std::size_t max_name_length = 200;

definition_parse_result parse_definition(const boost::json::value& input);

} // namespace touchpoint::surveys
