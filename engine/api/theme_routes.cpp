// /v1/themes: the theme taxonomy the text analysis matches comments against.
// GET reads it, PUT replaces it, DELETE restores the default; after a change
// the text pass re-analyses the stored comments.
#include "engine/api/json_io.hpp"
#include "engine/api/routes.hpp"
#include "engine/services/text_model_service.hpp"

#include <boost/json.hpp>

namespace touchpoint::engine::api {
using services::key_scope;

void add_theme_routes(http::router& r, api_context& c) {
    r.add("GET", "/v1/themes", require_key(c.keys, key_scope::admin, [&c](http::request&) {
        return http::json_response(200, c.texts.taxonomy_document());
    }));
    r.add("PUT", "/v1/themes", require_key(c.keys, key_scope::admin, [&c](http::request& req) {
        auto body = read_json_body(req);
        if (!body) return error_to_response(body.error());
        auto stored = c.texts.replace_taxonomy(*body);
        if (!stored) return error_to_response(stored.error());
        return http::json_response(200, *stored);
    }));
    r.add("DELETE", "/v1/themes", require_key(c.keys, key_scope::admin, [&c](http::request&) {
        return http::json_response(200, c.texts.restore_default_taxonomy());
    }));
}

} // namespace touchpoint::engine::api
