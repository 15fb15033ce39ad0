#include "engine/response_json.hpp"

#include "engine/stored_json.hpp"
#include "engine/time_format.hpp"
#include "reports/text/stored_analysis.hpp"

#include <boost/json.hpp>

#include <cmath>

namespace touchpoint::engine {
namespace json = boost::json;
namespace {

// The analysis of each text answer by question id; {"pending": true} until the
// text pass has analysed it.
json::object analysis_json(const std::vector<store::text_analysis_row>& analyses) {
    json::object out;
    for (const auto& a : analyses) {
        if (a.revision == 0) {
            out[a.question_id] = json::object{{"pending", true}};
            continue;
        }
        json::array themes, phrases;
        reports::text::for_each_stored_theme(a.themes, [&](std::string_view id) { themes.emplace_back(id); });
        reports::text::for_each_stored_phrase(a.phrases,
                                              [&](std::string_view, std::string_view words) { phrases.emplace_back(words); });
        out[a.question_id] = json::object{{"language", a.language},
                                          {"sentiment", json::object{{"score", std::round(a.sentiment * 1000) / 1000},
                                                                     {"label", a.feeling}}},
                                          {"themes", std::move(themes)},
                                          {"phrases", std::move(phrases)}};
    }
    return out;
}

} // namespace

json::object response_json(const store::response_row& row) {
    return {{"id", row.id}, {"survey_id", row.survey_id}, {"survey_version", row.survey_version},
            {"contact", row.contact_external_id ? json::value(*row.contact_external_id) : json::value(nullptr)},
            {"invitation_id", row.invitation_id}, {"channel", row.channel}, {"locale", row.locale},
            {"answers", parse_stored_json(row.answers)}, {"complete", row.complete},
            {"analysis", analysis_json(row.analyses)},
            {"created_at", format_time(row.created_at)}, {"updated_at", format_time(row.updated_at)}};
}

} // namespace touchpoint::engine
