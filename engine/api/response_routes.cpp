// /v1/responses: in-app answers with the token as credential; the paged list;
// the streamed CSV / NDJSON export.
#include "engine/api/json_io.hpp"
#include "engine/api/routes.hpp"
#include "engine/metrics.hpp"
#include "engine/response_json.hpp"
#include "engine/services/response_service.hpp"
#include "engine/services/survey_service.hpp"
#include "engine/stored_json.hpp"
#include "engine/time_format.hpp"
#include "reports/csv_writer.hpp"
#include "reports/text/stored_analysis.hpp"
#include "surveys/answers_json.hpp"
#include "surveys/locale_matcher.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <cmath>
#include <unordered_set>

namespace touchpoint::engine::api {
namespace json = boost::json;
using services::key_scope;

namespace {

constexpr int export_page_size = 500;

services::outcome<store::response_filter> read_filter(const http::request& req) {
    store::response_filter filter;
    filter.survey_id = read_filter_param(req, "survey_id");
    auto from = read_time_param(req, "from");
    if (!from) return from.error();
    auto to = read_time_param(req, "to");
    if (!to) return to.error();
    filter.from = *from;
    filter.to = *to;
    return filter;
}

std::string cell_text(const json::value& value) {
    if (value.is_string()) return std::string(value.get_string());
    if (value.is_array()) {
        std::string out;
        for (const auto& item : value.get_array()) {
            if (!out.empty()) out += ';';
            out += item.is_string() ? std::string(item.get_string()) : json::serialize(item);
        }
        return out;
    }
    return json::serialize(value);
}

// The CSV answer columns of one survey: the current version's questions in their
// order, then each question an earlier version had and a later one removed, from
// the newest version back, so answers to a removed question are still exported.
// Every version before the current one has responses (an edit without responses
// replaces the version in place), so every version counts.
std::vector<std::string> export_columns(services::survey_service& surveys, const services::survey_view& survey) {
    std::vector<std::string> columns;
    std::unordered_set<std::string> seen;
    auto add_questions = [&](const surveys::survey_definition& definition) {
        for (const auto& q : definition.questions)
            if (seen.insert(q.id).second) columns.push_back(q.id);
    };
    add_questions(*survey.definition);
    for (int version = survey.row.current_version - 1; version >= 1; --version)
        if (auto definition = surveys.definition(survey.row.id, version, survey.row.current_version, survey.row.updated_at))
            add_questions(*definition);
    return columns;
}

// Produces the export one page at a time, so memory stays flat however many rows.
struct export_stream {
    services::response_service& responses;
    store::response_filter filter;
    bool csv = true;
    std::vector<std::string> question_ids; // CSV columns when the export is for one survey
    std::optional<store::page_cursor> after;
    bool header_written = false;

    bool operator()(std::string& chunk) {
        if (csv && !header_written) {
            std::vector<std::string> header{"id", "survey_id", "survey_version", "contact", "invitation_id", "channel",
                                            "locale", "complete", "created_at", "updated_at"};
            if (question_ids.empty()) header.push_back("answers");
            for (const auto& id : question_ids) header.push_back(id);
            reports::append_csv_row(chunk, header);
            header_written = true;
        }
        auto rows = responses.list(filter, after, export_page_size, /*with_analyses=*/!csv);
        for (const auto& row : rows) {
            try {
                append_row(chunk, row);
            } catch (const std::exception& error) {
                // The export goes on; the operator learns which row was left out.
                spdlog::warn("export: response {} could not be read and was left out: {}", row.id, error.what());
            }
        }
        if (rows.empty()) return false;
        after = store::page_cursor{rows.back().created_at, rows.back().id};
        return static_cast<int>(rows.size()) == export_page_size;
    }

