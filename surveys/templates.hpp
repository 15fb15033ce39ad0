// The built-in survey templates (nps, csat, ces, onboarding), written in English,
// French and Dutch.
#pragma once

#include "surveys/field_error.hpp"
#include "surveys/survey_definition.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace touchpoint::surveys {

std::span<const std::string_view> template_names();

// Every locale a template is written in.
std::vector<std::string> template_locales();

// The template's full definition in every locale it has.
std::optional<survey_definition> find_template(std::string_view name);

struct template_request {
    std::string template_name;
    std::string survey_name; // empty: the template's own name
    std::vector<std::string> locales; // empty: every locale of the template
    std::string default_locale; // empty: the first of `locales`, else "en"
};

struct template_result {
    survey_definition definition;
    field_errors errors;

    bool ok() const { return errors.empty(); }
};

// A new survey definition from a template, limited to the locales asked for.
template_result instantiate_template(const template_request& request);

} // namespace touchpoint::surveys
