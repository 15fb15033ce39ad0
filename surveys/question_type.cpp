#include "surveys/question_type.hpp"

#include <array>
#include <utility>

namespace touchpoint::surveys {
namespace {

constexpr std::array<std::pair<question_type, std::string_view>, 8> names{{
    {question_type::nps, "nps"},
    {question_type::csat, "csat"},
    {question_type::ces, "ces"},
    {question_type::rating, "rating"},
    {question_type::single_choice, "single_choice"},
    {question_type::multi_choice, "multi_choice"},
    {question_type::text, "text"},
    {question_type::yes_no, "yes_no"},
}};

} // namespace

std::string_view to_string(question_type type) {
    for (const auto& [value, name] : names)
        if (value == type) return name;
    return "unknown";
}

std::optional<question_type> parse_question_type(std::string_view name) {
    for (const auto& [value, text] : names)
        if (text == name) return value;
    return std::nullopt;
}

bool is_scored(question_type type) {
    return type == question_type::nps || type == question_type::csat || type == question_type::ces ||
           type == question_type::rating;
}

bool has_options(question_type type) {
    return type == question_type::single_choice || type == question_type::multi_choice;
}

scale default_scale(question_type type) {
    switch (type) {
    case question_type::nps: return {0, 10};
    case question_type::csat: return {1, 5};
    case question_type::ces: return {1, 7};
    default: return {1, 5};
    }
}

} // namespace touchpoint::surveys
