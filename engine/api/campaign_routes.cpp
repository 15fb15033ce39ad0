// /v1/campaigns: create (as a draft), read, list, edit, activate, pause, resume,
// send (a manual campaign), archive (DELETE), preview; /v1/settings: the fatigue rules every campaign obeys.
#include "engine/api/json_io.hpp"
#include "engine/api/routes.hpp"
#include "engine/services/campaign_preview_service.hpp"
#include "engine/services/campaign_service.hpp"
#include "engine/services/settings_service.hpp"
#include "engine/time_format.hpp"

#include <boost/json.hpp>

namespace touchpoint::engine::api {
namespace json = boost::json;
using services::key_scope;

namespace {

// A walk's progress: {"send_id" | "scan_id", "status", "contacts_seen", "scheduled", "skipped", "started_at", "finished_at"}.
json::object walk_json(const store::audience_walk_row& walk, const char* id_name) {
    return {{id_name, walk.id},
            {"status", walk.status},
            {"contacts_seen", walk.contacts_seen},
            {"scheduled", walk.scheduled},
            {"skipped", walk.skipped},
            {"started_at", format_time(walk.started_at)},
            {"finished_at", walk.finished_at ? json::value(format_time(*walk.finished_at)) : json::value(nullptr)}};
}

json::value optional_walk_json(const std::optional<store::audience_walk_row>& walk, const char* id_name) {
    return walk ? json::value(walk_json(*walk, id_name)) : json::value(nullptr);
}

json::object campaign_json(const services::campaign_view& view) {
    auto out = lifecycle::campaign_to_json(view.definition);
    out["id"] = view.row.id;
    out["status"] = view.row.status;
    const auto& s = view.stats;
    out["stats"] = json::object{{"scheduled", s.scheduled}, {"skipped", s.skipped},     {"cancelled", s.cancelled},
                                {"sent", s.sent},           {"delivered", s.delivered}, {"failed", s.failed},
                                {"expired", s.expired},     {"opened", s.opened},       {"responded", s.responded},
                                {"manual_send", optional_walk_json(view.manual_send, "send_id")},
                                {"scan", optional_walk_json(view.scan, "scan_id")}};
    out["created_at"] = format_time(view.row.created_at);
    out["updated_at"] = format_time(view.row.updated_at);
    if (view.pending_affected) out["pending_invitations_updated"] = *view.pending_affected;
    return out;
}

json::object preview_json(const services::campaign_preview& preview) {
    constexpr std::int64_t day_ms = 86'400'000;
    const auto& summary = preview.summary;
    json::object skipped;
    for (std::size_t i = 0; i < lifecycle::replay_skip_reasons.size(); ++i)
        skipped[lifecycle::replay_skip_reasons[i]] = summary.skipped[i];
    json::array per_day;
    for (const auto& [day, counts] : summary.per_day)
        per_day.push_back(json::object{{"day", format_time(day * day_ms).substr(0, 10)},
                                       {"invitations", counts.invitations},
                                       {"skipped", counts.skipped}});
    json::value campaign_id = nullptr;
    if (preview.campaign_id) campaign_id = *preview.campaign_id;
    return {{"campaign_id", std::move(campaign_id)},
            {"trigger", lifecycle::to_string(preview.trigger)},
            {"since", format_time(preview.since)},
            {"until", format_time(preview.until)},
            {"events", preview.events},
            {"contacts", summary.contacts},
            {"triggers", summary.triggers},
            {"invitations", summary.invitations},
            {"invited_contacts", summary.invited_contacts},
            {"skipped", std::move(skipped)},
            {"per_day", std::move(per_day)},
            {"elapsed_ms", preview.elapsed_ms}};
}

http::response reply(const services::outcome<services::campaign_view>& result, int status) {
    if (!result) return error_to_response(result.error());
    return http::json_response(status, campaign_json(*result));
}

} // namespace

void add_campaign_routes(http::router& r, api_context& c) {
    auto admin = [&c](http::handler h) { return require_key(c.keys, key_scope::admin, std::move(h)); };

    r.add("POST", "/v1/campaigns", admin([&c](http::request& req) {
        auto body = read_json_body(req);
        if (!body) return error_to_response(body.error());
        auto result = c.campaigns.create(*body);
        auto out = reply(result, 201);
        if (result) out.set_header("Location", "/v1/campaigns/" + result->row.id);
        return out;
    }));
    r.add("GET", "/v1/campaigns", admin([&c](http::request& req) {
        auto cursor = read_cursor(req);
        if (!cursor) return error_to_response(cursor.error());
        auto limit = read_limit(req);
        if (!limit) return error_to_response(limit.error());
        store::campaign_filter filter{read_filter_param(req, "status"), read_filter_param(req, "survey_id")};
        if (filter.status && *filter.status != "draft" && *filter.status != "active" && *filter.status != "paused" &&
            *filter.status != "archived")
            return error_to_response(services::invalid_field("status", "must be draft, active, paused or archived"));
        return page_response(c.campaigns.list(filter, *cursor, *limit), *limit, campaign_json);
    }));
    // Replays stored events through a definition without sending anything.
    r.add("POST", "/v1/campaigns/preview", admin([&c](http::request& req) {
        auto body = read_json_body(req);
        if (!body) return error_to_response(body.error());
        auto result = c.campaign_previews.preview(*body);
        if (!result) return error_to_response(result.error());
        return http::json_response(200, preview_json(*result));
    }));
    r.add("GET", "/v1/campaigns/{id}", admin([&c](http::request& req) { return reply(c.campaigns.get(req.params["id"]), 200); }));
    r.add("PUT", "/v1/campaigns/{id}", admin([&c](http::request& req) {
        auto body = read_json_body(req);
        if (!body) return error_to_response(body.error());
        return reply(c.campaigns.update(req.params["id"], *body), 200);
    }));
    r.add("DELETE", "/v1/campaigns/{id}",
          admin([&c](http::request& req) { return reply(c.campaigns.archive(req.params["id"]), 200); }));
    r.add("POST", "/v1/campaigns/{id}/activate",
          admin([&c](http::request& req) { return reply(c.campaigns.activate(req.params["id"]), 200); }));
    r.add("POST", "/v1/campaigns/{id}/pause",
          admin([&c](http::request& req) { return reply(c.campaigns.pause(req.params["id"]), 200); }));
    r.add("POST", "/v1/campaigns/{id}/resume",
          admin([&c](http::request& req) { return reply(c.campaigns.resume(req.params["id"]), 200); }));
    // A manual campaign invites its audience now, in the background: 202 with the send's progress.
    r.add("POST", "/v1/campaigns/{id}/send", admin([&c](http::request& req) {
        auto result = c.campaigns.send(req.params["id"]);
        if (!result) return error_to_response(result.error());
        auto out = http::json_response(202, walk_json(*result, "send_id"));
        out.set_header("Location", "/v1/campaigns/" + req.params["id"]);
        return out;
    }));

    r.add("GET", "/v1/settings", admin([&c](http::request&) { return http::json_response(200, c.settings.to_json()); }));
    r.add("PUT", "/v1/settings", admin([&c](http::request& req) {
        auto body = read_json_body(req);
        if (!body) return error_to_response(body.error());
        auto result = c.settings.update(*body);
        if (!result) return error_to_response(result.error());
        return http::json_response(200, *result);
    }));
}

} // namespace touchpoint::engine::api
