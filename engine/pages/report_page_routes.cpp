// GET /reports/{survey_id}: the HTML report with SVG charts, for an admin key or
// a share link from POST /v1/reports/{survey_id}/share.
#include "engine/pages/report_page_routes.hpp"

#include "engine/api/report_query.hpp"
#include "engine/http/html_response.hpp"
#include "engine/security/report_link.hpp"
#include "engine/services/api_key_service.hpp"
#include "engine/services/report_service.hpp"
#include "engine/services/survey_service.hpp"
#include "engine/time_format.hpp"
#include "reports/html/html_escape.hpp"
#include "reports/html/report_page.hpp"
#include "surveys/localized_text.hpp"

namespace touchpoint::engine::pages {

namespace {

http::response html_page(int status, std::string body) {
    // Nothing but the inline style may load or run; the page may not be framed.
    return http::html_response(status, std::move(body),
                               "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; "
                               "form-action 'none'");
}

http::response html_error(int status, const std::string& title, const std::string& message) {
    return html_page(status, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                             "content=\"width=device-width, initial-scale=1\"><title>" + reports::html_escape(title) +
                                 "</title></head><body style=\"font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem\">"
                                 "<h1>" + reports::html_escape(title) + "</h1><p>" + reports::html_escape(message) +
                                 "</p></body></html>");
}

// An admin key opens every report; otherwise a share link for this survey.
// nullopt when allowed, else the page to answer with.
std::optional<http::response> refuse_access(const http::request& req, const report_page_dependencies& d,
                                            const std::string& survey_id) {
    std::optional<services::key_scope> scope;
    if (auto key = req.bearer_token()) scope = d.keys.authenticate(*key);
    if (scope == services::key_scope::admin) return std::nullopt;
    if (auto access = req.query_param("access"); access && d.report_links.verify(survey_id, *access, now_ms()))
        return std::nullopt;
    if (scope)
        return html_error(403, "This key cannot open reports",
                          "Reports open with an admin key or a share link; this key's scope does not include them.");
    auto out = html_error(401, "This report link does not open",
                          "The link is incomplete, was made for another survey, or has expired. Ask for a new link "
                          "(POST /v1/reports/{survey_id}/share), or send an admin key as Authorization: Bearer KEY.");
    out.set_header("WWW-Authenticate", "Bearer");
    return out;
}

} // namespace

void add_report_page_routes(http::router& r, const report_page_dependencies& d) {
    r.add("GET", "/reports/{survey_id}", [&d](http::request& req) {
        const auto survey_id = req.params["survey_id"];
        if (auto refusal = refuse_access(req, d, survey_id)) return std::move(*refusal);
        auto query = api::read_score_query(req);
        if (!query) return html_error(query.error().status, "The report cannot be shown", query.error().message);
        // The page's charts: a weekly trend and a comparison by language unless the link asks otherwise.
        if (!query->bucket_interval) query->bucket_interval = reports::interval::week;
        if (query->segment.kind == store::segment_kind::none) {
            query->segment.kind = store::segment_kind::locale;
            query->segment_name = "locale";
        }
        query->include_rates = true;
        auto survey = d.surveys.get(survey_id);
        if (!survey) return html_error(survey.error().status, "No such survey", survey.error().message);
        auto scores = d.reports.scores(survey_id, *query);
        if (!scores) return html_error(scores.error().status, "The report cannot be shown", scores.error().message);
        auto text = d.reports.text(survey_id, *query);
        if (!text) return html_error(text.error().status, "The report cannot be shown", text.error().message);

        reports::html::report_page_input input;
        input.survey_name = survey->row.name;
        const auto& definition = *survey->definition;
        for (const auto& q : definition.questions)
            input.question_texts[q.id] = surveys::pick_text(q.text, definition.default_locale, definition.default_locale);
        input.scores = &*scores;
        input.text = &*text;
        input.generated_at = format_time(now_ms());
        input.data_link = "/v1/reports/" + survey_id + "/scores";
        return html_page(200, reports::html::render_report_page(input));
    });
}

} // namespace touchpoint::engine::pages
