// /v1/contacts/{external_id}: upsert, read, erase. Open to ingest keys.
#include "engine/api/json_io.hpp"
#include "engine/api/routes.hpp"
#include "engine/services/contact_service.hpp"
#include "engine/services/timeline_service.hpp"
#include "engine/stored_json.hpp"
#include "engine/time_format.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace touchpoint::engine::api {
namespace json = boost::json;
using services::key_scope;

namespace {

json::value optional_text(const std::optional<std::string>& value) {
    return value ? json::value(*value) : json::value(nullptr);
}

json::object contact_json(const services::upserted_contact& contact) {
    const auto& row = contact.row;
    return {{"external_id", row.external_id}, {"email", optional_text(row.email)}, {"name", optional_text(row.name)},
            {"locale", optional_text(row.locale)}, {"timezone", optional_text(row.timezone)},
            {"attributes", parse_stored_json(row.attributes)},
            {"unsubscribed_at", contact.unsubscribed_at ? json::value(format_time(*contact.unsubscribed_at)) : json::value(nullptr)},
            {"created_at", format_time(row.created_at)}, {"updated_at", format_time(row.updated_at)}};
}

json::value optional_time(const std::optional<std::int64_t>& value) {
    return value ? json::value(format_time(*value)) : json::value(nullptr);
}

// {"contact", "entries": [{"at","type",<type>: {...}}], "truncated"}, oldest entry first.
json::object timeline_json(const services::contact_timeline& timeline) {
    std::vector<std::pair<std::int64_t, json::object>> entries;
    const auto add = [&entries](std::int64_t at, const char* type, json::object detail) {
        entries.emplace_back(at, json::object{{"at", format_time(at)}, {"type", type}, {type, std::move(detail)}});
    };
    for (const auto& event : timeline.events)
        add(event.occurred_at, "event",
            {{"id", event.id}, {"name", event.name}, {"properties", parse_stored_json(event.properties)},
             {"received_at", format_time(event.received_at)}});
    for (const auto& row : timeline.invitations)
        add(row.created_at, "invitation",
            {{"id", row.id}, {"survey_id", row.survey_id}, {"campaign_id", optional_text(row.campaign_id)},
             {"channel", row.channel}, {"status", row.status}, {"reason", optional_text(row.reason)},
             {"due_at", optional_time(row.due_at)}, {"sent_at", optional_time(row.sent_at)},
             {"delivered_at", optional_time(row.delivered_at)}, {"attempts", row.attempts},
             {"expires_at", optional_time(row.expires_at)}});
    for (const auto& attempt : timeline.attempts)
        add(attempt.started_at, "delivery_attempt",
            {{"delivery_id", attempt.job_id}, {"kind", attempt.kind}, {"event_type", optional_text(attempt.event_type)},
             {"invitation_id", attempt.invitation_id}, {"attempt", attempt.attempt}, {"outcome", attempt.outcome},
             {"peer_status", attempt.peer_status ? json::value(*attempt.peer_status) : json::value(nullptr)},
             {"error", optional_text(attempt.error)}, {"duration_ms", attempt.duration_ms}});
    for (const auto& response : timeline.responses)
        add(response.created_at, "response",
            {{"id", response.id}, {"survey_id", response.survey_id}, {"invitation_id", response.invitation_id},
             {"channel", response.channel}, {"complete", response.complete},
             {"answers", parse_stored_json(response.answers)}, {"updated_at", format_time(response.updated_at)}});
    // Stable: at one instant, events come before what they caused.
    std::ranges::stable_sort(entries, {}, [](const auto& entry) { return entry.first; });
    json::array out;
    for (auto& [at, entry] : entries) out.push_back(std::move(entry));
    return {{"contact", timeline.contact.external_id}, {"entries", std::move(out)}, {"truncated", timeline.truncated}};
}

} // namespace

void add_contact_routes(http::router& r, api_context& c) {
    auto ingest = [&c](http::handler h) { return require_key(c.keys, key_scope::ingest, std::move(h)); };
    auto admin = [&c](http::handler h) { return require_key(c.keys, key_scope::admin, std::move(h)); };

    // Admin only: the timeline shows responses.
    r.add("GET", "/v1/contacts/{external_id}/timeline", admin([&c](http::request& req) {
        auto timeline = c.timeline.of(req.params["external_id"]);
        if (!timeline) return error_to_response(timeline.error());
        return http::json_response(200, timeline_json(*timeline));
    }));

    r.add("PUT", "/v1/contacts/{external_id}", ingest([&c](http::request& req) {
        auto body = read_json_body(req);
        if (!body) return error_to_response(body.error());
        auto result = c.contacts.upsert(req.params["external_id"], *body);
        if (!result) return error_to_response(result.error());
        return http::json_response(result->created ? 201 : 200, contact_json(*result));
    }));
    r.add("GET", "/v1/contacts/{external_id}", ingest([&c](http::request& req) {
        auto result = c.contacts.get(req.params["external_id"]);
        if (!result) return error_to_response(result.error());
        return http::json_response(200, contact_json(*result));
    }));
    r.add("DELETE", "/v1/contacts/{external_id}", ingest([&c](http::request& req) {
        auto result = c.contacts.erase(req.params["external_id"]);
        if (!result) return error_to_response(result.error());
        http::response out;
        out.status = 204;
        return out;
    }));
}

} // namespace touchpoint::engine::api
