// The question types a survey can ask, and the score scale each one implies.
#pragma once

#include <optional>
#include <string_view>

namespace touchpoint::surveys {

enum class question_type { nps, csat, ces, rating, single_choice, multi_choice, text, yes_no };

std::string_view to_string(question_type type);
std::optional<question_type> parse_question_type(std::string_view name);

// nps, csat, ces and rating answers are integers on a scale.
bool is_scored(question_type type);
bool has_options(question_type type);

struct scale {
    int min;
    int max;
};

// The fixed scale of nps (0-10), csat (1-5) and ces (1-7); rating defaults to 1-5.
scale default_scale(question_type type);

} // namespace touchpoint::surveys
