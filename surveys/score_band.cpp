#include "surveys/score_band.hpp"

#include <array>

namespace touchpoint::surveys {
namespace {

constexpr std::array<std::string_view, 3> nps_bands{"detractor", "passive", "promoter"};
constexpr std::array<std::string_view, 3> csat_bands{"dissatisfied", "neutral", "satisfied"};
constexpr std::array<std::string_view, 3> ces_bands{"difficult", "neutral", "easy"};

} // namespace

std::optional<std::string_view> score_band(question_type type, long long score) {
    switch (type) {
    case question_type::nps:
        if (score < 0 || score > 10) return std::nullopt;
        return score <= 6 ? nps_bands[0] : score <= 8 ? nps_bands[1] : nps_bands[2];
    case question_type::csat:
        if (score < 1 || score > 5) return std::nullopt;
        return score <= 2 ? csat_bands[0] : score == 3 ? csat_bands[1] : csat_bands[2];
    case question_type::ces:
        if (score < 1 || score > 7) return std::nullopt;
        return score <= 3 ? ces_bands[0] : score == 4 ? ces_bands[1] : ces_bands[2];
    default: return std::nullopt;
    }
}

std::span<const std::string_view> band_names(question_type type) {
    switch (type) {
    case question_type::nps: return nps_bands;
    case question_type::csat: return csat_bands;
    case question_type::ces: return ces_bands;
    default: return {};
    }
}

int score_polarity(question_type type, long long score) {
    const auto band = score_band(type, score);
    const auto names = band_names(type);
    if (!band || names.empty()) return 0;
    if (*band == names.front()) return -1;
    if (*band == names.back()) return 1;
    return 0;
}

const question* headline_question(const survey_definition& definition) {
    for (const auto type : {question_type::nps, question_type::csat, question_type::ces})
        for (const auto& q : definition.questions)
            if (q.type == type) return &q;
    return nullptr;
}

} // namespace touchpoint::surveys
