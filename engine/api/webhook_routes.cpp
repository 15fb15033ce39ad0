// /v1/webhooks: subscriptions to the engine's events, their secrets shown once
// and rotated with an overlap.
#include "engine/api/json_io.hpp"
#include "engine/api/routes.hpp"
#include "engine/services/delivery_log_service.hpp"
#include "engine/services/webhook_service.hpp"
#include "engine/stored_json.hpp"
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

json::value optional_text(const std::optional<std::string>& value) { return value ? json::value(*value) : json::value(nullptr); }

// A delivery in the log: the message's id (its webhook-id), type and status;
// with `detail`, its body and every attempt too.
json::object delivery_json(const services::delivery_view& view, bool detail) {
    const auto& job = view.job;
    const auto payload = parse_stored_json(job.payload);
    const auto* url = payload.is_object() ? payload.get_object().if_contains("url") : nullptr;
    json::object out{{"id", job.id},
                     {"message_id", job.idempotency_key},
                     {"event_type", optional_text(job.event_type)},
                     {"status", services::delivery_status(job.state)},
                     {"attempts", job.attempts},
                     {"next_attempt_at", job.state == "pending" ? json::value(format_time(job.due_at)) : json::value(nullptr)},
                     {"last_error", optional_text(job.last_error)},
                     {"invitation_id", optional_text(job.invitation_id)},
                     {"url", url && url->is_string() ? *url : json::value(nullptr)},
                     {"created_at", format_time(job.created_at)},
                     {"updated_at", format_time(job.updated_at)}};
    if (!detail) return out;
    const auto* body = payload.is_object() ? payload.get_object().if_contains("body") : nullptr;
    out["body"] = body && body->is_string() ? parse_stored_json(body->get_string()) : json::value(nullptr);
    json::array attempts;
    for (const auto& attempt : view.attempts)
        attempts.push_back(json::object{{"attempt", attempt.attempt},
                                        {"started_at", format_time(attempt.started_at)},
                                        {"duration_ms", attempt.duration_ms},
                                        {"outcome", attempt.outcome},
                                        {"peer_status", attempt.peer_status ? json::value(*attempt.peer_status) : json::value(nullptr)},
                                        {"error", optional_text(attempt.error)}});
    out["attempt_log"] = std::move(attempts);
    return out;
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

    r.add("GET", "/v1/webhooks/{id}/deliveries", admin([&c](http::request& req) {
        auto cursor = read_cursor(req);
        if (!cursor) return error_to_response(cursor.error());
        auto limit = read_limit(req);
        if (!limit) return error_to_response(limit.error());
        services::delivery_query query;
        query.status = read_filter_param(req, "status");
        query.event_type = read_filter_param(req, "event_type");
        auto since = read_time_param(req, "since");
        if (!since) return error_to_response(since.error());
        auto until = read_time_param(req, "until");
        if (!until) return error_to_response(until.error());
        query.since = *since;
        query.until = *until;
        auto views = c.delivery_log.list(req.params["id"], query, *cursor, *limit);
        if (!views) return error_to_response(views.error());
        json::array data;
        for (const auto& view : *views) data.push_back(delivery_json(view, false));
        json::value next = nullptr;
        if (static_cast<int>(views->size()) == *limit) next = encode_cursor({views->back().job.created_at, views->back().job.id});
        return http::json_response(200, json::object{{"data", std::move(data)}, {"next_cursor", std::move(next)}});
    }));
    r.add("GET", "/v1/webhooks/{id}/deliveries/{delivery_id}", admin([&c](http::request& req) {
        auto view = c.delivery_log.get(req.params["id"], req.params["delivery_id"]);
        if (!view) return error_to_response(view.error());
        return http::json_response(200, delivery_json(*view, true));
    }));
    r.add("POST", "/v1/webhooks/{id}/deliveries/{delivery_id}/retry", admin([&c](http::request& req) {
        auto view = c.delivery_log.retry(req.params["id"], req.params["delivery_id"]);
        if (!view) return error_to_response(view.error());
        return http::json_response(202, delivery_json(*view, true));
    }));
    r.add("POST", "/v1/webhooks/{id}/replay", admin([&c](http::request& req) {
        auto body = read_json_body(req);
        if (!body) return error_to_response(body.error());
        auto requeued = c.delivery_log.replay(req.params["id"], *body);
        if (!requeued) return error_to_response(requeued.error());
        return http::json_response(202, json::object{{"requeued", *requeued}});
    }));
}

} // namespace touchpoint::engine::api
