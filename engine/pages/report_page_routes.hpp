// The HTML report route, beside the survey pages: GET /reports/{survey_id}.
#pragma once

#include "engine/http/router.hpp"

namespace touchpoint::engine::security {
class report_link_signer;
}
namespace touchpoint::engine::services {
class api_key_service;
class report_service;
class survey_service;
} // namespace touchpoint::engine::services

namespace touchpoint::engine::pages {

struct report_page_dependencies {
    services::survey_service& surveys;
    services::report_service& reports;
    services::api_key_service& keys;
    const security::report_link_signer& report_links;
};

// `d` must outlive the router.
void add_report_page_routes(http::router& r, const report_page_dependencies& d);

} // namespace touchpoint::engine::pages
