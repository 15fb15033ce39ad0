// /v1/invitations: create a respondent link; list with filters.
#include "engine/api/invitation_json.hpp"
#include "engine/api/json_io.hpp"
#include "engine/api/routes.hpp"
#include "engine/services/invitation_service.hpp"
#include "engine/time_format.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <array>

namespace touchpoint::engine::api {
namespace json = boost::json;
using services::key_scope;

void add_invitation_routes(http::router& r, api_context& c) {
    auto admin = [&c](http::handler h) { return require_key(c.keys, key_scope::admin, std::move(h)); };

    r.add("POST", "/v1/invitations", admin([&c](http::request& req) {
        auto body = read_json_body(req);
        if (!body) return error_to_response(body.error());
        auto result = c.invitations.create(*body);
        if (!result) return error_to_response(result.error());
        return http::json_response(201, invitation_json(*result));
    }));
    r.add("GET", "/v1/invitations", admin([&c](http::request& req) {
        auto cursor = read_cursor(req);
        if (!cursor) return error_to_response(cursor.error());
        auto limit = read_limit(req);
        if (!limit) return error_to_response(limit.error());
        auto status = read_filter_param(req, "status");
        static constexpr std::array<std::string_view, 10> statuses{
            "created", "scheduled", "sent", "delivered", "opened", "responded", "skipped", "cancelled", "failed", "expired"};
        if (status && std::ranges::find(statuses, *status) == statuses.end())
            return error_to_response(services::invalid_field(
                "status", "must be created, scheduled, sent, delivered, opened, responded, skipped, cancelled, failed or expired"));
        auto result = c.invitations.list(read_filter_param(req, "survey_id"), read_filter_param(req, "contact"), status,
                                           read_filter_param(req, "campaign"), *cursor, *limit);
        if (!result) return error_to_response(result.error());
        return page_response(*result, *limit, invitation_json);
    }));
}

} // namespace touchpoint::engine::api
