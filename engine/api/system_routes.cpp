// Routes without a key: liveness, metrics, templates and the OpenAPI document.
#include "engine/api/openapi.hpp"
#include "engine/api/routes.hpp"
#include "engine/metrics.hpp"
#include "surveys/definition_json.hpp"
#include "surveys/templates.hpp"

#include <boost/json.hpp>

namespace touchpoint::engine::api {
namespace json = boost::json;

void add_system_routes(http::router& r, api_context& c) {
    r.add("GET", "/healthz", [](http::request&) { return http::json_response(200, json::object{{"status", "ok"}}); },
          http::runs_on::network_thread);
    r.add("GET", "/metrics", [&c](http::request&) {
        return http::text_response(200, c.metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
    });
    r.add("GET", "/v1/openapi.json", [](http::request&) { return http::json_response(200, openapi_document()); },
          http::runs_on::network_thread);
    r.add("GET", "/v1/templates", [](http::request&) {
        json::array data;
        for (auto name : surveys::template_names()) {
            auto definition = surveys::find_template(name);
            data.push_back(json::object{{"name", name}, {"kind", surveys::to_string(definition->kind)},
                                        {"locales", json::value_from(definition->locales)},
                                        {"definition", surveys::to_json(*definition)}});
        }
        return http::json_response(200, json::object{{"data", std::move(data)}});
    });
}

} // namespace touchpoint::engine::api
