// The respondent routes: GET /s/{token} (with ?score=N for one-click links) and
// POST /s/{token}, the form submit.
#pragma once

#include "engine/http/router.hpp"

namespace touchpoint::engine::services {
class response_service;
}

namespace touchpoint::engine::pages {

// `answers_on_network_thread`: the form submit runs on the network threads (on
// SQLite, whose reads never wait), else on the worker pool.
void add_page_routes(http::router& r, services::response_service& responses, bool answers_on_network_thread);

// Reads an application/x-www-form-urlencoded body into name -> values.
std::map<std::string, std::vector<std::string>> parse_form(std::string_view body);

} // namespace touchpoint::engine::pages
