// Registers the public routes on the router; one function per resource.
#pragma once

#include "engine/api/api_context.hpp"
#include "engine/http/router.hpp"

namespace touchpoint::engine::api {

void add_system_routes(http::router& r, api_context& c);
void add_survey_routes(http::router& r, api_context& c);
void add_contact_routes(http::router& r, api_context& c);
void add_event_routes(http::router& r, api_context& c);
void add_invitation_routes(http::router& r, api_context& c);
void add_response_routes(http::router& r, api_context& c);
void add_report_routes(http::router& r, api_context& c);
void add_theme_routes(http::router& r, api_context& c);
void add_campaign_routes(http::router& r, api_context& c);
void add_webhook_routes(http::router& r, api_context& c);

inline void add_api_routes(http::router& r, api_context& c) {
    add_system_routes(r, c);
    add_survey_routes(r, c);
    add_contact_routes(r, c);
    add_event_routes(r, c);
    add_invitation_routes(r, c);
    add_response_routes(r, c);
    add_report_routes(r, c);
    add_theme_routes(r, c);
    add_campaign_routes(r, c);
    add_webhook_routes(r, c);
}

} // namespace touchpoint::engine::api
