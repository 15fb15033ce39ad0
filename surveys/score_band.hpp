// Classifies a score into the band reports and follow-up questions speak of:
// NPS detractor / passive / promoter, CSAT dissatisfied / neutral / satisfied,
// CES difficult / neutral / easy.
#pragma once

#include "surveys/question_type.hpp"

#include <optional>
#include <span>
#include <string_view>

namespace touchpoint::surveys {

std::optional<std::string_view> score_band(question_type type, long long score);

// The band names a question type knows, in order from worst to best; empty when none.
std::span<const std::string_view> band_names(question_type type);

} // namespace touchpoint::surveys
