// /v1/webhooks: subscriptions to the engine's events, their secrets shown once
// and rotated with an overlap.
#include "engine/api/json_io.hpp"
#include "engine/api/routes.hpp"
#include "engine/services/webhook_service.hpp"
#include "engine/time_format.hpp"

#include <boost/json.hpp>

namespace touchpoint::engine::api {
namespace json = boost::json;
using services::key_scope;

namespace {

json::object webhook_json(const services::webhook_view& view) {
    const auto& row = view.row;
    json::object out{{"id", row.id},
                     {"url", row.url},
                     {"events", json::value_from(view.events)},
                     {"filters", view.filters},
                     {"description", row.description ? json::value(*row.description) : json::value(nullptr)},
                     {"status", row.status},
                     {"disabled_reason", row.disabled_reason ? json::value(*row.disabled_reason) : json::value(nullptr)},
                     {"created_at", format_time(row.created_at)},
                     {"updated_at", format_time(row.updated_at)}};
    // The secret leaves the engine once: when it is made.
    if (view.shown_secret) out["secret"] = *view.shown_secret;
    if (row.previous_secret_until && *row.previous_secret_until > now_ms())
        out["previous_secret_expires_at"] = format_time(*row.previous_secret_until);
    return out;
}

http::response reply(const services::outcome<services::webhook_view>& result, int status) {
    if (!result) return error_to_response(result.error());
    return http::json_response(status, webhook_json(*result));
}

} // namespace

void add_webhook_routes(http::router& r, api_context& c) {
    auto admin = [&c](http::handler h) { return require_key(c.keys, key_scope::admin, std::move(h)); };

    r.add("POST", "/v1/webhooks", admin([&c](http::request& req) {
        auto body = read_json_body(req);
        if (!body) return error_to_response(body.error());
        auto result = c.webhooks.create(*body);
        auto out = reply(result, 201);
        if (result) out.set_header("Location", "/v1/webhooks/" + result->row.id);
        return out;
    }));
    r.add("GET", "/v1/webhooks", admin([&c](http::request& req) {
        auto cursor = read_cursor(req);
        if (!cursor) return error_to_response(cursor.error());
        auto limit = read_limit(req);
        if (!limit) return error_to_response(limit.error());
        return page_response(c.webhooks.list(*cursor, *limit), *limit, webhook_json);
    }));
    r.add("GET", "/v1/webhooks/{id}", admin([&c](http::request& req) { return reply(c.webhooks.get(req.params["id"]), 200); }));
    r.add("PUT", "/v1/webhooks/{id}", admin([&c](http::request& req) {
        auto body = read_json_body(req);
        if (!body) return error_to_response(body.error());
        return reply(c.webhooks.update(req.params["id"], *body), 200);
    }));
    r.add("DELETE", "/v1/webhooks/{id}", admin([&c](http::request& req) { return reply(c.webhooks.remove(req.params["id"]), 200); }));
    r.add("POST", "/v1/webhooks/{id}/rotate-secret",
          admin([&c](http::request& req) { return reply(c.webhooks.rotate_secret(req.params["id"]), 200); }));
}

} // namespace touchpoint::engine::api
