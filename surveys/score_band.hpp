// Classifies a score into the band reports and follow-up questions speak of:
// NPS detractor / passive / promoter, CSAT dissatisfied / neutral / satisfied,
// CES difficult / neutral / easy.
#pragma once

#include "surveys/question_type.hpp"
#include "surveys/survey_definition.hpp"

#include <optional>
#include <span>
#include <string_view>

namespace touchpoint::surveys {

std::optional<std::string_view> score_band(question_type type, long long score);

// The band names a question type knows, in order from worst to best; empty when none.
std::span<const std::string_view> band_names(question_type type);

// -1 for the worst band (detractor, dissatisfied, difficult), +1 for the best,
// 0 for the middle one or a score outside the scale.
int score_polarity(question_type type, long long score);

// The question a survey's comments are read against: its first NPS question,
// else its first CSAT, else its first CES; null when it has none.
const question* headline_question(const survey_definition& definition);

} // namespace touchpoint::surveys
