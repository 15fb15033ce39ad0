// /v1/surveys: create (from a template or a definition), read, list, edit, archive.
#include "engine/api/json_io.hpp"
#include "engine/api/routes.hpp"
#include "engine/services/survey_service.hpp"
#include "engine/time_format.hpp"
#include "surveys/definition_json.hpp"

#include <boost/json.hpp>

namespace touchpoint::engine::api {
namespace json = boost::json;
using services::key_scope;

namespace {

json::object survey_json(const services::survey_view& view, bool with_questions) {
    json::object out = with_questions ? surveys::to_json(*view.definition) : json::object{};
    if (!with_questions) {
        out["name"] = view.row.name;
        out["kind"] = view.row.kind;
        out["default_locale"] = view.definition->default_locale;
        out["locales"] = json::value_from(view.definition->locales);
    }
    out["id"] = view.row.id;
    out["status"] = view.row.status;
    out["version"] = view.row.current_version;
    out["created_at"] = format_time(view.row.created_at);
    out["updated_at"] = format_time(view.row.updated_at);
    return out;
}

http::response reply(const services::outcome<services::survey_view>& result, int status) {
    if (!result) return error_to_response(result.error());
    return http::json_response(status, survey_json(*result, true));
}

} // namespace

void add_survey_routes(http::router& r, api_context& c) {
    auto admin = [&c](http::handler h) { return require_key(c.keys, key_scope::admin, std::move(h)); };

    r.add("POST", "/v1/surveys", admin([&c](http::request& req) {
        auto body = read_json_body(req);
        if (!body) return error_to_response(body.error());
        auto result = c.surveys.create(*body);
        auto out = reply(result, 201);
        if (result) out.set_header("Location", "/v1/surveys/" + result->row.id);
        return out;
    }));
    r.add("GET", "/v1/surveys", admin([&c](http::request& req) {
        auto cursor = read_cursor(req);
        if (!cursor) return error_to_response(cursor.error());
        auto limit = read_limit(req);
        if (!limit) return error_to_response(limit.error());
        const bool archived = req.query_param("include_archived").value_or("false") == "true";
        return page_response(c.surveys.list(*cursor, *limit, archived), *limit,
                             [](const services::survey_view& view) { return survey_json(view, false); });
    }));
    r.add("GET", "/v1/surveys/{id}", admin([&c](http::request& req) { return reply(c.surveys.get(req.params["id"]), 200); }));
    r.add("PUT", "/v1/surveys/{id}", admin([&c](http::request& req) {
        auto body = read_json_body(req);
        if (!body) return error_to_response(body.error());
        return reply(c.surveys.update(req.params["id"], *body), 200);
    }));
    r.add("DELETE", "/v1/surveys/{id}", admin([&c](http::request& req) { return reply(c.surveys.archive(req.params["id"]), 200); }));
}

} // namespace touchpoint::engine::api
