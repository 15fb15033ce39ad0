// /v1/events and /v1/events/batch: lifecycle events from the automation hook.
// Open to ingest keys.
#include "engine/api/invitation_json.hpp"
#include "engine/api/json_io.hpp"
#include "engine/api/routes.hpp"
#include "engine/services/event_service.hpp"
#include "engine/services/invitation_service.hpp"

#include <boost/json.hpp>

namespace touchpoint::engine::api {
namespace json = boost::json;
using services::key_scope;

namespace {

// The invitations events made, as the API writes invitations; the contact is
// the event's, given by its external id.
json::array invitations_json(api_context& c, const services::recorded_event& event, const std::string& contact) {
    json::array out;
    for (const auto& row : event.invitations) out.push_back(invitation_json(c.invitations.view_of(row, contact)));
    return out;
}

std::string contact_of(const json::value& event) {
    const auto* contact = event.is_object() ? event.get_object().if_contains("contact") : nullptr;
    return contact && contact->is_string() ? std::string(contact->get_string()) : std::string();
}

} // namespace

void add_event_routes(http::router& r, api_context& c) {
    auto ingest = [&c](http::handler h) { return require_key(c.keys, key_scope::ingest, std::move(h)); };

    // "invitations": what the campaigns the event woke made, scheduled or skipped with a reason.
    r.add("POST", "/v1/events", ingest([&c](http::request& req) {
        auto body = read_json_body(req);
        if (!body) return error_to_response(body.error());
        auto result = c.events.record(*body);
        if (!result) return error_to_response(result.error());
        return http::json_response(202, json::object{{"id", result->id}, {"duplicate", result->duplicate},
                                                     {"invitations", invitations_json(c, *result, contact_of(*body))}});
    }));
    r.add("POST", "/v1/events/batch", ingest([&c](http::request& req) {
        auto body = read_json_body(req);
        if (!body) return error_to_response(body.error());
        auto result = c.events.record_batch(*body);
        if (!result) return error_to_response(result.error());
        json::array events, invitations;
        std::size_t duplicates = 0;
        const auto& posted = body->at("events").as_array(); // validated: one per recorded event, in order
        for (std::size_t i = 0; i < result->size(); ++i) {
            const auto& event = (*result)[i];
            duplicates += event.duplicate ? 1 : 0;
            events.push_back(json::object{{"id", event.id}, {"duplicate", event.duplicate}});
            for (auto& invitation : invitations_json(c, event, contact_of(posted[i]))) invitations.push_back(std::move(invitation));
        }
        return http::json_response(202, json::object{{"accepted", result->size() - duplicates},
                                                     {"duplicates", duplicates},
                                                     {"events", std::move(events)},
                                                     {"invitations", std::move(invitations)}});
    }));
}

} // namespace touchpoint::engine::api
