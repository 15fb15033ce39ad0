// A survey's content as a marketer defines it: the questions, their wording per
// locale and the rules that show or word them. Immutable once it is a version.
#pragma once

#include "surveys/localized_text.hpp"
#include "surveys/question_type.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace touchpoint::surveys {

enum class survey_kind { nps, csat, ces, onboarding, custom };

std::string_view to_string(survey_kind kind);
std::optional<survey_kind> parse_survey_kind(std::string_view name);

struct choice_option {
    std::string id;
    localized_text text;
};

// Shows a question only when an earlier answer falls in one of `bands`
// (e.g. "detractor") or equals one of `values` (option ids, numbers, "true"/"false").
struct display_condition {
    std::string question_id;
    std::vector<std::string> bands;
    std::vector<std::string> values;
};

struct question {
    std::string id;
    question_type type = question_type::text;
    bool required = false;
    localized_text text;
    // Follow-up wording that depends on the band of the answer to `band_of`.
    std::string band_of;
    std::map<std::string, localized_text, std::less<>> text_by_band;
    std::vector<choice_option> options;
    int min = 0; // scored types only
    int max = 0;
    localized_text min_label;
    localized_text max_label;
    std::optional<display_condition> show_if;

    const choice_option* find_option(std::string_view option_id) const;
};

struct survey_definition {
    std::string name;
    survey_kind kind = survey_kind::custom;
    std::string default_locale = "en";
    std::vector<std::string> locales;
    std::vector<question> questions;

    const question* find_question(std::string_view question_id) const;
    bool offers_locale(std::string_view locale) const;
};

} // namespace touchpoint::surveys