    void append_row(std::string& chunk, const store::response_row& row) const {
        if (!csv) {
            chunk += json::serialize(response_json(row));
            chunk += '\n';
            return;
        }
        std::vector<std::string> cells{row.id, row.survey_id, std::to_string(row.survey_version),
                                       row.contact_external_id.value_or(""), row.invitation_id, row.channel,
                                       row.locale, row.complete ? "true" : "false", format_time(row.created_at),
                                       format_time(row.updated_at)};
        const auto answers = parse_stored_json(row.answers);
        if (question_ids.empty()) cells.push_back(json::serialize(answers));
        for (const auto& id : question_ids) {
            const auto* value = answers.as_object().if_contains(id);
            cells.push_back(value ? cell_text(*value) : "");
        }
        reports::append_csv_row(chunk, cells);
    }
};

} // namespace

void add_response_routes(http::router& r, api_context& c) {
    auto admin = [&c](http::handler h) { return require_key(c.keys, key_scope::admin, std::move(h)); };

    // The token is the credential here: the product posts what its user answered.
    r.add("POST", "/v1/responses", [&c](http::request& req) {
        auto body = read_json_body(req);
        if (!body) return error_to_response(body.error());
        if (!body->is_object()) return error_to_response(services::invalid_field("body", "must be a JSON object"));
        const auto& obj = body->get_object();
        const auto* token = obj.if_contains("token");
        if (!token || !token->is_string() || token->get_string().empty())
            return error_to_response(services::invalid_field("token", "is required: the invitation token"));
        services::submission input;
        input.answers = obj.if_contains("answers");
        input.channel = "in_app";
        if (const auto* complete = obj.if_contains("complete"); complete && !complete->is_null()) {
            if (!complete->is_bool()) return error_to_response(services::invalid_field("complete", "must be true or false"));
            input.complete = complete->get_bool();
        }
        if (const auto* locale = obj.if_contains("locale"); locale && locale->is_string()) input.locale = std::string(locale->get_string());
        auto session = c.responses.open(token->get_string());
        if (!session) return error_to_response(session.error());
        input.locale = surveys::choose_locale(session->definition->locales, session->definition->default_locale,
                                              {input.locale, session->context.contact_locale.value_or("")});
        // Answered after the group commit that makes the response durable; no
        // thread waits for it meanwhile.
        http::response out;
        out.deferred = [&c, session = std::move(*session), input = std::move(input),
                        body = std::move(*body)](http::reply_function reply) mutable {
            input.answers = body.get_object().if_contains("answers");
            auto invalid = c.responses.submit_async(session, input, [reply](services::response_service::stored_or_failure result) {
                reply([result = std::move(result)] {
                    if (const auto* stored = std::get_if<store::response_row>(&result))
                        return http::json_response(200, response_json(*stored));
                    try {
                        std::rethrow_exception(std::get<std::exception_ptr>(result));
                    } catch (const std::exception& error) {
                        spdlog::error("storing a response failed: {}", error.what());
                    }
                    return http::error_response(500, "internal", "the response could not be stored");
                });
            });
            if (invalid) reply([error = std::move(*invalid)] { return error_to_response(error); });
        };
        return out;
    }, c.answers_on_network_thread ? http::runs_on::network_thread : http::runs_on::worker_pool);
    r.add("GET", "/v1/responses", admin([&c](http::request& req) {
        auto filter = read_filter(req);
        if (!filter) return error_to_response(filter.error());
        auto cursor = read_cursor(req);
        if (!cursor) return error_to_response(cursor.error());
        auto limit = read_limit(req);
        if (!limit) return error_to_response(limit.error());
        auto rows = c.responses.list(*filter, *cursor, *limit);
        // One row that cannot be read is named, not allowed to fail the page.
        json::array data, unreadable;
        for (const auto& row : rows) {
            try {
                data.push_back(response_json(row));
            } catch (const std::exception& error) {
                spdlog::warn("response {} could not be read: {}", row.id, error.what());
                unreadable.push_back(json::object{{"id", row.id}, {"message", error.what()}});
            }
        }
        json::value next = nullptr;
        if (static_cast<int>(rows.size()) == *limit) next = encode_cursor({rows.back().created_at, rows.back().id});
        json::object page{{"data", std::move(data)}, {"next_cursor", next}};
        if (!unreadable.empty()) page["unreadable"] = std::move(unreadable);
        return http::json_response(200, page);
    }));
    r.add("GET", "/v1/responses/export", admin([&c](http::request& req) {
        const auto format = req.query_param("format").value_or("csv");
        if (format != "csv" && format != "ndjson")
            return error_to_response(services::invalid_field("format", "must be csv or ndjson"));
        auto filter = read_filter(req);
        if (!filter) return error_to_response(filter.error());
        export_stream producer{c.responses, *filter, format == "csv", {}, {}, false};
        if (filter->survey_id) {
            auto survey = c.surveys.get(*filter->survey_id);
            if (!survey) return error_to_response(survey.error());
            producer.question_ids = export_columns(c.surveys, *survey);
        }
        http::response out;
        out.set_header("Content-Type", format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson");
        out.set_header("Content-Disposition", std::string("attachment; filename=\"responses.") + format + "\"");
        out.stream = std::move(producer);
        return out;
    }));
}

} // namespace touchpoint::engine::api
