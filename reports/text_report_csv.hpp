// The tables of a text report (its JSON) as CSV. Respondent text goes through
// the CSV writer, which neutralises cells a spreadsheet would run as formulas.
#pragma once

#include <boost/json/fwd.hpp>

#include <string>

namespace touchpoint::reports {

// question_id, theme, name, mentions, share, sentiment_mean, positive, negative,
// neutral, mixed, score_n, nps, satisfied_share, easy_share, score_mean.
std::string theme_table_csv(const boost::json::object& report);

// question_id, theme, name, low_band, high_band, low_mentions, high_mentions,
// low_share, high_share, log_odds, z, significant, leans.
std::string driver_table_csv(const boost::json::object& report);

// question_id, phrase, stems, language, mentions, sentiment, theme.
std::string phrase_table_csv(const boost::json::object& report);

// question_id, theme (empty: the question's overall extremes), side, response_id,
// language, sentiment, score, text.
std::string verbatim_table_csv(const boost::json::object& report);

} // namespace touchpoint::reports
