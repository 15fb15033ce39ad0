// What the route handlers reach: the services, by reference, wired in app.cpp.
#pragma once

#include <string>

namespace touchpoint::engine {
class metrics;
}
namespace touchpoint::engine::security {
class report_link_signer;
}
namespace touchpoint::engine::services {
class survey_service;
class contact_service;
class event_service;
class invitation_service;
class response_service;
class report_service;
class api_key_service;
class text_model_service;
class campaign_service;
class campaign_preview_service;
class settings_service;
class webhook_service;
class delivery_log_service;
class timeline_service;
} // namespace touchpoint::engine::services

namespace touchpoint::engine::api {

struct api_context {
    services::survey_service& surveys;
    services::contact_service& contacts;
    services::event_service& events;
    services::invitation_service& invitations;
    services::response_service& responses;
    services::report_service& reports;
    services::api_key_service& keys;
    services::text_model_service& texts;
    services::campaign_service& campaigns;
    services::campaign_preview_service& campaign_previews;
    services::settings_service& settings;
    services::webhook_service& webhooks;
    services::delivery_log_service& delivery_log;
    services::timeline_service& timeline;
    engine::metrics& metrics;
    const security::report_link_signer& report_links;
    std::string public_url; // without a trailing slash
    // On SQLite, reading an invitation never waits for a lock (WAL readers do
    // not block), so answering runs on the network threads; a PostgreSQL read is
    // a network round trip, so there it runs on the worker pool.
    bool answers_on_network_thread = false;
};

} // namespace touchpoint::engine::api
