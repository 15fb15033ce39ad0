// GET /reports/{survey_id}: the HTML report, for an admin key or a share link;
// POST /v1/reports/{survey_id}/share: makes such a link.
#include "engine/api/json_io.hpp"
#include "engine/api/report_query.hpp"
#include "engine/api/routes.hpp"
#include "engine/security/report_link.hpp"
#include "engine/services/report_service.hpp"
#include "engine/services/survey_service.hpp"
#include "engine/time_format.hpp"
#include "reports/html/html_escape.hpp"
#include "reports/html/report_page.hpp"
#include "surveys/localized_text.hpp"

#include <boost/json.hpp>

namespace touchpoint::engine::api {
namespace json = boost::json;
using services::key_scope;

namespace {

constexpr int default_share_days = 30, max_share_days = 365;

http::response html_page(int status, std::string body) {
    auto out = http::text_response(status, std::move(body), "text/html; charset=utf-8");
    // Nothing but the inline style may load or run; the page may not be framed.
    out.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    out.set_header("X-Content-Type-Options", "nosniff");
    out.set_header("Referrer-Policy", "no-referrer"); // the access token in the URL stays here
    out.set_header("Cache-Control", "no-store");
    return out;
}

http::response html_error(int status, const std::string& title, const std::string& message) {
    return html_page(status, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                             "content=\"width=device-width, initial-scale=1\"><title>" + reports::html_escape(title) +
                                 "</title></head><body style=\"font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem\">"
                                 "<h1>" + reports::html_escape(title) + "</h1><p>" + reports::html_escape(message) +
                                 "</p></body></html>");
}

bool authorized(const http::request& req, api_context& c, const std::string& survey_id) {
    if (auto access = req.query_param("access")) return c.report_links.verify(survey_id, *access, now_ms());
    const auto authorization = req.header("authorization");
    constexpr std::string_view prefix = "Bearer ";
    if (!authorization.starts_with(prefix)) return false;
    return c.keys.authenticate(authorization.substr(prefix.size())) == services::key_scope::admin;
}

} // namespace

void add_report_page_routes(http::router& r, api_context& c) {
    r.add("GET", "/reports/{survey_id}", [&c](http::request& req) {
        const auto survey_id = req.params["survey_id"];
        if (!authorized(req, c, survey_id))
            return html_error(401, "This report link does not open",
                              "The link is incomplete, was made for another survey, or has expired. Ask for a new link "
                              "(POST /v1/reports/{survey_id}/share), or send an admin key as Authorization: Bearer KEY.");
        auto query = read_score_query(req);
        if (!query) return html_error(query.error().status, "The report cannot be shown", query.error().message);
        // The page's charts: a weekly trend and a comparison by language unless the link asks otherwise.
        if (!query->bucket_interval) query->bucket_interval = reports::interval::week;
        if (query->segment.kind == store::segment_kind::none) {
            query->segment.kind = store::segment_kind::locale;
            query->segment_name = "locale";
        }
        query->include_rates = true;
        auto survey = c.surveys.get(survey_id);
        if (!survey) return html_error(survey.error().status, "No such survey", survey.error().message);
        auto scores = c.reports.scores(survey_id, *query);
        if (!scores) return html_error(scores.error().status, "The report cannot be shown", scores.error().message);
        auto text = c.reports.text(survey_id, *query);
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

    r.add("POST", "/v1/reports/{survey_id}/share", require_key(c.keys, key_scope::admin, [&c](http::request& req) {
        int days = default_share_days;
        if (!req.body.empty()) {
            auto body = read_json_body(req);
            if (!body) return error_to_response(body.error());
            const auto* value = body->is_object() ? body->get_object().if_contains("expires_in_days") : nullptr;
            if (!body->is_object()) return error_to_response(services::invalid_field("body", "must be a JSON object"));
            if (value && !value->is_null()) {
                if (!value->is_int64() || value->get_int64() < 1 || value->get_int64() > max_share_days)
                    return error_to_response(services::invalid_field("expires_in_days", "must be an integer from 1 to 365"));
                days = static_cast<int>(value->get_int64());
            }
        }
        const auto survey_id = req.params["survey_id"];
        if (auto survey = c.surveys.get(survey_id); !survey) return error_to_response(survey.error());
        const auto expires = now_ms() + static_cast<std::int64_t>(days) * 86'400'000;
        const auto url = c.public_url + "/reports/" + survey_id + "?access=" + c.report_links.issue(survey_id, expires);
        return http::json_response(201, json::object{{"url", url}, {"expires_at", format_time(expires)}});
    }));
}

} // namespace touchpoint::engine::api
