// /v1/reports/{survey_id}/scores, as JSON or one of its tables as CSV.
#include "engine/api/json_io.hpp"
#include "engine/api/routes.hpp"
#include "engine/services/report_service.hpp"
#include "reports/report_csv.hpp"

#include <boost/json.hpp>

namespace touchpoint::engine::api {
using services::key_scope;

void add_report_routes(http::router& r, api_context& c) {
    r.add("GET", "/v1/reports/{survey_id}/scores", require_key(c.keys, key_scope::admin, [&c](http::request& req) {
        services::score_report_query query;
        auto from = read_time_param(req, "from");
        if (!from) return error_to_response(from.error());
        auto to = read_time_param(req, "to");
        if (!to) return error_to_response(to.error());
        query.from = *from;
        query.to = *to;
        const auto format = req.query_param("format").value_or("json");
        if (format != "json" && format != "csv")
            return error_to_response(services::invalid_field("format", "must be json or csv"));
        const auto table = req.query_param("table").value_or("scores");
        if (table != "scores" && table != "choices")
            return error_to_response(services::invalid_field("table", "must be scores or choices (with format=csv)"));
        if (auto interval = req.query_param("interval")) {
            query.bucket_interval = reports::parse_interval(*interval);
            if (!query.bucket_interval)
                return error_to_response(services::invalid_field("interval", "must be day, week or month"));
        }
        auto report = c.reports.scores(req.params["survey_id"], query);
        if (!report) return error_to_response(report.error());
        if (format == "json") return http::json_response(200, *report);
        auto csv = table == "scores" ? reports::score_table_csv(*report) : reports::choice_table_csv(*report);
        auto out = http::text_response(200, std::move(csv), "text/csv; charset=utf-8");
        out.set_header("Content-Disposition", "attachment; filename=\"" + table + ".csv\"");
        return out;
    }));
}

} // namespace touchpoint::engine::api
