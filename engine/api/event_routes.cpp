// /v1/events and /v1/events/batch: lifecycle events from the automation hook.
// Open to ingest keys.
#include "engine/api/json_io.hpp"
#include "engine/api/routes.hpp"
#include "engine/services/event_service.hpp"

#include <boost/json.hpp>

namespace touchpoint::engine::api {
namespace json = boost::json;
using services::key_scope;

void add_event_routes(http::router& r, api_context& c) {
    auto ingest = [&c](http::handler h) { return require_key(c.keys, key_scope::ingest, std::move(h)); };

    // Campaign triggers are what schedule invitations from events; until a
    // campaign listens, "invitations" is empty.
    r.add("POST", "/v1/events", ingest([&c](http::request& req) {
        auto body = read_json_body(req);
        if (!body) return error_to_response(body.error());
        auto result = c.events.record(*body);
        if (!result) return error_to_response(result.error());
        return http::json_response(202, json::object{{"id", result->id}, {"duplicate", result->duplicate},
                                                     {"invitations", json::array{}}});
    }));
    r.add("POST", "/v1/events/batch", ingest([&c](http::request& req) {
        auto body = read_json_body(req);
        if (!body) return error_to_response(body.error());
        auto result = c.events.record_batch(*body);
        if (!result) return error_to_response(result.error());
        json::array events;
        std::size_t duplicates = 0;
        for (const auto& event : *result) {
            duplicates += event.duplicate ? 1 : 0;
            events.push_back(json::object{{"id", event.id}, {"duplicate", event.duplicate}});
        }
        return http::json_response(202, json::object{{"accepted", result->size() - duplicates},
                                                     {"duplicates", duplicates},
                                                     {"events", std::move(events)},
                                                     {"invitations", json::array{}}});
    }));
}

} // namespace touchpoint::engine::api
