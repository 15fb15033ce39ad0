// /v1/reports/{survey_id}/scores, text and the lifecycle report, as JSON or one of
// their tables as CSV; /v1/reports/{survey_id}/share, a link to the HTML report.
#include "engine/api/json_io.hpp"
#include "engine/api/report_query.hpp"
#include "engine/api/routes.hpp"
#include "engine/security/report_link.hpp"
#include "engine/services/event_service.hpp"
#include "engine/services/report_service.hpp"
#include "engine/services/survey_service.hpp"
#include "engine/time_format.hpp"
#include "reports/report_csv.hpp"
#include "reports/response_rates.hpp"
#include "reports/text_report_csv.hpp"
#include "reports/time_zone.hpp"

#include <boost/json.hpp>

#include <cstdlib>

namespace touchpoint::engine::api {
namespace json = boost::json;
using services::key_scope;
using services::outcome;

namespace {

constexpr int default_share_days = 30, max_share_days = 365;

// format=json|csv, and with csv which of `tables` (the first by default).
services::outcome<std::optional<std::string>> read_csv_table(const http::request& req,
                                                            std::initializer_list<const char*> tables) {
    const auto format = req.query_param("format").value_or("json");
    if (format != "json" && format != "csv") return services::invalid_field("format", "must be json or csv");
    const auto table = req.query_param("table").value_or(*tables.begin());
    std::string names;
    for (const char* name : tables) {
        if (table == name) return format == "csv" ? std::optional<std::string>(table) : std::nullopt;
        names += names.empty() ? name : std::string(", ") + name;
    }
    return services::invalid_field("table", "must be one of " + names + " (with format=csv)");
}

// A comma-separated list of event names, at most 20.
services::outcome<std::vector<std::string>> read_event_names(const http::request& req, const std::string& name) {
    std::vector<std::string> names;
    const auto text = req.query_param(name);
    if (!text) return names;
    std::size_t begin = 0;
    while (begin <= text->size()) {
        auto end = text->find(',', begin);
        if (end == std::string::npos) end = text->size();
        auto item = text->substr(begin, end - begin);
        if (!services::is_valid_event_name(item))
            return services::invalid_field(name, "must be event names separated by commas (letters, digits and . _ - :)");
        names.push_back(std::move(item));
        begin = end + 1;
    }
    if (names.size() > 20) return services::invalid_field(name, "must name at most 20 events");
    return names;
}

outcome<services::lifecycle_report_query> read_lifecycle_query(const http::request& req) {
    services::lifecycle_report_query query;
    auto period = read_report_period(req);
    if (!period) return period.error();
    query.timezone = period->timezone;
    query.from = period->from;
    query.to = period->to;
    for (auto [name, into] : {std::pair{"start", &query.settings.start_event}, std::pair{"end", &query.settings.end_event}}) {
        if (auto value = req.query_param(name)) {
            if (!services::is_valid_event_name(*value))
                return services::invalid_field(name, "must be an event name (letters, digits and . _ - :)");
            *into = *value;
        }
    }
    auto milestones = read_event_names(req, "milestones");
    if (!milestones) return milestones.error();
    query.settings.milestones = std::move(*milestones);
    auto interactions = read_event_names(req, "interactions");
    if (!interactions) return interactions.error();
    query.settings.interactions = std::move(*interactions);
    if (auto survey = req.query_param("survey")) {
        if (survey->empty()) return services::invalid_field("survey", "must be a survey id");
        query.survey_id = *survey;
    }
    if (auto question = req.query_param("question")) {
        if (!query.survey_id) return services::invalid_field("question", "needs survey: the survey the question belongs to");
        query.question_id = *question;
    }
    if (auto fast = req.query_param("fast_days")) {
        char* end = nullptr;
        const double days = std::strtod(fast->c_str(), &end);
        if (fast->empty() || *end != '\0' || !(days > 0 && days <= 3650))
            return services::invalid_field("fast_days", "must be a number of days above 0 and at most 3650");
        query.settings.fast_days = days;
    }
    return query;
}

http::response csv_download(std::string csv, const std::string& table) {
    auto out = http::text_response(200, std::move(csv), "text/csv; charset=utf-8");
    out.set_header("Content-Disposition", "attachment; filename=\"" + table + ".csv\"");
    return out;
}

// A report as JSON, or the table `table` names as CSV (`csv_of(report, name)`).
template <class Report, class CsvOf>
http::response report_reply(const services::outcome<Report>& report, const std::optional<std::string>& table,
                            CsvOf csv_of) {
    if (!report) return error_to_response(report.error());
    if (!table) return http::json_response(200, json::value_from(*report));
    return csv_download(csv_of(*report, *table), *table);
}

} // namespace

void add_report_routes(http::router& r, api_context& c) {
    r.add("GET", "/v1/reports/{survey_id}/scores", require_key(c.keys, key_scope::admin, [&c](http::request& req) {
        auto query = read_score_query(req);
        if (!query) return error_to_response(query.error());
        auto table = read_csv_table(req, {"scores", "choices", "segments", "rates"});
        if (!table) return error_to_response(table.error());
        const auto include = req.query_param("include").value_or("");
        if (!include.empty() && include != "rates") return error_to_response(services::invalid_field("include", "must be rates"));
        query->include_rates = include == "rates" || (*table && **table == "rates");
        return report_reply(c.reports.scores(req.params["survey_id"], *query), *table, [](const auto& report, const auto& name) {
            return name == "scores"    ? reports::score_table_csv(report)
                   : name == "choices"  ? reports::choice_table_csv(report)
                   : name == "segments" ? reports::segment_table_csv(report)
                                        : reports::response_rates_csv(report.rates.value_or(reports::response_rates{}));
        });
    }));
    r.add("GET", "/v1/reports/lifecycle", require_key(c.keys, key_scope::admin, [&c](http::request& req) {
        auto query = read_lifecycle_query(req);
        if (!query) return error_to_response(query.error());
        auto table = read_csv_table(req, {"cohorts", "satisfaction"});
        if (!table) return error_to_response(table.error());
        return report_reply(c.reports.lifecycle(std::move(*query)), *table, [](const auto& report, const auto& name) {
            return name == "cohorts" ? reports::lifecycle_cohorts_csv(report) : reports::lifecycle_satisfaction_csv(report);
        });
    }));
    r.add("GET", "/v1/reports/{survey_id}/text", require_key(c.keys, key_scope::admin, [&c](http::request& req) {
        if (req.query_param("segment"))
            return error_to_response(services::invalid_field("segment", "the text report is not segmented; filter instead"));
        if (req.query_param("interval"))
            return error_to_response(services::invalid_field("interval", "the text report has no time buckets"));
        auto query = read_score_query(req);
        if (!query) return error_to_response(query.error());
        auto table = read_csv_table(req, {"themes", "drivers", "phrases", "verbatims"});
        if (!table) return error_to_response(table.error());
        return report_reply(c.reports.text(req.params["survey_id"], *query), *table, [](const auto& report, const auto& name) {
            return name == "themes"    ? reports::theme_table_csv(report)
                   : name == "drivers" ? reports::driver_table_csv(report)
                   : name == "phrases" ? reports::phrase_table_csv(report)
                                       : reports::verbatim_table_csv(report);
        });
    }));

    // A link that opens the HTML report (engine/pages/report_page_routes.cpp) without a key.
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
